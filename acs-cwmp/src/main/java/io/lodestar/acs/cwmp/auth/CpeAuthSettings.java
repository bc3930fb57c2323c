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
 */
public record CpeAuthSettings(Mode mode, BasicPolicy basic, String realm, Duration nonceLifetime,
                              Optional<String> nonceSecret, Duration stalledSessionTakeover) {

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
                    "an authenticated Inform of a device whose session has heard nothing for this long replaces that session"));

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
                s.positiveDuration("cwmp.auth.stalled-session-takeover"));
    }

    /** The defaults with some keys given (tests and embedding); unknown keys are refused. */
    public static CpeAuthSettings from(Map<String, String> given) {
        return from(SettingsReader.of(SETTINGS, given));
    }

    public boolean enabled() {
        return mode == Mode.ON;
    }
}
