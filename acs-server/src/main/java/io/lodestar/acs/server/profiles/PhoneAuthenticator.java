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
    private final java.util.function.Function<DeviceId, Optional<io.lodestar.acs.core.rpc.DeviceIdStruct>> informed;

    PhoneAuthenticator(CpeCredentialStore credentials, StoredProfileDevices devices, CpeAuthSettings settings,
                       boolean overTls, Clock clock) {
        this(credentials, devices, settings, overTls, clock, id -> Optional.empty());
    }

    /**
     * @param informed the OUI and product class a device's last Inform named (empty for a phone that never spoke
     *                 TR-069)
     */
    PhoneAuthenticator(CpeCredentialStore credentials, StoredProfileDevices devices, CpeAuthSettings settings,
                       boolean overTls, Clock clock,
                       java.util.function.Function<DeviceId, Optional<io.lodestar.acs.core.rpc.DeviceIdStruct>> informed) {
        this.informed = informed;
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
        Optional<ProfileDevice> device = devices.find(phone.key());
        DeviceId id = device.map(ProfileDevice::id).orElse(StoredProfileDevices.idOf(phone.key()));
        Optional<CpeCredential> stored = credentials.findCpeCredential(new CpeCredentialScope.Device(id))
                .or(() -> ofProductClass(id, device, phone))
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

    /**
     * The product class's credentials: those of the OUI and product class the device's Inform named, as for CWMP
     * sessions; else, for a phone that never informed, those of its MAC's OUI (the first three bytes in upper-case
     * hex, as Informs write an OUI) and the model its User-Agent names ({@code CP-8841-3PCC}).
     */
    private Optional<CpeCredential> ofProductClass(DeviceId id, Optional<ProfileDevice> device, Identified phone) {
        Optional<io.lodestar.acs.core.rpc.DeviceIdStruct> inform = device.isPresent() ? informed.apply(id)
                : Optional.empty();
        if (inform.isPresent()) {
            Optional<CpeCredential> ofClass = find(inform.get().oui(), inform.get().productClass());
            if (ofClass.isPresent()) {
                return ofClass;
            }
        }
        io.lodestar.acs.profiles.device.MacAddress mac =
                phone.key() instanceof io.lodestar.acs.profiles.device.DeviceKey.ByMac byMac ? byMac.mac()
                        : device.map(ProfileDevice::mac).orElse(null);
        String model = phone.agent().map(a -> a.productName())
                .or(() -> device.map(ProfileDevice::productName)).orElse(null);
        if (mac == null || model == null) {
            return Optional.empty();
        }
        return find(mac.upperHex().substring(0, 6), model);
    }

    private Optional<CpeCredential> find(String oui, String productClass) {
        if (oui == null || oui.isEmpty() || oui.length() > 64 || productClass == null || productClass.isEmpty()
                || productClass.length() > 256) {
            return Optional.empty();
        }
        return credentials.findCpeCredential(new CpeCredentialScope.ProductClass(oui, productClass));
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
