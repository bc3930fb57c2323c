package io.lodestar.acs.files;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code files.*} settings of the file server and the files API.
 *
 * @param bind           the address the file server listens on (every interface by default: CPEs fetch from it)
 * @param port           its port (0: any free one)
 * @param publicUrl      the base of the URLs handed to CPEs, or null: {@code http://<this host's name>:<port>}
 * @param urlLifetime    how long a signed URL stays valid
 * @param maxUploadBytes the largest file accepted, from operators (API) and from CPEs (uploads); larger get 413
 * @param signingKey     the URL signing key (64 hex digits), or null: kept in {@code <store.path>/files-signing-key}
 * @param cachePath      where a distributed store keeps local copies of files, or null: {@code <store.path>/file-cache}
 * @param tlsCertificate a PEM certificate chain for HTTPS, or null for plain HTTP
 * @param tlsKey         the PEM (PKCS#8) private key of the certificate, or null
 * @param cacheMaxBytes  the bound of the Cassandra store's local copies (least recently served removed first)
 */
public record FilesSettings(String bind, int port, URI publicUrl, Duration urlLifetime, long maxUploadBytes,
                            String signingKey, String cachePath, Path tlsCertificate, Path tlsKey,
                            long cacheMaxBytes) {

    /** The keys this module owns, with their defaults. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("files.bind", "0.0.0.0", "the address the file server (downloads and uploads of CPEs) listens on"),
            new Setting("files.port", "7567", "the file server's port (0: any free one)"),
            new Setting("files.public-url", "",
                    "the base of the file URLs handed to CPEs, e.g. http://acs.example.net:7567 (empty: http://<host name>:<files.port>)"),
            new Setting("files.url-lifetime", "24h", "how long a signed per-device file URL stays valid"),
            new Setting("files.max-upload-bytes", String.valueOf(4L * 1024 * 1024 * 1024),
                    "largest file accepted from operators (API) and from CPEs (uploads); larger get HTTP 413"),
            new Setting("files.signing-key", "",
                    "the URL signing key, 64 hex digits; give every node of a cluster the same (empty: made once in <store.path>/files-signing-key)"),
            new Setting("files.cache-path", "",
                    "where the Cassandra store keeps local copies of files (empty: <store.path>/file-cache)"),
            new Setting("files.tls.certificate", "", "PEM certificate chain for HTTPS on the file server (empty: plain HTTP)"),
            new Setting("files.tls.key", "", "PEM (PKCS#8) private key of files.tls.certificate"),
            new Setting("files.cache-max-bytes", String.valueOf(10L * 1024 * 1024 * 1024),
                    "the most the Cassandra store's local copies of files take on disk; the least recently served go first"));

    public FilesSettings {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("setting 'files.bind' needs an address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("setting 'files.port' must be 0..65535, not " + port);
        }
        if (publicUrl != null && (publicUrl.getScheme() == null || publicUrl.getHost() == null
                || !(publicUrl.getScheme().equals("http") || publicUrl.getScheme().equals("https")))) {
            throw new IllegalArgumentException("setting 'files.public-url' must be an http(s) URL with a host, not "
                    + publicUrl);
        }
        if (urlLifetime == null || urlLifetime.isNegative() || urlLifetime.isZero()) {
            throw new IllegalArgumentException("setting 'files.url-lifetime' must be positive");
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("setting 'files.max-upload-bytes' must be at least 1, not " + maxUploadBytes);
        }
        if (signingKey != null && !signingKey.matches("[0-9a-fA-F]{64,}")) {
            throw new IllegalArgumentException("setting 'files.signing-key' must be at least 64 hex digits (32 bytes)");
        }
        if (cacheMaxBytes < 1) {
            throw new IllegalArgumentException("setting 'files.cache-max-bytes' must be at least 1, not " + cacheMaxBytes);
        }
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("settings 'files.tls.certificate' and 'files.tls.key' go together: "
                    + "give both or neither");
        }
    }

    /** Whether the file server speaks HTTPS. */
    public boolean tls() {
        return tlsCertificate != null;
    }

    /** Reads the {@code files.*} keys; a bad value is refused naming its key. */
    public static FilesSettings from(SettingsReader s) {
        String url = s.string("files.public-url").trim();
        String key = s.string("files.signing-key").trim();
        String cache = s.string("files.cache-path").trim();
        String cert = s.string("files.tls.certificate").trim();
        String tlsKey = s.string("files.tls.key").trim();
        long max = s.parsed("files.max-upload-bytes", Long::parseLong);
        URI publicUrl;
        try {
            publicUrl = url.isEmpty() ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("files.public-url", "not a URL: " + url);
        }
        try {
            return new FilesSettings(s.string("files.bind"), s.integer("files.port", 0, 65535), publicUrl,
                    s.positiveDuration("files.url-lifetime"), max, key.isEmpty() ? null : key,
                    cache.isEmpty() ? null : cache, cert.isEmpty() ? null : Path.of(cert),
                    tlsKey.isEmpty() ? null : Path.of(tlsKey), s.parsed("files.cache-max-bytes", Long::parseLong));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            String setting = m != null && m.contains("'") ? m.substring(m.indexOf('\'') + 1, m.indexOf('\'', m.indexOf('\'') + 1))
                    : "files";
            throw new SettingsException(setting, m);
        }
    }

    /** The defaults with some keys given (tests and embedding); unknown keys are refused. */
    public static FilesSettings from(Map<String, String> given) {
        return from(SettingsReader.of(SETTINGS, given));
    }
}
