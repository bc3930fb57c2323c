package io.lodestar.acs.core.session;

import java.util.List;

/**
 * Where a device keeps the results of the diagnostics that {@code 8 DIAGNOSTICS COMPLETE} announces: the standard
 * diagnostics objects of TR-098 (InternetGatewayDevice.) and TR-181 (Device.). The event does not say which test
 * ran, so the session reads all of those the device is known to have.
 */
final class DiagnosticsObjects {

    private static final List<String> RELATIVE = List.of(
            "IPPingDiagnostics.", "TraceRouteDiagnostics.", "DownloadDiagnostics.", "UploadDiagnostics.",
            "UDPEchoDiagnostics.", "NSLookupDiagnostics.", "IP.Diagnostics.", "DNS.Diagnostics.");

    private DiagnosticsObjects() {}

    /** The diagnostics objects under {@code root} that the session's view of the tree holds. */
    static List<String> present(String root, SessionParameters parameters) {
        if (root == null || root.isEmpty()) {
            return List.of();
        }
        return RELATIVE.stream().map(r -> root + r)
                .filter(path -> parameters.get(path) != null || !parameters.subtree(path).isEmpty())
                .toList();
    }
}
