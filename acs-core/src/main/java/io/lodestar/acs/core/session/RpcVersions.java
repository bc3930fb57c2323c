package io.lodestar.acs.core.session;

import io.lodestar.acs.core.rpc.CwmpVersion;

import java.util.Map;

/**
 * The CWMP version that introduced each ACS method newer than 1.0, as the Broadband Forum schemas have them
 * (cwmp-1-1.xsd adds GetAllQueuedTransfers; cwmp-1-2.xsd adds ScheduleDownload, CancelTransfer and ChangeDUState).
 * A session in an older version cannot carry the request: the device would fault 9000, or choke on an element
 * its schema lacks.
 */
final class RpcVersions {

    /** TR-069's CPE fault Method not supported: what the device would answer (a fault retrying cannot cure). */
    static final int CPE_METHOD_NOT_SUPPORTED = 9000;

    private static final Map<String, CwmpVersion> SINCE = Map.of(
            "GetAllQueuedTransfers", CwmpVersion.V1_1,
            "ScheduleDownload", CwmpVersion.V1_2,
            "CancelTransfer", CwmpVersion.V1_2,
            "ChangeDUState", CwmpVersion.V1_2);

    private RpcVersions() {}

    /** The first version with {@code method}; 1.0 for the methods every version has. */
    static CwmpVersion since(String method) {
        return SINCE.getOrDefault(method, CwmpVersion.V1_0);
    }
}
