package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTPS on the CWMP endpoint, {@code cwmp.tls*}.
 *
 * @param mode           off (plain HTTP only), on (plain HTTP and HTTPS), only (HTTPS only)
 * @param port           the HTTPS port (7548 by default; 0 picks a free one)
 * @param certificate    the PEM certificate chain, the server's own first
 * @param key            the PEM private key (PKCS#8: {@code BEGIN PRIVATE KEY})
 * @param clientCa       PEM CA certificates that client certificates are verified against; empty: the ACS does
 *                       not ask for client certificates
 * @param reloadInterval how often the three files are checked for changes (a changed file is re-read and used
 *                       for new connections; a broken one is logged and the old context kept); zero: never
 * @param clientAuth     whether client certificates are asked for (needs {@code clientCa}): {@code NONE}, {@code
 *                       OPTIONAL} (a CPE without one may still use a password), {@code REQUIRED} (the handshake
 *                       fails without one, and every Inform needs a certificate naming its device)
 */
public record TlsSettings(Mode mode, int port, Optional<Path> certificate, Optional<Path> key,
                          Optional<Path> clientCa, Duration reloadInterval, ClientAuth clientAuth) {

    /** Client certificates: not asked for, asked for, or required. */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRED }

    /** As before client-auth existed: asked for (optional) exactly when a client CA is given. */
    public TlsSettings(Mode mode, int port, Optional<Path> certificate, Optional<Path> key, Optional<Path> clientCa,
                       Duration reloadInterval) {
        this(mode, port, certificate, key, clientCa, reloadInterval,
                clientCa.isPresent() ? ClientAuth.OPTIONAL : ClientAuth.NONE);
    }

    public static final int DEFAULT_PORT = 7548;

    public enum Mode {
        OFF, ON, ONLY;

        boolean plainHttp() {
            return this != ONLY;
        }

        boolean https() {
            return this != OFF;
        }
    }

    public static final TlsSettings OFF = new TlsSettings(Mode.OFF, DEFAULT_PORT, Optional.empty(), Optional.empty(),
            Optional.empty(), Duration.ofMinutes(1));

    public static final List<Setting> SETTINGS = List.of(
            new Setting("cwmp.tls", "off", "off: plain HTTP only | on: HTTP and HTTPS | only: HTTPS only"),
            new Setting("cwmp.tls.port", String.valueOf(DEFAULT_PORT), "the CWMP HTTPS port"),
            new Setting("cwmp.tls.certificate", "",
                    "PEM certificate chain of the HTTPS endpoint, its own certificate first (needed with cwmp.tls)"),
            new Setting("cwmp.tls.key", "", "PEM private key (PKCS#8, BEGIN PRIVATE KEY) of that certificate"),
            new Setting("cwmp.tls.client-ca", "",
                    "PEM CA certificates client certificates are checked against; empty: none are asked for"),
            new Setting("cwmp.tls.reload-interval", "60s",
                    "how often the certificate, key and CA files are checked for changes and re-read (0s: never)"),
            new Setting("cwmp.tls.client-auth", "optional",
                    "client certificates on the HTTPS port, checked against cwmp.tls.client-ca: none | optional (a CPE "
                            + "without one may use its password) | required (every Inform needs a certificate naming its "
                            + "device, see cwmp.auth.certificate-identity); without cwmp.tls.client-ca: none"));

    public TlsSettings {
        if (mode.https() && (certificate.isEmpty() || key.isEmpty())) {
            throw new IllegalArgumentException("HTTPS needs a certificate and a key");
        }
        if (clientAuth != ClientAuth.NONE && clientCa.isEmpty()) {
            throw new IllegalArgumentException("client certificates need the CA they are checked against");
        }
    }

    public static TlsSettings https(Mode mode, int port, Path certificate, Path key) {
        return new TlsSettings(mode, port, Optional.of(certificate), Optional.of(key), Optional.empty(),
                Duration.ofMinutes(1));
    }

    public TlsSettings withClientCa(Path ca) {
        return new TlsSettings(mode, port, certificate, key, Optional.of(ca), reloadInterval,
                clientAuth == ClientAuth.NONE ? ClientAuth.OPTIONAL : clientAuth);
    }

    public TlsSettings withClientAuth(ClientAuth auth) {
        return new TlsSettings(mode, port, certificate, key, clientCa, reloadInterval, auth);
    }

    public TlsSettings withReloadInterval(Duration interval) {
        return new TlsSettings(mode, port, certificate, key, clientCa, interval, clientAuth);
    }

    /** Whether every Inform must come with a client certificate (over HTTPS: the handshake requires one). */
    public boolean clientCertificateRequired() {
        return mode.https() && clientAuth == ClientAuth.REQUIRED;
    }

    public static TlsSettings from(SettingsReader s) {
        Mode mode = s.enumValue("cwmp.tls", Mode.class);
        Optional<Path> certificate = optionalPath(s, "cwmp.tls.certificate");
        Optional<Path> key = optionalPath(s, "cwmp.tls.key");
        if (mode.https() && certificate.isEmpty()) {
            throw new SettingsException("cwmp.tls.certificate", "setting 'cwmp.tls.certificate' is needed with cwmp.tls="
                    + mode.name().toLowerCase(Locale.ROOT));
        }
        if (mode.https() && key.isEmpty()) {
            throw new SettingsException("cwmp.tls.key", "setting 'cwmp.tls.key' is needed with cwmp.tls="
                    + mode.name().toLowerCase(Locale.ROOT));
        }
        Optional<Path> clientCa = optionalPath(s, "cwmp.tls.client-ca");
        ClientAuth clientAuth = s.enumValue("cwmp.tls.client-auth", ClientAuth.class);
        if (clientAuth == ClientAuth.REQUIRED && clientCa.isEmpty()) {
            throw new SettingsException("cwmp.tls.client-auth",
                    "setting 'cwmp.tls.client-auth=required' needs cwmp.tls.client-ca (the CA client certificates are "
                            + "checked against)");
        }
        return new TlsSettings(mode, s.integer("cwmp.tls.port", 0, 65535), certificate, key, clientCa,
                s.duration("cwmp.tls.reload-interval"), clientCa.isEmpty() ? ClientAuth.NONE : clientAuth);
    }

    private static Optional<Path> optionalPath(SettingsReader s, String key) {
        String v = s.string(key).trim();
        return v.isEmpty() ? Optional.empty() : Optional.of(Path.of(s.path(key)));
    }
}
