package io.lodestar.acs.service.files;

import io.lodestar.acs.core.device.DeviceId;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The file server's per-device signed URLs: what a Download task hands a CPE ({@link #forDevice}) and where an
 * Upload task tells it to send its file ({@link #uploadTarget}), and the check the file server makes of each
 * request ({@link #check}). A URL names one file (or one upload type), one device and an expiry, signed with
 * {@link UrlSigner}:
 * <pre>{public-url}/files/{fileId}?device={deviceId}&amp;expires={epochSeconds}&amp;sig={signature}
 * {public-url}/uploads/{uploadType}?device={deviceId}&amp;expires={epochSeconds}&amp;sig={signature}</pre>
 * The signed path is the decoded one, so the two prefixes never share a signature.
 */
public final class FileUrls {

    /** The path prefix of downloads. */
    public static final String FILES = "/files/";
    /** The path prefix of device uploads. */
    public static final String UPLOADS = "/uploads/";

    private final String publicUrl;
    private final UrlSigner signer;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param publicUrl where CPEs reach the file server, e.g. {@code http://acs.example.net:7567} (no trailing /)
     * @param lifetime  how long a URL stays valid
     */
    public FileUrls(URI publicUrl, UrlSigner signer, Duration lifetime, Clock clock) {
        Objects.requireNonNull(publicUrl, "publicUrl");
        String base = publicUrl.toString();
        this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.signer = Objects.requireNonNull(signer, "signer");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a signed URL's lifetime must be positive, not " + lifetime);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A URL from which {@code device} may GET the file {@code fileId} until the lifetime has passed. */
    public URI forDevice(String fileId, DeviceId device) {
        return signed(FILES + fileId, device, clock.instant().plus(lifetime));
    }

    /** As {@link #forDevice(String, DeviceId)}, valid until {@code expires}. */
    public URI forDevice(String fileId, DeviceId device, Instant expires) {
        return signed(FILES + fileId, device, expires);
    }

    /**
     * A URL to which {@code device} may PUT or POST a file of {@code fileType} (the Upload RPC's FileType, e.g.
     * {@code 1 Vendor Configuration File}) until the lifetime has passed; it is stored as a file of that device.
     */
    public URI uploadTarget(DeviceId device, String fileType) {
        return signed(UPLOADS + fileType, device, clock.instant().plus(lifetime));
    }

    /** As {@link #uploadTarget(DeviceId, String)}, valid until {@code expires}. */
    public URI uploadTarget(DeviceId device, String fileType, Instant expires) {
        return signed(UPLOADS + fileType, device, expires);
    }

    private URI signed(String path, DeviceId device, Instant expires) {
        long e = expires.getEpochSecond();
        return URI.create(publicUrl + encodePath(path) + "?device=" + encode(device.value()) + "&expires=" + e
                + "&sig=" + signer.sign(path, device.value(), e));
    }

    /** What the file server decides of a request. */
    public enum Access { GRANTED, BAD_SIGNATURE, EXPIRED }

    /**
     * Checks a request's decoded path and query parameters ({@code device}, {@code expires}, {@code sig}): a
     * missing or wrong part is a bad signature; a good signature past its expiry is expired.
     */
    public Access check(String decodedPath, Map<String, String> query) {
        String device = query.get("device");
        String expires = query.get("expires");
        String sig = query.get("sig");
        if (device == null || expires == null || sig == null) {
            return Access.BAD_SIGNATURE;
        }
        long e;
        try {
            e = Long.parseLong(expires);
        } catch (NumberFormatException bad) {
            return Access.BAD_SIGNATURE;
        }
        if (!signer.isValid(decodedPath, device, e, sig)) {
            return Access.BAD_SIGNATURE;
        }
        return clock.instant().getEpochSecond() >= e ? Access.EXPIRED : Access.GRANTED;
    }

    public String publicUrl() {
        return publicUrl;
    }

    /**
     * The id of the file a URL names on this file server ({@code {public-url}/files/{fileId}}, any query, signed or
     * not), or empty for another server, another path, or {@code /files/profiles/...} (a profile, not a file).
     * Scheme and host compare without case, a missing port as the scheme's default.
     */
    public java.util.Optional<String> fileIdOf(String url) {
        if (url == null) {
            return java.util.Optional.empty();
        }
        URI given;
        URI own;
        try {
            given = new URI(url);
            own = new URI(publicUrl);
        } catch (java.net.URISyntaxException e) {
            return java.util.Optional.empty();
        }
        if (given.getScheme() == null || given.getHost() == null || given.getRawPath() == null
                || !given.getScheme().equalsIgnoreCase(own.getScheme())
                || !given.getHost().equalsIgnoreCase(own.getHost()) || port(given) != port(own)) {
            return java.util.Optional.empty();
        }
        String base = own.getPath() == null ? "" : own.getPath();
        String prefix = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + FILES;
        String path = given.getPath();
        if (!path.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String id = path.substring(prefix.length());
        if (id.isEmpty() || id.startsWith("profiles/") || id.contains("/")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(id);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Each segment of a path that starts with '/' percent-encoded, the slashes kept. */
    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.substring(1).split("/", -1)) {
            out.append('/').append(encode(segment));
        }
        return out.toString();
    }
}
