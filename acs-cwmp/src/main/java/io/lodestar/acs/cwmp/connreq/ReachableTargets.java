package io.lodestar.acs.cwmp.connreq;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where to send a device's connection request. The reported ConnectionRequestURL first, except when it names a
 * private address (RFC 1918, RFC 6598 shared, IPv6 unique local or link-local) other than the address the device
 * informed from: the device is behind NAT and its own address means nothing here, so the observed address (same
 * scheme, port and path) comes first and the reported one after it (it may still work when the ACS sits in the
 * same private network).
 */
final class ReachableTargets {

    private ReachableTargets() {}

    static List<String> of(String reportedUrl, String observedAddress, boolean tryObserved) {
        List<String> out = new ArrayList<>();
        if (tryObserved && observedAddress != null && !observedAddress.isBlank()) {
            String observed = observedUrl(reportedUrl, host(observedAddress));
            if (observed != null) {
                out.add(observed);
            }
        }
        out.add(reportedUrl);
        return out;
    }

    /**
     * Whether the device sits behind NAT as far as its addresses tell: its URL names a private address other than
     * the one it informed from (whatever {@code connreq.try-observed-address} says).
     */
    static boolean behindNat(String reportedUrl, String observedAddress) {
        return reportedUrl != null && observedAddress != null && !observedAddress.isBlank()
                && observedUrl(reportedUrl, host(observedAddress)) != null;
    }

    /** The reported URL at the observed host, or null when the rule does not apply. */
    private static String observedUrl(String reportedUrl, String observedHost) {
        try {
            URI u = new URI(reportedUrl);
            String host = u.getHost();
            if (host == null || !isPrivateLiteral(host)) {
                return null;
            }
            InetAddress reported = InetAddress.getByName(strip(host));
            InetAddress observed = InetAddress.getByName(strip(observedHost));
            if (reported.equals(observed)) {
                return null;
            }
            String hostPart = observed instanceof java.net.Inet6Address ? "[" + observed.getHostAddress() + "]"
                    : observed.getHostAddress();
            return new URI(u.getScheme(), u.getRawUserInfo(), hostPart, u.getPort(), u.getRawPath(), u.getRawQuery(),
                    null).toString().replace("%5B", "[").replace("%5D", "]");
        } catch (URISyntaxException | UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The host of a remote address as stored ("192.0.2.1", "192.0.2.1:51234", "[2001:db8::1]:51234", "/x:p"). */
    static String host(String remote) {
        String r = remote.trim();
        if (r.startsWith("/")) {
            r = r.substring(1);
        }
        if (r.startsWith("[")) {
            int end = r.indexOf(']');
            return end > 0 ? r.substring(1, end) : r;
        }
        int colon = r.indexOf(':');
        if (colon > 0 && r.indexOf(':', colon + 1) < 0) {
            return r.substring(0, colon); // IPv4 with a port
        }
        return r;
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Whether the host is an IP literal in a private range (names are never resolved here: no DNS per request). */
    static boolean isPrivateLiteral(String host) {
        String h = strip(host).toLowerCase(Locale.ROOT);
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(h);
            if (a.isSiteLocalAddress() || a.isLinkLocalAddress()) {
                return true;
            }
            byte[] b = a.getAddress();
            if (b.length == 4) {
                return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10, carrier-grade NAT
            }
            return (b[0] & 0xfe) == 0xfc; // fc00::/7, unique local
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
