package io.lodestar.acs.cwmp.http;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTPS endpoint's TLS context (TLS 1.3 and 1.2 only), re-read when its PEM files change. {@link #reloadIfChanged}
 * is called on a timer: the simplest reliable way (no file-watch events to lose, works on every file system and
 * with the symlink swaps of Kubernetes secrets and certbot). New connections use the new context; open ones keep
 * theirs. A file that cannot be read or parsed is logged and the previous context kept, so a half-written
 * renewal never takes HTTPS down.
 */
final class ReloadingTlsContext {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTlsContext.class);
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final TlsSettings settings;
    private volatile SslContext current;
    private volatile List<FileTime> loadedVersions;

    /** @throws IllegalStateException naming the file when the first load fails: start-up must not go on without it */
    ReloadingTlsContext(TlsSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.loadedVersions = versions();
        this.current = build();
    }

    SslContext current() {
        return current;
    }

    /** Re-reads the files when one changed since the last load; returns whether a new context is in use. */
    boolean reloadIfChanged() {
        List<FileTime> now = versions();
        if (now.equals(loadedVersions)) {
            return false;
        }
        try {
            current = build();
            loadedVersions = now;
            LOG.info("CWMP TLS certificate reloaded from {}", settings.certificate().orElseThrow());
            return true;
        } catch (RuntimeException e) {
            LOG.warn("CWMP TLS files changed but cannot be used, keeping the previous certificate: {}",
                    LogSafe.text(e.getMessage()));
            loadedVersions = now; // do not retry the same broken files every tick; the next change is tried
            return false;
        }
    }

    private SslContext build() {
        Path certificate = settings.certificate().orElseThrow();
        Path key = settings.key().orElseThrow();
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(certificate.toFile(), key.toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS);
            Optional<Path> ca = settings.clientCa();
            if (ca.isPresent() && settings.clientAuth() != TlsSettings.ClientAuth.NONE) {
                builder.trustManager(ca.get().toFile()).clientAuth(
                        settings.clientAuth() == TlsSettings.ClientAuth.REQUIRED ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use the CWMP TLS certificate " + certificate + " and key " + key
                    + ": " + rootMessage(e), e);
        }
    }

    private List<FileTime> versions() {
        List<FileTime> times = new ArrayList<>();
        for (Optional<Path> file : List.of(settings.certificate(), settings.key(), settings.clientCa())) {
            if (file.isPresent()) {
                times.add(modified(file.get()));
            }
        }
        return times;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(-1); // missing now: counts as a change, and the reload says why it fails
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }

}
