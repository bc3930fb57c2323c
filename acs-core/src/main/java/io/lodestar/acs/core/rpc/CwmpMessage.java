package io.lodestar.acs.core.rpc;

/**
 * One CWMP message: the single element inside a SOAP Body. The four sub-families say who sends it and
 * whether it asks or answers, which is all the session engine needs to route it.
 */
public sealed interface CwmpMessage permits CwmpMessage.AcsRequest, CwmpMessage.CpeResponse,
        CwmpMessage.CpeRequest, CwmpMessage.AcsResponse, CwmpFault, UnknownMethod {

    /** The RPC's element name, e.g. {@code GetParameterValues}. */
    String methodName();

    /** An RPC the ACS sends to the CPE. */
    non-sealed interface AcsRequest extends CwmpMessage {}

    /** The CPE's answer to an {@link AcsRequest}. */
    non-sealed interface CpeResponse extends CwmpMessage {}

    /** An RPC the CPE sends to the ACS (Inform, TransferComplete, ...). */
    non-sealed interface CpeRequest extends CwmpMessage {}

    /** The ACS's answer to a {@link CpeRequest}. */
    non-sealed interface AcsResponse extends CwmpMessage {}
}
