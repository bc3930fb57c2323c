package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.httpauth.BasicVerifier;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.lodestar.acs.httpauth.DigestChallenge;
import io.lodestar.acs.httpauth.DigestVerifier;
import io.lodestar.acs.httpauth.NonceIssuer;
import io.lodestar.acs.httpauth.PresentedCredentials;
import io.lodestar.acs.store.CpeCredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every Inform against the credentials stored for the device: its own, else those of its OUI and product
 * class, else the fleet's default ({@link CpeCredentialStore}). Digest (RFC 7616, SHA-256 and MD5, qop=auth) is
 * offered first; Basic only as {@link CpeAuthSettings#basic()} allows (by default over TLS only). Anything but valid
 * credentials is answered 401 with fresh challenges ({@code stale=true} for a right answer to an old nonce), and
 * nothing is stored: the session service calls this before it loads or writes anything.
 *
 * <p>Each nonce is bound to the device it was issued to (its HMAC covers the device id), and a CPE may present it
 * again, unchallenged, at the start of its later sessions while it lives ({@code cwmp.auth.nonce-lifetime}) with a
 * growing nonce count: such a session costs no 401 round trip. A replayed count, or a nonce whose count this node
 * may have forgotten, is answered {@code stale=true}; another device's nonce is refused.
 *
 * <p>A device without any credentials (none of its own, of its class or of the fleet) is challenged like any other
 * and can never answer: the ACS does not tell a prober which devices exist.
 */
public final class StoredCredentialsAuthenticator implements CpeAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(StoredCredentialsAuthenticator.class);
    /** Digest, strongest first: RFC 7616 section 3.7 has the server list its preferred challenge first. */
    private static final List<DigestAlgorithm> OFFERED = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
    /** Nonce counts remembered against replay (one entry per accepted nonce, a few dozen bytes each). */
    private static final int TRACKED_NONCES = 100_000;

    private final CpeCredentialStore store;
    private final CpeAuthSettings settings;
    private final NonceIssuer nonces;
    private final DigestVerifier digest;

    public StoredCredentialsAuthenticator(CpeCredentialStore store, CpeAuthSettings settings, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        byte[] key = settings.nonceSecret().map(NonceIssuer::keyFromSecret).orElseGet(NonceIssuer::randomKey);
        this.nonces = new NonceIssuer(key, settings.nonceLifetime(), clock);
        this.digest = new DigestVerifier(nonces, Set.copyOf(OFFERED), TRACKED_NONCES);
    }

    /** The authenticator the settings ask for: this one, or {@link AllowAll} when {@code cwmp.auth.mode=off}. */
    public static CpeAuthenticator of(CpeCredentialStore store, CpeAuthSettings settings, Clock clock) {
        return settings.enabled() ? new StoredCredentialsAuthenticator(store, settings, clock) : AllowAll.INSTANCE;
    }

    @Override
    public AuthenticationOutcome authenticate(AuthenticationRequest request) {
        CpeCredentials presented = request.credentials();
        boolean basicAllowed = basicAllowed(presented);
        if (presented.authorization() == null) {
            // no store read for a request without credentials: probing costs the ACS a nonce, nothing more
            return challenge(request, settings.realm(), false, basicAllowed);
        }
        Optional<CpeCredential> stored = credentialsOf(request);
        String realm = stored.map(CpeCredential::realm).orElse(settings.realm());
        PresentedCredentials parsed;
        try {
            parsed = PresentedCredentials.parse(presented.authorization());
        } catch (IllegalArgumentException e) {
            refusal(request, "unusable Authorization header: " + e.getMessage());
            return challenge(request, realm, false, basicAllowed);
        }
        // credentials the ACS set on the device and it has not used yet are accepted beside those in force
        Optional<CpeCredential> pending = stored.isPresent() && stored.get().username().equals(parsed.username())
                ? Optional.empty()
                : PendingCredentials.find(store, request.deviceId())
                        .filter(p -> p.username().equals(parsed.username()));
        if (stored.isEmpty() && pending.isEmpty()) {
            refusal(request, "no credentials are set for the device, its product class or the fleet");
            return challenge(request, realm, false, basicAllowed);
        }
        CpeCredential credential = pending.orElseGet(stored::get);
        AuthenticationOutcome outcome = verify(request, presented, parsed, credential, realm, basicAllowed);
        if (pending.isPresent() && outcome instanceof AuthenticationOutcome.Accepted) {
            PendingCredentials.promote(store, request.deviceId(), credential);
        }
        return outcome;
    }

    private AuthenticationOutcome verify(AuthenticationRequest request, CpeCredentials presented,
                                         PresentedCredentials parsed, CpeCredential credential, String realm,
                                         boolean basicAllowed) {
        if (parsed instanceof PresentedCredentials.DigestResponse response) {
            String ha1 = response.algorithm().base() == DigestAlgorithm.MD5 ? credential.md5Ha1() : credential.sha256Ha1();
            DigestVerifier.Verdict verdict = digest.verify(response, "POST", presented.requestUri(), credential.realm(),
                    credential.username(), ha1, request.deviceId().value());
            switch (verdict) {
                case VALID:
                    return AuthenticationOutcome.accepted();
                case STALE:
                    return challenge(request, realm, true, basicAllowed);
                default:
                    refusal(request, "wrong Digest credentials for user '" + response.username() + "'");
                    return challenge(request, realm, false, basicAllowed);
            }
        }
        PresentedCredentials.Basic basic = (PresentedCredentials.Basic) parsed;
        if (!basicAllowed) {
            refusal(request, "Basic credentials refused (cwmp.auth.basic=" + settings.basic().name().toLowerCase()
                    + (presented.overTls() ? "" : ", not over TLS") + ")");
            return challenge(request, realm, false, false);
        }
        if (BasicVerifier.verify(basic, DigestAlgorithm.SHA_256, credential.realm(), credential.username(),
                credential.sha256Ha1())) {
            return AuthenticationOutcome.accepted();
        }
        refusal(request, "wrong Basic credentials for user '" + basic.username() + "'");
        return challenge(request, realm, false, true);
    }

    private Optional<CpeCredential> credentialsOf(AuthenticationRequest request) {
        DeviceId id = request.deviceId();
        Optional<CpeCredential> own = store.findCpeCredential(new CpeCredentialScope.Device(id));
        if (own.isPresent()) {
            return own;
        }
        String oui = request.inform().deviceId().oui();
        String productClass = request.inform().deviceId().productClass();
        if (!oui.isEmpty() && oui.length() <= 64 && productClass != null && productClass.length() <= 256) {
            Optional<CpeCredential> ofClass = store.findCpeCredential(
                    new CpeCredentialScope.ProductClass(oui, productClass));
            if (ofClass.isPresent()) {
                return ofClass;
            }
        }
        return store.findCpeCredential(CpeCredentialScope.FLEET);
    }

    private boolean basicAllowed(CpeCredentials presented) {
        return switch (settings.basic()) {
            case ALWAYS -> true;
            case TLS_ONLY -> presented.overTls();
            case NEVER -> false;
        };
    }

    private AuthenticationOutcome challenge(AuthenticationRequest request, String realm, boolean stale,
                                            boolean withBasic) {
        List<String> challenges = new ArrayList<>(3);
        String nonce = nonces.issue(request.deviceId().value());
        for (DigestAlgorithm algorithm : OFFERED) {
            challenges.add(DigestChallenge.digest(realm, nonce, algorithm, stale));
        }
        if (withBasic) {
            challenges.add(DigestChallenge.basic(realm));
        }
        return AuthenticationOutcome.challenge(challenges.toArray(String[]::new));
    }

    private static void refusal(AuthenticationRequest request, String why) {
        LOG.info("CPE authentication refused: device={} from={} {}", LogText.escape(request.deviceId().value()),
                request.remoteAddress(), LogText.escape(why));
    }
}
