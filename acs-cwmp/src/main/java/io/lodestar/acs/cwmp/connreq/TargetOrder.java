package io.lodestar.acs.cwmp.connreq;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The order in which a device's connection request targets are tried: its ConnectionRequestURL over HTTP (with the
 * observed address first, see {@link ReachableTargets}) and the addresses other transports offer (UDP through the
 * STUN server, TR-069 Annex G).
 *
 * <p>HTTP first, the others after it (tried when HTTP is unreachable or times out), except when HTTP cannot reach
 * the device: its URL names a private address other than the one it informed from, or it reports
 * {@code NATDetected=true}, or its {@code SupportedConnReqMethods} names STUN before HTTP. Then the other transports'
 * addresses come first: a UDP request has no answer, so once sent the HTTP targets behind it are not tried, and
 * trying them first would cost the connect time-out of a NAT that drops the SYN.
 */
final class TargetOrder {

    private TargetOrder() {}

    static List<String> of(List<String> http, List<String> others, boolean behindNat, Map<String, String> managementServer) {
        if (others.isEmpty()) {
            return http;
        }
        List<String> out = new ArrayList<>();
        if (othersFirst(behindNat, managementServer)) {
            out.addAll(others);
            out.addAll(http);
        } else {
            out.addAll(http);
            out.addAll(others);
        }
        return out;
    }

    static boolean othersFirst(boolean behindNat, Map<String, String> managementServer) {
        if (behindNat || "true".equalsIgnoreCase(managementServer.getOrDefault("NATDetected", "").trim())
                || "1".equals(managementServer.getOrDefault("NATDetected", "").trim())) {
            return true;
        }
        List<String> methods = List.of(managementServer.getOrDefault("SupportedConnReqMethods", "")
                .toUpperCase(Locale.ROOT).replace(" ", "").split(","));
        int stun = methods.indexOf("STUN");
        int http = methods.indexOf("HTTP");
        return stun >= 0 && (http < 0 || stun < http);
    }
}
