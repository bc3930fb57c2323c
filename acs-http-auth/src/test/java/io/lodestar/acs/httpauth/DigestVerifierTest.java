package io.lodestar.acs.httpauth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.lodestar.acs.httpauth.DigestVerifier.Verdict.REFUSED;
import static io.lodestar.acs.httpauth.DigestVerifier.Verdict.STALE;
import static io.lodestar.acs.httpauth.DigestVerifier.Verdict.VALID;
import static org.assertj.core.api.Assertions.assertThat;

class DigestVerifierTest {

    private static final String REALM = "lodestar";
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T20:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final NonceIssuer nonces = new NonceIssuer(NonceIssuer.randomKey(), Duration.ofMinutes(5), clock);
    private final DigestVerifier verifier = new DigestVerifier(nonces,
            Set.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256), 1000);

    private static PresentedCredentials.DigestResponse digest(String header) {
        return (PresentedCredentials.DigestResponse) PresentedCredentials.parse(header);
    }

    /** What a client answers to our challenge with these credentials. */
    private String answer(DigestAlgorithm algorithm, String user, String password, int nc) {
        HttpAuthClient client = HttpAuthClient.fromChallenges(
                List.of(DigestChallenge.digest(REALM, nonces.issue(), algorithm, false)), user, password);
        return client.digestHeader("POST", "/", "0a4f113b", nc);
    }

    private DigestVerifier.Verdict verify(String header, String user, String password) {
        var r = digest(header);
        return verifier.verify(r, "POST", "/", REALM, user, Digest.ha1(r.algorithm().base(), user, REALM, password));
    }

    @Test
    void theRfc7616Sha256ExampleIsVerifiedFromTheStoredHa1() {
        var r = digest("Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", "
                + "algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, "
                + "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, "
                + "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", "
                + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
        String ha1 = Digest.ha1(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org", "Circle of Life");
        assertThat(DigestVerifier.responseMatches(r, "GET", ha1)).isTrue();
        assertThat(DigestVerifier.responseMatches(r, "POST", ha1)).as("another method").isFalse();
        assertThat(DigestVerifier.responseMatches(r, "GET",
                Digest.ha1(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org", "Circle of life"))).isFalse();
    }

    @Test
    void theRfc7616Md5ExampleIsVerifiedFromTheStoredHa1() {
        var r = digest("Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", "
                + "algorithm=MD5, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, "
                + "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, "
                + "response=\"8ca523f5e9506fed4657c9700eebdbec\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
        String ha1 = Digest.ha1(DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org", "Circle of Life");
        assertThat(DigestVerifier.responseMatches(r, "GET", ha1)).isTrue();
    }

    @Test
    void theRfc2617ExampleIsVerifiedFromTheStoredHa1() {
        var r = digest("Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", qop=auth, nc=00000001, "
                + "cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", "
                + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        assertThat(r.algorithm()).as("no algorithm means MD5").isEqualTo(DigestAlgorithm.MD5);
        assertThat(DigestVerifier.responseMatches(r, "GET",
                Digest.ha1(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life"))).isTrue();
    }

    @Test
    void aClientAnsweringOurChallengeIsAcceptedWithMd5AndSha256() {
        assertThat(verify(answer(DigestAlgorithm.MD5, "cpe", "s3cret", 1), "cpe", "s3cret")).isEqualTo(VALID);
        assertThat(verify(answer(DigestAlgorithm.SHA_256, "cpe", "s3cret", 1), "cpe", "s3cret")).isEqualTo(VALID);
    }

    @Test
    void aWrongPasswordOrUserIsRefused() {
        assertThat(verify(answer(DigestAlgorithm.SHA_256, "cpe", "guess", 1), "cpe", "s3cret")).isEqualTo(REFUSED);
        assertThat(verify(answer(DigestAlgorithm.MD5, "other", "s3cret", 1), "cpe", "s3cret")).isEqualTo(REFUSED);
    }

    @Test
    void anExpiredNonceWithTheRightPasswordIsStale() {
        String header = answer(DigestAlgorithm.SHA_256, "cpe", "s3cret", 1);
        now.set(now.get().plus(Duration.ofMinutes(6)));
        assertThat(verify(header, "cpe", "s3cret")).isEqualTo(STALE);
    }

    @Test
    void anExpiredNonceWithAWrongPasswordIsRefusedNotStale() {
        String header = answer(DigestAlgorithm.SHA_256, "cpe", "guess", 1);
        now.set(now.get().plus(Duration.ofMinutes(6)));
        assertThat(verify(header, "cpe", "s3cret")).isEqualTo(REFUSED);
    }

    @Test
    void aReplayedHeaderIsStaleAndAGrowingCountIsAccepted() {
        HttpAuthClient client = HttpAuthClient.fromChallenges(
                List.of(DigestChallenge.digest(REALM, nonces.issue(), DigestAlgorithm.MD5, false)), "cpe", "s3cret");
        String first = client.digestHeader("POST", "/", "c1", 1);
        assertThat(verify(first, "cpe", "s3cret")).isEqualTo(VALID);
        assertThat(verify(first, "cpe", "s3cret")).as("the same header again").isEqualTo(STALE);
        assertThat(verify(client.digestHeader("POST", "/", "c2", 2), "cpe", "s3cret")).isEqualTo(VALID);
    }

    @Test
    void aNonceNotIssuedWithOurKeyIsRefused() {
        NonceIssuer otherKey = new NonceIssuer(NonceIssuer.randomKey(), Duration.ofMinutes(5), clock);
        HttpAuthClient client = HttpAuthClient.fromChallenges(
                List.of(DigestChallenge.digest(REALM, otherKey.issue(), DigestAlgorithm.MD5, false)), "cpe", "s3cret");
        assertThat(verify(client.digestHeader("POST", "/", "c", 1), "cpe", "s3cret")).isEqualTo(REFUSED);
        assertThat(nonces.check("not-a-nonce")).isEqualTo(NonceIssuer.Check.FORGED);
        assertThat(nonces.check(nonces.issue())).isEqualTo(NonceIssuer.Check.VALID);
    }

    @Test
    void nodesSharingASecretAcceptEachOthersNonces() {
        NonceIssuer a = new NonceIssuer(NonceIssuer.keyFromSecret("cluster secret"), Duration.ofMinutes(5), clock);
        NonceIssuer b = new NonceIssuer(NonceIssuer.keyFromSecret("cluster secret"), Duration.ofMinutes(5), clock);
        assertThat(b.check(a.issue())).isEqualTo(NonceIssuer.Check.VALID);
    }

    @Test
    void anotherUriRealmOrMissingQopIsRefused() {
        String nonce = nonces.issue();
        String ha1 = Digest.ha1(DigestAlgorithm.MD5, "cpe", REALM, "s3cret");
        HttpAuthClient client = HttpAuthClient.fromChallenges(
                List.of(DigestChallenge.digest(REALM, nonce, DigestAlgorithm.MD5, false)), "cpe", "s3cret");
        var r = digest(client.digestHeader("POST", "/elsewhere", "c", 1));
        assertThat(verifier.verify(r, "POST", "/", REALM, "cpe", ha1)).isEqualTo(REFUSED);
        assertThat(verifier.verify(r, "POST", "http://acs.example:7547/elsewhere", REALM, "cpe", ha1))
                .as("absolute form of the same path").isEqualTo(VALID);
        HttpAuthClient noQop = HttpAuthClient.fromChallenges(
                List.of("Digest realm=\"" + REALM + "\", nonce=\"" + nonces.issue() + "\""), "cpe", "s3cret");
        assertThat(verify(noQop.digestHeader("POST", "/", "c", 1), "cpe", "s3cret")).isEqualTo(REFUSED);
        HttpAuthClient otherRealm = HttpAuthClient.fromChallenges(
                List.of(DigestChallenge.digest("elsewhere", nonces.issue(), DigestAlgorithm.MD5, false)), "cpe", "s3cret");
        assertThat(verify(otherRealm.digestHeader("POST", "/", "c", 1), "cpe", "s3cret")).isEqualTo(REFUSED);
    }

    @Test
    void anAlgorithmNotOfferedIsRefused() {
        DigestVerifier sha256Only = new DigestVerifier(nonces, Set.of(DigestAlgorithm.SHA_256), 10);
        var r = digest(answer(DigestAlgorithm.MD5, "cpe", "s3cret", 1));
        assertThat(sha256Only.verify(r, "POST", "/", REALM, "cpe", Digest.ha1(DigestAlgorithm.MD5, "cpe", REALM, "s3cret")))
                .isEqualTo(REFUSED);
    }

    @Test
    void challengesOfferQopAuthAndSayStale() {
        assertThat(DigestChallenge.digest("r\"q", "n", DigestAlgorithm.SHA_256, true))
                .isEqualTo("Digest realm=\"r\\\"q\", qop=\"auth\", algorithm=SHA-256, nonce=\"n\", stale=true");
        assertThat(DigestChallenge.basic("lodestar")).isEqualTo("Basic realm=\"lodestar\", charset=\"UTF-8\"");
    }

    private DigestVerifier.Verdict verifyFor(DigestVerifier v, String header, String device) {
        var r = digest(header);
        return v.verify(r, "POST", "/", REALM, "cpe", Digest.ha1(r.algorithm().base(), "cpe", REALM, "s3cret"), device);
    }

    private HttpAuthClient challengedAs(String device) {
        return HttpAuthClient.fromChallenges(
                List.of(DigestChallenge.digest(REALM, nonces.issue(device), DigestAlgorithm.SHA_256, false)), "cpe", "s3cret");
    }

    @Test
    void aNonceReusedUnchallengedInALaterSessionWithAGrowingCountIsAccepted() {
        HttpAuthClient cpe = challengedAs("00D09E-PHONE1");
        assertThat(verifyFor(verifier, cpe.header("POST", "/"), "00D09E-PHONE1")).isEqualTo(VALID);
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(verifyFor(verifier, cpe.header("POST", "/"), "00D09E-PHONE1")).as("next session, nc 2").isEqualTo(VALID);
        assertThat(verifyFor(verifier, cpe.header("POST", "/"), "00D09E-PHONE1")).as("nc 3").isEqualTo(VALID);
    }

    @Test
    void aReusedNonceWithAReplayedCountIsStale() {
        HttpAuthClient cpe = challengedAs("00D09E-PHONE1");
        String first = cpe.header("POST", "/");
        String second = cpe.header("POST", "/");
        assertThat(verifyFor(verifier, second, "00D09E-PHONE1")).isEqualTo(VALID);
        assertThat(verifyFor(verifier, first, "00D09E-PHONE1")).as("a lower count, later").isEqualTo(STALE);
        assertThat(verifyFor(verifier, second, "00D09E-PHONE1")).as("the same count again").isEqualTo(STALE);
    }

    @Test
    void aReusedNonceThatExpiredIsStale() {
        HttpAuthClient cpe = challengedAs("00D09E-PHONE1");
        assertThat(verifyFor(verifier, cpe.header("POST", "/"), "00D09E-PHONE1")).isEqualTo(VALID);
        now.set(now.get().plus(Duration.ofMinutes(5)).plusSeconds(1));
        assertThat(verifyFor(verifier, cpe.header("POST", "/"), "00D09E-PHONE1")).isEqualTo(STALE);
    }

    @Test
    void aNonceIssuedToAnotherDeviceIsRefused() {
        HttpAuthClient other = challengedAs("00D09E-PHONE2");
        assertThat(verifyFor(verifier, other.header("POST", "/"), "00D09E-PHONE1")).isEqualTo(REFUSED);
        assertThat(verifyFor(verifier, challengedAs("").header("POST", "/"), "00D09E-PHONE1"))
                .as("an unbound nonce").isEqualTo(REFUSED);
        assertThat(nonces.check(nonces.issue("00D09E-PHONE2"), "00D09E-PHONE2")).isEqualTo(NonceIssuer.Check.VALID);
    }

    @Test
    void aWrongPasswordWithAReusedNonceIsRefused() {
        HttpAuthClient cpe = challengedAs("00D09E-PHONE1");
        assertThat(verifyFor(verifier, cpe.header("POST", "/"), "00D09E-PHONE1")).isEqualTo(VALID);
        HttpAuthClient guess = HttpAuthClient.fromChallenges(
                List.of(DigestChallenge.digest(REALM, cpe.nonce(), DigestAlgorithm.SHA_256, false)), "cpe", "guess");
        assertThat(verifyFor(verifier, guess.digestHeader("POST", "/", "c", 7), "00D09E-PHONE1")).isEqualTo(REFUSED);
    }

    @Test
    void aNonceWhoseCountTheBoundedTableForgotIsStaleNeverValid() {
        DigestVerifier small = new DigestVerifier(nonces, Set.of(DigestAlgorithm.SHA_256), 1);
        HttpAuthClient a = challengedAs("A");
        String aFirst = a.header("POST", "/");
        assertThat(verifyFor(small, aFirst, "A")).isEqualTo(VALID);
        now.set(now.get().plusMillis(10));
        HttpAuthClient b = challengedAs("B");
        assertThat(verifyFor(small, b.header("POST", "/"), "B")).as("pushes A's count out").isEqualTo(VALID);
        assertThat(verifyFor(small, aFirst, "A")).as("A's first header replayed").isEqualTo(STALE);
        assertThat(verifyFor(small, a.header("POST", "/"), "A")).as("even a growing count: not known").isEqualTo(STALE);
        now.set(now.get().plusMillis(10));
        HttpAuthClient fresh = challengedAs("A");
        assertThat(verifyFor(small, fresh.header("POST", "/"), "A")).as("a nonce issued since").isEqualTo(VALID);
    }

    @Test
    void aNonceIssuedBeforeTheVerifierStartedIsStaleAfterARestart() {
        NonceIssuer shared = new NonceIssuer(NonceIssuer.keyFromSecret("cluster secret"), Duration.ofMinutes(5), clock);
        HttpAuthClient cpe = HttpAuthClient.fromChallenges(
                List.of(DigestChallenge.digest(REALM, shared.issue("A"), DigestAlgorithm.SHA_256, false)), "cpe", "s3cret");
        String header = cpe.header("POST", "/");
        now.set(now.get().plusSeconds(1));
        DigestVerifier restarted = new DigestVerifier(shared, Set.of(DigestAlgorithm.SHA_256), 100);
        var r = digest(header);
        assertThat(restarted.verify(r, "POST", "/", REALM, "cpe", Digest.ha1(DigestAlgorithm.SHA_256, "cpe", REALM, "s3cret"),
                "A")).isEqualTo(STALE);
    }
}
