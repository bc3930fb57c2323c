package io.lodestar.acs.profiles.identify;

import io.lodestar.acs.profiles.device.DeviceKey;
import io.lodestar.acs.profiles.device.MacAddress;
import io.lodestar.acs.profiles.template.Macro;
import io.lodestar.acs.profiles.template.ProfileTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Tells, from a request's path and User-Agent alone, which template a phone asks for and which device it is: a
 * pure function, no store. The path must match a template's path; the device is named by the path's MAC or serial
 * macro, else by the User-Agent's MAC (then serial). A path and a User-Agent naming different MACs are refused:
 * one phone asking for another's profile is what an attacker does.
 */
public final class DeviceIdentifier {

    private DeviceIdentifier() {
    }

    public static Identification identify(String rawPath, String userAgent, Collection<ProfileTemplate> templates) {
        Optional<String> path = decodePath(rawPath);
        if (path.isEmpty()) {
            return new Identification.NoProfile("the request path is not a plain profile path");
        }
        ProfileTemplate template = null;
        Map<Macro, String> values = null;
        for (ProfileTemplate t : templates.stream()
                .sorted(Comparator.comparingInt((ProfileTemplate x) -> -x.path().literalLength())
                        .thenComparing(ProfileTemplate::name)).toList()) {
            Optional<Map<Macro, String>> match = t.path().match(path.get());
            if (match.isPresent()) {
                template = t;
                values = match.get();
                break;
            }
        }
        if (template == null) {
            return new Identification.NoProfile("no profile template serves " + path.get());
        }
        PhoneUserAgent agent = PhoneUserAgent.parse(userAgent).orElse(null);
        Optional<MacAddress> pathMac = macFromPath(values);
        if (pathMac.isPresent() && agent != null && !agent.mac().equals(pathMac.get())) {
            return new Identification.Unidentified("the path names MAC " + pathMac.get() + " but the User-Agent names "
                    + agent.mac());
        }
        if (pathMac.isPresent()) {
            return new Identified(template, new DeviceKey.ByMac(pathMac.get()), agent, values);
        }
        if (values.containsKey(Macro.SN)) {
            if (agent != null && agent.serialNumber() != null && !agent.serialNumber().equals(values.get(Macro.SN))) {
                return new Identification.Unidentified("the path names serial " + values.get(Macro.SN)
                        + " but the User-Agent names " + agent.serialNumber());
            }
            return new Identified(template, new DeviceKey.BySerial(values.get(Macro.SN)), agent, values);
        }
        if (agent != null) {
            return new Identified(template, new DeviceKey.ByMac(agent.mac()), agent, values);
        }
        return new Identification.Unidentified("profile path " + template.path() + " names no device and the "
                + "User-Agent is not a known phone form (" + (userAgent == null ? "absent" : "'" + abbreviate(userAgent) + "'") + ")");
    }

    private static Optional<MacAddress> macFromPath(Map<Macro, String> values) {
        for (Macro m : new Macro[]{Macro.MA, Macro.MAU, Macro.MAC}) {
            if (values.containsKey(m)) {
                return MacAddress.parse(values.get(m));
            }
        }
        return Optional.empty();
    }

    /** The path without its query, percent-decoded; empty when malformed or when it tries to climb ('..'). */
    static Optional<String> decodePath(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 2 * PathPattern.MAX_LENGTH) {
            return Optional.empty();
        }
        int q = raw.indexOf('?');
        String p = q < 0 ? raw : raw.substring(0, q);
        String decoded;
        try {
            decoded = java.net.URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (decoded.contains("..") || decoded.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\')) {
            return Optional.empty();
        }
        return Optional.of(decoded.startsWith("/") ? decoded : "/" + decoded);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
