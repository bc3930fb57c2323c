package io.lodestar.acs.api;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code api.*} settings of the operators' REST API.
 *
 * @param bind           the address to listen on (loopback by default: the API is for operators, not the world)
 * @param port           the port (0: any free one)
 * @param maxBodyBytes   the largest request body accepted; larger ones get 413
 * @param rateLimit      requests per second one token may make (0: no limit); more get 429
 * @param corsOrigins    the browser origins allowed to call the API (empty: CORS off)
 * @param tlsCertificate a PEM certificate chain, or null for plain HTTP
 * @param tlsKey         the PEM (PKCS#8) private key of the certificate, or null
 */
public record ApiSettings(String bind, int port, int maxBodyBytes, int rateLimit, List<String> corsOrigins,
                          Path tlsCertificate, Path tlsKey) {

    /** The keys and their defaults, in documentation order. */
    public static final Map<String, String> DEFAULTS = defaults();

    public ApiSettings {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("setting 'api.bind' needs an address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("setting 'api.port' must be 0..65535, not " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("setting 'api.max-body-bytes' must be at least 1024, not " + maxBodyBytes);
        }
        if (rateLimit < 0) {
            throw new IllegalArgumentException("setting 'api.rate-limit' must be 0 (off) or more, not " + rateLimit);
        }
        corsOrigins = List.copyOf(corsOrigins);
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("settings 'api.tls.certificate' and 'api.tls.key' go together: give both or neither");
        }
    }

    public boolean tls() {
        return tlsCertificate != null;
    }

    /**
     * Reads the {@code api.*} keys of a settings map (other keys are ignored; missing ones take their default).
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static ApiSettings from(Map<String, String> settings) {
        String bind = value(settings, "api.bind");
        int port = integer(settings, "api.port");
        int maxBody = integer(settings, "api.max-body-bytes");
        int rate = integer(settings, "api.rate-limit");
        List<String> origins = Arrays.stream(value(settings, "api.cors-origins").split(","))
                .map(String::trim).filter(o -> !o.isEmpty()).toList();
        String cert = value(settings, "api.tls.certificate").trim();
        String key = value(settings, "api.tls.key").trim();
        return new ApiSettings(bind, port, maxBody, rate, origins, cert.isEmpty() ? null : Path.of(cert),
                key.isEmpty() ? null : Path.of(key));
    }

    private static String value(Map<String, String> settings, String key) {
        String v = settings.get(key);
        return v == null ? DEFAULTS.get(key) : v;
    }

    private static int integer(Map<String, String> settings, String key) {
        String v = value(settings, key).trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a whole number, not '" + v + "'");
        }
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("api.bind", "127.0.0.1");
        m.put("api.port", "7557");
        m.put("api.max-body-bytes", String.valueOf(1024 * 1024));
        m.put("api.rate-limit", "50");
        m.put("api.cors-origins", "");
        m.put("api.tls.certificate", "");
        m.put("api.tls.key", "");
        return java.util.Collections.unmodifiableMap(m);
    }
}
