package io.lodestar.acs.sim.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HttpAuthTest {

    @Test
    void digestMatchesTheRfc2617Example() {
        HttpAuth auth = HttpAuth.fromChallenges(List.of("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""),
                "Mufasa", "Circle Of Life");
        String h = auth.digestHeader("GET", "/dir/index.html", "0a4f113b", 1);
        assertThat(h).startsWith("Digest ").contains("username=\"Mufasa\"", "response=\"6629fae49393a05397450978507c4ef1\"",
                "qop=auth", "nc=00000001", "cnonce=\"0a4f113b\"", "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    }

    @Test
    void digestPreferredOverBasicAndNonceCountsUp() {
        HttpAuth auth = HttpAuth.fromChallenges(List.of("Basic realm=\"x\"", "Digest realm=\"x\", nonce=\"n\", qop=auth"), "u", "p");
        assertThat(auth.header("POST", "/acs")).startsWith("Digest ").contains("nc=00000001");
        assertThat(auth.header("POST", "/acs")).contains("nc=00000002");
    }

    @Test
    void basic() {
        HttpAuth auth = HttpAuth.fromChallenges(List.of("Basic realm=\"acs\""), "Aladdin", "open sesame");
        assertThat(auth.header("POST", "/")).isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(HttpAuth.fromChallenges(List.of("Negotiate abc"), "u", "p")).isNull();
    }
}
