package io.lodestar.acs.server.profiles;

import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.cwmp.auth.CpeAuthSettings;
import io.lodestar.acs.httpauth.BasicVerifier;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.lodestar.acs.httpauth.DigestChallenge;
import io.lodestar.acs.httpauth.DigestVerifier;
import io.lodestar.acs.httpauth.NonceIssuer;
import io.lodestar.acs.httpauth.PresentedCredentials;
import io.lodestar.acs.profiles.device.ProfileDevice;
import io.lodestar.acs.profiles.identify.Identified;
import io.lodestar.acs.profiles.service.ProfileAuthenticator;
import io.lodestar.acs.profiles.service.ProfileRequest;
import io.lodestar.acs.profiles.stored.StoredProfileDevices;
import io.lodestar.acs.store.CpeCredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks resyncing phones' credentials with the server side of acs-http-auth ({@link DigestVerifier}, and
 * {@link BasicVerifier} as {@code cwmp.auth.basic} allows): the phone's own CPE credentials (its device's, from the
 * CPE credential store, set with {@code PUT /api/v1/devices/{id}/cpe-credentials}), else the fleet's. A phone for
 * which neither is set is let through: credentials are asked for only when configured (the profile is encrypted
 * anyway). Digest SHA-256 and MD5 are offered, strongest first, as to CWMP clients.
 */
final class PhoneAuthenticator implements ProfileAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(PhoneAuthenticator.class);
    private static final List<DigestAlgorithm> OFFERED = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    private final CpeCredentialStore credentials;
    private final StoredProfileDevices devices;
    private final CpeAuthSettings settings;
    private final boolean overTls;
    private final NonceIssuer nonces;
    private final DigestVerifier digest;

    PhoneAuthenticator(CpeCredentialStore credentials, StoredProfileDevices devices, CpeAuthSettings settings,
                       boolean overTls, Clock clock) {
        this.credentials = credentials;
        this.devices = devices;
        this.settings = settings;
        this.overTls = overTls;
        byte[] key = settings.nonceSecret().map(NonceIssuer::keyFromSecret).orElseGet(NonceIssuer::randomKey);
        this.nonces = new NonceIssuer(key, settings.nonceLifetime(), clock);
        this.digest = new DigestVerifier(nonces, Set.copyOf(OFFERED), 100_000);
    }

    @Override
    public Decision check(ProfileRequest request, Identified phone) {
        DeviceId id = devices.find(phone.key()).map(ProfileDevice::id).orElse(StoredProfileDevices.idOf(phone.key()));
        Optional<CpeCredential> stored = credentials.findCpeCredential(new CpeCredentialScope.Device(id))
                .or(() -> credentials.findCpeCredential(CpeCredentialScope.FLEET));
        if (stored.isEmpty()) {
            return new Allow();
        }
        CpeCredential credential = stored.get();
        boolean basicAllowed = switch (settings.basic()) {
            case ALWAYS -> true;
            case TLS_ONLY -> overTls;
            case NEVER -> false;
        };
        if (request.authorization() == null) {
            return challenge(credential.realm(), false, basicAllowed);
        }
        PresentedCredentials presented;
        try {
            presented = PresentedCredentials.parse(request.authorization());
        } catch (IllegalArgumentException e) {
            refused(id, "unusable Authorization header");
            return challenge(credential.realm(), false, basicAllowed);
        }
        if (presented instanceof PresentedCredentials.DigestResponse response) {
            String ha1 = response.algorithm().base() == DigestAlgorithm.MD5 ? credential.md5Ha1() : credential.sha256Ha1();
            DigestVerifier.Verdict verdict = digest.verify(response, request.method(), request.path(),
                    credential.realm(), credential.username(), ha1);
            if (verdict == DigestVerifier.Verdict.VALID) {
                return new Allow();
            }
            if (verdict != DigestVerifier.Verdict.STALE) {
                refused(id, "wrong Digest credentials");
            }
            return challenge(credential.realm(), verdict == DigestVerifier.Verdict.STALE, basicAllowed);
        }
        if (basicAllowed && BasicVerifier.verify((PresentedCredentials.Basic) presented, DigestAlgorithm.SHA_256,
                credential.realm(), credential.username(), credential.sha256Ha1())) {
            return new Allow();
        }
        refused(id, basicAllowed ? "wrong Basic credentials" : "Basic credentials refused (cwmp.auth.basic)");
        return challenge(credential.realm(), false, basicAllowed);
    }

    private Decision challenge(String realm, boolean stale, boolean withBasic) {
        List<String> challenges = new ArrayList<>();
        String nonce = nonces.issue();
        for (DigestAlgorithm algorithm : OFFERED) {
            challenges.add(DigestChallenge.digest(realm, nonce, algorithm, stale));
        }
        if (withBasic) {
            challenges.add(DigestChallenge.basic(realm));
        }
        return new Challenge(challenges);
    }

    private static void refused(DeviceId id, String why) {
        LOG.info("phone profile authentication refused: device={} {}", ProfileHttpHandler.escape(id.value()), why);
    }
}
