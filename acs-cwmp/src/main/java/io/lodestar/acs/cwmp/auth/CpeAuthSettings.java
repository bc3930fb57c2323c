package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsReader;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cwmp.auth.*} settings: how CPEs prove who they are (docs/cpe-authentication.md).
 *
 * @param mode                   {@code on}: every Inform must carry valid credentials; {@code off}: every CPE is let in
 * @param basic                  when HTTP Basic is offered and accepted besides Digest
 * @param realm                  the Digest realm new credentials are hashed for (stored ones keep theirs)
 * @param nonceLifetime          how long a Digest nonce is accepted; an older one gets {@code stale=true}
 * @param nonceSecret            the secret nonces are signed with, the same on every ACS node; empty: a random one
 *                               per process (fine for a single node)
 * @param stalledSessionTakeover an authenticated Inform of a device whose session has heard nothing for this long
 *                               ends that session and opens its own (instead of 8005 until the idle timeout)
 * @param certificateIdentity    the name a TLS client certificate must carry to be the device's
 *                               ({@code cwmp.auth.certificate-identity}; with {@code cwmp.tls.client-auth})
 * @param provisionDeviceCredentials whether the ACS gives each device its own ManagementServer Username and Password
 *                               after its {@code 0 BOOTSTRAP} session ({@code cwmp.auth.provision-device-credentials})
 */
public record CpeAuthSettings(Mode mode, BasicPolicy basic, String realm, Duration nonceLifetime,
                              Optional<String> nonceSecret, Duration stalledSessionTakeover,
                              CertificateIdentity certificateIdentity, boolean provisionDeviceCredentials) {

    /** As before client certificates and provisioning existed: OUI-serial certificates, no provisioning. */
    public CpeAuthSettings(Mode mode, BasicPolicy basic, String realm, Duration nonceLifetime,
                           Optional<String> nonceSecret, Duration stalledSessionTakeover) {
        this(mode, basic, realm, nonceLifetime, nonceSecret, stalledSessionTakeover, CertificateIdentity.OUI_SERIAL,
                false);
    }

    public enum Mode { ON, OFF }

    /** When Basic credentials (the password in clear) are accepted. */
    public enum BasicPolicy { TLS_ONLY, ALWAYS, NEVER }

    public static final List<Setting> SETTINGS = List.of(
            new Setting("cwmp.auth.mode", "on",
                    "on: every Inform must carry the CPE's credentials (HTTP Digest, or Basic as cwmp.auth.basic says); off: no CPE authentication"),
            new Setting("cwmp.auth.basic", "tls-only",
                    "when HTTP Basic is accepted besides Digest: tls-only (the password is never sent in clear), always, never"),
            new Setting("cwmp.auth.realm", "Lodestar ACS",
                    "the Digest realm CPE credentials are hashed for when set (stored credentials keep the realm they were set with)"),
            new Setting("cwmp.auth.nonce-lifetime", "5m", "how long a Digest nonce is accepted; an older one is answered stale=true"),
            new Setting("cwmp.auth.nonce-secret", "",
                    "secret Digest nonces are signed with; give every ACS node the same (empty: random per process, single node)"),
            new Setting("cwmp.auth.stalled-session-takeover", "10s",
                    "an authenticated Inform of a device whose session has heard nothing for this long replaces that session"),
            new Setting("cwmp.auth.certificate-identity", "oui-serial",
                    "the name (subject CN, or a DNS or URI SubjectAltName) a TLS client certificate carries to be the "
                            + "device's: serial | oui-serial (OUI-SerialNumber) | device-id (the ACS's device id)"),
            new Setting("cwmp.auth.provision-device-credentials", "false",
                    "true: after a device's 0 BOOTSTRAP session the ACS sets its own ManagementServer.Username and "
                            + "Password on it (used once the device took them; until then the fleet's)"));

    public CpeAuthSettings {
        if (realm.isEmpty() || realm.length() > 256) {
            throw new IllegalArgumentException("setting 'cwmp.auth.realm' needs 1 to 256 characters");
        }
        nonceSecret = nonceSecret.filter(s -> !s.isEmpty());
    }

    public static CpeAuthSettings from(SettingsReader s) {
        String realm = s.string("cwmp.auth.realm").trim();
        if (realm.isEmpty() || realm.length() > 256 || realm.contains("\"")) {
            throw new io.lodestar.acs.core.settings.SettingsException("cwmp.auth.realm",
                    "setting 'cwmp.auth.realm' needs 1 to 256 characters and no '\"', not '" + realm + "'");
        }
        return new CpeAuthSettings(s.enumValue("cwmp.auth.mode", Mode.class),
                s.enumValue("cwmp.auth.basic", BasicPolicy.class), realm,
                s.positiveDuration("cwmp.auth.nonce-lifetime"), Optional.of(s.string("cwmp.auth.nonce-secret")),
                s.positiveDuration("cwmp.auth.stalled-session-takeover"),
                s.enumValue("cwmp.auth.certificate-identity", CertificateIdentity.class),
                s.bool("cwmp.auth.provision-device-credentials"));
    }

    /** The defaults with some keys given (tests and embedding); unknown keys are refused. */
    public static CpeAuthSettings from(Map<String, String> given) {
        return from(SettingsReader.of(SETTINGS, given));
    }

    public boolean enabled() {
        return mode == Mode.ON;
    }
}
