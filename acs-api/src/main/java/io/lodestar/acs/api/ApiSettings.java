package io.lodestar.acs.api;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;

import java.nio.file.Path;
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
 * @param metrics        whether {@code GET /metrics} is served, and to whom
 */
public record ApiSettings(String bind, int port, int maxBodyBytes, int rateLimit, List<String> corsOrigins,
                          Path tlsCertificate, Path tlsKey, MetricsAccess metrics) {

    /**
     * Who may read {@code GET /metrics} (docs/metrics.md). Open by default because the API listens on the loopback
     * address by default: only the machine's own processes (a Prometheus or an agent beside the ACS) reach it, and
     * Prometheus scrapes most simply without a secret to distribute. Bound elsewhere, the figures (fleet size, product
     * classes, fault rates) are worth a token: {@code token} asks for one with scope {@code read}.
     */
    public enum MetricsAccess {
        /** Served without a token. */
        ON,
        /** Served to a bearer token with scope {@code read}. */
        TOKEN,
        /** Not served (404), and no metrics are kept. */
        OFF
    }

    /** The keys this module owns, with their defaults. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("api.bind", "127.0.0.1", "the address the operators' REST API listens on (loopback: operators only)"),
            new Setting("api.port", "7557", "the REST API's port (0: any free one)"),
            new Setting("api.max-body-bytes", String.valueOf(1024 * 1024),
                    "largest request body the REST API accepts; larger ones get HTTP 413"),
            new Setting("api.rate-limit", "50", "requests per second one API token may make (0: no limit); more get 429"),
            new Setting("api.cors-origins", "", "browser origins allowed to call the API, comma-separated (empty: CORS off)"),
            new Setting("api.tls.certificate", "", "PEM certificate chain for HTTPS on the API (empty: plain HTTP)"),
            new Setting("api.tls.key", "", "PEM (PKCS#8) private key of api.tls.certificate"),
            new Setting("api.metrics", "on", "GET /metrics for Prometheus: on (no token), token (a read token), off"));

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
        java.util.Objects.requireNonNull(metrics, "metrics");
    }

    public boolean tls() {
        return tlsCertificate != null;
    }

    /** Reads the {@code api.*} keys; a bad value is refused naming its key. */
    public static ApiSettings from(SettingsReader s) {
        String cert = s.string("api.tls.certificate").trim();
        String key = s.string("api.tls.key").trim();
        try {
            return new ApiSettings(s.string("api.bind"), s.integer("api.port", 0, 65535),
                    s.integer("api.max-body-bytes", 1024, Integer.MAX_VALUE), s.integer("api.rate-limit", 0, 1_000_000),
                    s.list("api.cors-origins"), cert.isEmpty() ? null : Path.of(cert), key.isEmpty() ? null : Path.of(key),
                    s.enumValue("api.metrics", MetricsAccess.class));
        } catch (IllegalArgumentException e) {
            throw new SettingsException("api.tls.certificate", e.getMessage());
        }
    }

    /** The defaults with some keys given (tests and embedding); unknown keys are refused. */
    public static ApiSettings from(Map<String, String> given) {
        return from(SettingsReader.of(SETTINGS, given));
    }
}
