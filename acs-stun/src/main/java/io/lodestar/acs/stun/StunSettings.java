package io.lodestar.acs.stun;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code stun.*} settings of the built-in STUN server and of the UDP connection requests sent from its socket.
 *
 * @param enabled                   whether the ACS runs the STUN server (and so can send UDP connection requests)
 * @param bind                      the address to listen on
 * @param port                      the UDP port (0: any free one)
 * @param requireIntegrity          refuse (401) Binding Requests whose USERNAME has no known STUNPassword; when
 *                                  false such requests are answered and learned without authentication
 * @param maxBindings               how many devices' bindings are remembered; the least recently seen goes first
 * @param bindingTtl                a binding not refreshed for this long is forgotten (several keep-alive periods)
 * @param requestCopies             how many copies of one UDP connection request are sent (UDP may lose some)
 * @param requestInterval           the wait before the second copy; it doubles for each further copy
 * @param requestMaxInterval        the longest wait between two copies
 * @param policy                    whether the ACS turns STUN on for every device after its {@code 0 BOOTSTRAP}
 *                                  session ({@link StunPolicy}): {@code off} or {@code bootstrap}
 * @param publicAddress             {@code host} or {@code host:port} the devices reach this server at (the
 *                                  STUNServerAddress and STUNServerPort the policy sets; port: {@code stun.port})
 */
public record StunSettings(boolean enabled, String bind, int port, boolean requireIntegrity, int maxBindings,
                           Duration bindingTtl, int requestCopies, Duration requestInterval, Duration requestMaxInterval,
                           boolean policy, String publicAddress) {

    /** The keys this module owns, with their defaults. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("stun.enabled", "false", "run the built-in STUN server (TR-111) for UDP connection requests to devices behind NAT"),
            new Setting("stun.bind", "0.0.0.0", "the address the STUN server listens on"),
            new Setting("stun.port", "3478", "the STUN server's UDP port (0: any free one)"),
            new Setting("stun.require-integrity", "false",
                    "refuse (401) Binding Requests from a STUNUsername without a known STUNPassword instead of learning them unauthenticated"),
            new Setting("stun.max-bindings", "200000", "how many devices' UDP bindings are remembered (the least recently seen is forgotten first)"),
            new Setting("stun.binding-ttl", "30m", "a device's UDP binding not refreshed by a Binding Request for this long is forgotten"),
            new Setting("stun.connection-request-copies", "4", "copies of one UDP connection request sent (same id: the CPE acts once)"),
            new Setting("stun.connection-request-interval", "500ms", "wait before the second copy of a UDP connection request; doubles for each further copy"),
            new Setting("stun.connection-request-max-interval", "4s", "longest wait between two copies of a UDP connection request"),
            new Setting("stun.policy", "off",
                    "bootstrap: after a device's 0 BOOTSTRAP session the ACS sets STUNEnable, STUNServerAddress/Port, STUNUsername (its id), a STUNPassword of its own and keep-alives on it; off: leaves STUN to the operator"),
            new Setting("stun.public-address", "",
                    "host or host:port the devices reach the STUN server at (what stun.policy sets as STUNServerAddress/Port; port defaults to stun.port)"));

    private static final Pattern QUOTED_KEY = Pattern.compile("'(stun\\.[a-z.-]+)'");

    public StunSettings {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("setting 'stun.bind' needs an address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("setting 'stun.port' must be 0..65535, not " + port);
        }
        if (maxBindings < 1) {
            throw new IllegalArgumentException("setting 'stun.max-bindings' must be at least 1, not " + maxBindings);
        }
        if (bindingTtl.isNegative() || bindingTtl.isZero()) {
            throw new IllegalArgumentException("setting 'stun.binding-ttl' must be positive");
        }
        if (requestCopies < 1 || requestCopies > 10) {
            throw new IllegalArgumentException("setting 'stun.connection-request-copies' must be 1..10, not " + requestCopies);
        }
        if (publicAddress == null) {
            publicAddress = "";
        }
        if (policy && (!enabled || publicAddress.isBlank())) {
            throw new IllegalArgumentException("setting 'stun.policy' bootstrap needs stun.enabled=true and a "
                    + "stun.public-address the devices reach the server at");
        }
        if (publicAddress.chars().anyMatch(Character::isWhitespace) || portOf(publicAddress) < 0) {
            throw new IllegalArgumentException("setting 'stun.public-address' is host or host:port, not '" + publicAddress + "'");
        }
        if (requestInterval.isNegative() || requestInterval.isZero() || requestMaxInterval.compareTo(requestInterval) < 0) {
            throw new IllegalArgumentException("setting 'stun.connection-request-interval' must be positive and at most "
                    + "'stun.connection-request-max-interval'");
        }
    }

    /** Reads the {@code stun.*} keys; a bad value is refused naming its key. */
    public static StunSettings from(SettingsReader s) {
        try {
            return new StunSettings(s.bool("stun.enabled"), s.string("stun.bind").trim(), s.integer("stun.port", 0, 65535),
                    s.bool("stun.require-integrity"), s.integer("stun.max-bindings", 1, 100_000_000),
                    s.positiveDuration("stun.binding-ttl"), s.integer("stun.connection-request-copies", 1, 10),
                    s.positiveDuration("stun.connection-request-interval"),
                    s.positiveDuration("stun.connection-request-max-interval"), policy(s.string("stun.policy")),
                    s.string("stun.public-address").trim());
        } catch (IllegalArgumentException e) {
            // the record's own checks name their key in the message: 'stun.bind', 'stun.connection-request-interval'
            Matcher m = QUOTED_KEY.matcher(e.getMessage());
            throw new SettingsException(m.find() ? m.group(1) : "stun.enabled", e.getMessage());
        }
    }

    private static boolean policy(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "off", "" -> false;
            case "bootstrap" -> true;
            default -> throw new IllegalArgumentException("setting 'stun.policy' is off or bootstrap, not '" + value + "'");
        };
    }

    /** The host devices are told to send their Binding Requests to (the policy's STUNServerAddress). */
    public String publicHost() {
        return hostOf(publicAddress);
    }

    /** The port devices are told (the policy's STUNServerPort): the one in stun.public-address, else {@code actualPort}. */
    public int publicPort(int actualPort) {
        int given = portOf(publicAddress);
        return given > 0 ? given : actualPort;
    }

    /** {@code host:port} (one colon, or {@code [v6]:port}) gives the host; anything else is all host. */
    private static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        boolean hostPort = colon > 0 && (address.indexOf(':') == colon || address.charAt(colon - 1) == ']');
        return hostPort ? address.substring(0, colon) : address;
    }

    /** The port of {@code host:port}, 0 when none is given, -1 when it is not 1..65535. */
    private static int portOf(String address) {
        String host = hostOf(address);
        if (host.length() == address.length()) {
            return 0;
        }
        try {
            int p = Integer.parseInt(address.substring(host.length() + 1));
            return p >= 1 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The defaults with some keys given (tests and embedding); unknown keys are refused. */
    public static StunSettings from(Map<String, String> given) {
        return from(SettingsReader.of(SETTINGS, given));
    }
}
