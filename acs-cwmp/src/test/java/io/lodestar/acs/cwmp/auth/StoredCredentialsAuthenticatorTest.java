package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.httpauth.Digest;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.lodestar.acs.httpauth.HttpAuthClient;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StoredCredentialsAuthenticatorTest {

    private static final String REALM = "Lodestar ACS";
    private static final DeviceIdStruct PHONE = new DeviceIdStruct("Cisco", "00562B", "CP-8851", "FCH1234");
    private static final DeviceId PHONE_ID = new DeviceId("00562B-CP%2D8851-FCH1234");

    private Instant now = Instant.parse("2026-12-06T20:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final MemoryCpeCredentialStore store = new MemoryCpeCredentialStore();

    static CpeCredential credential(String user, String password, String realm) {
        return new CpeCredential(user, realm, Digest.ha1(DigestAlgorithm.MD5, user, realm, password),
                Digest.ha1(DigestAlgorithm.SHA_256, user, realm, password), Instant.EPOCH);
    }

    private CpeAuthenticator authenticator(Map<String, String> settings) {
        return StoredCredentialsAuthenticator.of(store, CpeAuthSettings.from(settings), clock);
    }

    private static AuthenticationRequest request(CpeCredentials credentials) {
        Inform inform = new Inform(PHONE, List.of(EventStruct.of("1 BOOT")), 1, "2026-12-01T10:00:00Z", 0, List.of());
        return new AuthenticationRequest(inform, PHONE_ID, "192.0.2.7", credentials);
    }

    private static CpeCredentials plain(String authorization) {
        return new CpeCredentials(authorization, List.of(), false, "/");
    }

    private static CpeCredentials overTls(String authorization) {
        return new CpeCredentials(authorization, List.of(), true, "/");
    }

    /** What a CPE answers to the challenges of {@code outcome}, preferring Digest of {@code algorithm}. */
    private static String answer(AuthenticationOutcome outcome, DigestAlgorithm algorithm, String user, String pass) {
        List<String> challenges = ((AuthenticationOutcome.Challenged) outcome).wwwAuthenticate().stream()
                .filter(c -> c.contains("algorithm=" + algorithm.token() + ",")).toList();
        return HttpAuthClient.fromChallenges(challenges, user, pass).header("POST", "/");
    }

    private AuthenticationOutcome firstTry(CpeAuthenticator a) {
        return a.authenticate(request(plain(null)));
    }

    @Test
    void anInformWithoutCredentialsIsChallengedWithSha256ThenMd5DigestAndNoBasicOverPlainHttp() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        AuthenticationOutcome outcome = firstTry(authenticator(Map.of()));
        assertThat(outcome).isInstanceOfSatisfying(AuthenticationOutcome.Challenged.class, c -> {
            assertThat(c.wwwAuthenticate()).hasSize(2);
            assertThat(c.wwwAuthenticate().get(0)).startsWith("Digest realm=\"Lodestar ACS\", qop=\"auth\", algorithm=SHA-256");
            assertThat(c.wwwAuthenticate().get(1)).contains("algorithm=MD5").doesNotContain("stale");
        });
        assertThat(store.reads).as("a probe without credentials reads nothing").hasValue(0);
    }

    @Test
    void rightDigestCredentialsAreAcceptedWithMd5AndSha256() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        CpeAuthenticator a = authenticator(Map.of());
        for (DigestAlgorithm algorithm : List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256)) {
            String header = answer(firstTry(a), algorithm, "cpe", "secret");
            assertThat(a.authenticate(request(plain(header)))).as(algorithm.token())
                    .isEqualTo(AuthenticationOutcome.accepted());
        }
    }

    @Test
    void aWrongPasswordOrUserIsChallengedAgain() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        CpeAuthenticator a = authenticator(Map.of());
        assertThat(a.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.SHA_256, "cpe", "guess")))))
                .isInstanceOf(AuthenticationOutcome.Challenged.class);
        assertThat(a.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.MD5, "admin", "secret")))))
                .isInstanceOf(AuthenticationOutcome.Challenged.class);
        assertThat(a.authenticate(request(plain("Digest garbage")))).isInstanceOf(AuthenticationOutcome.Challenged.class);
    }

    @Test
    void theDevicesOwnCredentialsWinOverItsProductClassWhichWinOverTheFleet() {
        CpeAuthenticator a = authenticator(Map.of());
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("fleet", "f", REALM));
        assertThat(a.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.MD5, "fleet", "f")))))
                .isEqualTo(AuthenticationOutcome.accepted());
        store.putCpeCredential(new CpeCredentialScope.ProductClass("00562B", "CP-8851"), credential("class", "c", REALM));
        assertThat(a.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.MD5, "fleet", "f")))))
                .isInstanceOf(AuthenticationOutcome.Challenged.class);
        assertThat(a.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.MD5, "class", "c")))))
                .isEqualTo(AuthenticationOutcome.accepted());
        store.putCpeCredential(new CpeCredentialScope.Device(PHONE_ID), credential("own", "o", REALM));
        assertThat(a.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.MD5, "class", "c")))))
                .isInstanceOf(AuthenticationOutcome.Challenged.class);
        assertThat(a.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.SHA_256, "own", "o")))))
                .isEqualTo(AuthenticationOutcome.accepted());
    }

    @Test
    void aDeviceWithoutAnyCredentialsCanNeverAuthenticate() {
        CpeAuthenticator a = authenticator(Map.of());
        assertThat(a.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.MD5, "cpe", "")))))
                .isInstanceOf(AuthenticationOutcome.Challenged.class);
    }

    @Test
    void anExpiredNonceIsAnsweredStaleAndTheRetryAccepted() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        CpeAuthenticator a = authenticator(Map.of("cwmp.auth.nonce-lifetime", "60s"));
        String header = answer(firstTry(a), DigestAlgorithm.SHA_256, "cpe", "secret");
        now = now.plusSeconds(61);
        AuthenticationOutcome stale = a.authenticate(request(plain(header)));
        assertThat(((AuthenticationOutcome.Challenged) stale).wwwAuthenticate()).allMatch(c -> c.endsWith("stale=true"));
        assertThat(a.authenticate(request(plain(answer(stale, DigestAlgorithm.SHA_256, "cpe", "secret")))))
                .isEqualTo(AuthenticationOutcome.accepted());
    }

    @Test
    void aReplayedAuthorizationHeaderIsNotAcceptedTwice() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        CpeAuthenticator a = authenticator(Map.of());
        String header = answer(firstTry(a), DigestAlgorithm.MD5, "cpe", "secret");
        assertThat(a.authenticate(request(plain(header)))).isEqualTo(AuthenticationOutcome.accepted());
        assertThat(a.authenticate(request(plain(header)))).isInstanceOf(AuthenticationOutcome.Challenged.class);
    }

    @Test
    void basicIsAcceptedOverTlsOnlyByDefault() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        CpeAuthenticator a = authenticator(Map.of());
        String basic = HttpAuthClient.basicHeader("cpe", "secret");
        assertThat(a.authenticate(request(overTls(basic)))).isEqualTo(AuthenticationOutcome.accepted());
        assertThat(a.authenticate(request(plain(basic)))).isInstanceOf(AuthenticationOutcome.Challenged.class);
        assertThat(((AuthenticationOutcome.Challenged) a.authenticate(request(overTls(null)))).wwwAuthenticate())
                .as("over TLS Basic is offered last").last().asString().startsWith("Basic realm=");
        assertThat(a.authenticate(request(overTls(HttpAuthClient.basicHeader("cpe", "wrong")))))
                .isInstanceOf(AuthenticationOutcome.Challenged.class);
    }

    @Test
    void basicCanBeAllowedAlwaysOrNever() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        String basic = HttpAuthClient.basicHeader("cpe", "secret");
        assertThat(authenticator(Map.of("cwmp.auth.basic", "always")).authenticate(request(plain(basic))))
                .isEqualTo(AuthenticationOutcome.accepted());
        assertThat(authenticator(Map.of("cwmp.auth.basic", "never")).authenticate(request(overTls(basic))))
                .isInstanceOf(AuthenticationOutcome.Challenged.class);
    }

    @Test
    void modeOffLetsEveryCpeIn() {
        assertThat(authenticator(Map.of("cwmp.auth.mode", "off"))).isSameAs(AllowAll.INSTANCE);
    }

    @Test
    void nodesSharingTheNonceSecretAcceptEachOthersNonces() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        CpeAuthenticator a = authenticator(Map.of("cwmp.auth.nonce-secret", "shared"));
        CpeAuthenticator b = authenticator(Map.of("cwmp.auth.nonce-secret", "shared"));
        CpeAuthenticator lonely = authenticator(Map.of());
        assertThat(b.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.MD5, "cpe", "secret")))))
                .isEqualTo(AuthenticationOutcome.accepted());
        assertThat(lonely.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.MD5, "cpe", "secret")))))
                .isInstanceOf(AuthenticationOutcome.Challenged.class);
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CpeAuthSettings.from(Map.of("cwmp.auth.basic", "sometimes")))
                .hasMessageContaining("cwmp.auth.basic");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CpeAuthSettings.from(Map.of("cwmp.auth.realm", "a\"b")))
                .hasMessageContaining("cwmp.auth.realm");
        assertThat(CpeAuthSettings.from(Map.of()).stalledSessionTakeover()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void pendingCredentialsAreAcceptedBesideTheFleetsAndReplaceThemOnceUsed() {
        CpeAuthenticator a = authenticator(Map.of());
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("fleet", "fleet-secret", REALM));
        store.putCpeCredential(PendingCredentials.scopeOf(PHONE_ID), credential("cpe-own", "own-secret", REALM));

        // before the device took its own, the fleet's still open it, and the pending ones stay pending
        assertThat(a.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.SHA_256, "fleet", "fleet-secret")))))
                .isInstanceOf(AuthenticationOutcome.Accepted.class);
        assertThat(store.findCpeCredential(PendingCredentials.scopeOf(PHONE_ID))).isPresent();
        // a wrong password for the pending user is refused and changes nothing
        assertThat(a.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.SHA_256, "cpe-own", "guess")))))
                .isInstanceOf(AuthenticationOutcome.Challenged.class);
        assertThat(store.findCpeCredential(new CpeCredentialScope.Device(PHONE_ID))).isEmpty();

        // the device uses its own: they become its own, and the fleet's no longer open it
        assertThat(a.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.MD5, "cpe-own", "own-secret")))))
                .isInstanceOf(AuthenticationOutcome.Accepted.class);
        assertThat(store.findCpeCredential(new CpeCredentialScope.Device(PHONE_ID))).get()
                .extracting(CpeCredential::username).isEqualTo("cpe-own");
        assertThat(store.findCpeCredential(PendingCredentials.scopeOf(PHONE_ID))).isEmpty();
        assertThat(a.authenticate(request(plain(answer(firstTry(a), DigestAlgorithm.SHA_256, "fleet", "fleet-secret")))))
                .isInstanceOf(AuthenticationOutcome.Challenged.class);
    }

    private static AuthenticationRequest requestOf(DeviceIdStruct device, DeviceId id, CpeCredentials credentials) {
        Inform inform = new Inform(device, List.of(EventStruct.of("2 PERIODIC")), 1, "2026-12-01T10:00:00Z", 0, List.of());
        return new AuthenticationRequest(inform, id, "192.0.2.7", credentials);
    }

    private static HttpAuthClient client(AuthenticationOutcome outcome, String user, String pass) {
        List<String> challenges = ((AuthenticationOutcome.Challenged) outcome).wwwAuthenticate().stream()
                .filter(c -> c.contains("algorithm=SHA-256,")).toList();
        return HttpAuthClient.fromChallenges(challenges, user, pass);
    }

    @Test
    void aCpePresentingItsLastNonceAtItsNextSessionIsAcceptedWithoutAChallenge() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        CpeAuthenticator a = authenticator(Map.of());
        HttpAuthClient cpe = client(firstTry(a), "cpe", "secret");
        assertThat(a.authenticate(request(plain(cpe.header("POST", "/"))))).isEqualTo(AuthenticationOutcome.accepted());
        now = now.plus(Duration.ofMinutes(3));
        assertThat(a.authenticate(request(plain(cpe.header("POST", "/"))))).as("the next session, unchallenged")
                .isEqualTo(AuthenticationOutcome.accepted());
    }

    @Test
    void aReplayedNonceCountIsAnsweredStale() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        CpeAuthenticator a = authenticator(Map.of());
        String header = client(firstTry(a), "cpe", "secret").header("POST", "/");
        assertThat(a.authenticate(request(plain(header)))).isEqualTo(AuthenticationOutcome.accepted());
        assertThat(a.authenticate(request(plain(header)))).isInstanceOfSatisfying(AuthenticationOutcome.Challenged.class,
                c -> assertThat(c.wwwAuthenticate().get(0)).contains("stale=true"));
    }

    @Test
    void aReusedNonceOlderThanTheLifetimeIsAnsweredStale() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        CpeAuthenticator a = authenticator(Map.of("cwmp.auth.nonce-lifetime", "5m"));
        HttpAuthClient cpe = client(firstTry(a), "cpe", "secret");
        assertThat(a.authenticate(request(plain(cpe.header("POST", "/"))))).isEqualTo(AuthenticationOutcome.accepted());
        now = now.plus(Duration.ofMinutes(6));
        assertThat(a.authenticate(request(plain(cpe.header("POST", "/")))))
                .isInstanceOfSatisfying(AuthenticationOutcome.Challenged.class,
                        c -> assertThat(c.wwwAuthenticate().get(0)).contains("stale=true"));
    }

    @Test
    void aNonceFromAnotherDevicesChallengeIsRefusedNotStale() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        CpeAuthenticator a = authenticator(Map.of());
        DeviceIdStruct other = new DeviceIdStruct("Cisco", "00562B", "CP-8851", "FCH9999");
        DeviceId otherId = new DeviceId("00562B-CP%2D8851-FCH9999");
        HttpAuthClient otherCpe = client(a.authenticate(requestOf(other, otherId, plain(null))), "cpe", "secret");
        AuthenticationOutcome outcome = a.authenticate(request(plain(otherCpe.header("POST", "/"))));
        assertThat(outcome).isInstanceOfSatisfying(AuthenticationOutcome.Challenged.class,
                c -> assertThat(c.wwwAuthenticate().get(0)).doesNotContain("stale"));
        assertThat(a.authenticate(requestOf(other, otherId, plain(otherCpe.header("POST", "/")))))
                .as("the device it was issued to").isEqualTo(AuthenticationOutcome.accepted());
    }

    @Test
    void aWrongPasswordWithAReusedNonceIsRefused() {
        store.putCpeCredential(CpeCredentialScope.FLEET, credential("cpe", "secret", REALM));
        CpeAuthenticator a = authenticator(Map.of());
        AuthenticationOutcome challenge = firstTry(a);
        HttpAuthClient cpe = client(challenge, "cpe", "secret");
        assertThat(a.authenticate(request(plain(cpe.header("POST", "/"))))).isEqualTo(AuthenticationOutcome.accepted());
        HttpAuthClient guess = client(challenge, "cpe", "guess");
        guess.header("POST", "/");
        guess.header("POST", "/");
        assertThat(a.authenticate(request(plain(guess.header("POST", "/")))))
                .isInstanceOfSatisfying(AuthenticationOutcome.Challenged.class,
                        c -> assertThat(c.wwwAuthenticate().get(0)).doesNotContain("stale"));
    }
}
