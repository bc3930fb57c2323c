package io.lodestar.acs.httpauth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HttpAuthClientTest {

    @Test
    void digestMatchesTheRfc2617Example() {
        HttpAuthClient auth = HttpAuthClient.fromChallenges(List.of("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""),
                "Mufasa", "Circle Of Life");
        String h = auth.digestHeader("GET", "/dir/index.html", "0a4f113b", 1);
        assertThat(h).startsWith("Digest ").contains("username=\"Mufasa\"", "response=\"6629fae49393a05397450978507c4ef1\"",
                "qop=auth", "nc=00000001", "cnonce=\"0a4f113b\"", "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    }

    @Test
    void sha256DigestMatchesTheRfc7616Example() {
        HttpAuthClient auth = HttpAuthClient.fromChallenges(List.of("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
                + "algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
                + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""), "Mufasa", "Circle of Life");
        String h = auth.digestHeader("GET", "/dir/index.html", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1);
        assertThat(h).contains("algorithm=SHA-256",
                "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"");
    }

    @Test
    void digestPreferredOverBasicAndNonceCountsUp() {
        HttpAuthClient auth = HttpAuthClient.fromChallenges(List.of("Basic realm=\"x\"", "Digest realm=\"x\", nonce=\"n\", qop=auth"), "u", "p");
        assertThat(auth.header("POST", "/acs")).startsWith("Digest ").contains("nc=00000001");
        assertThat(auth.header("POST", "/acs")).contains("nc=00000002");
    }

    @Test
    void basicIsAnsweredOnlyWhereAllowed() {
        HttpAuthClient auth = HttpAuthClient.fromChallenges(List.of("Basic realm=\"acs\""), "Aladdin", "open sesame");
        assertThat(auth.header("POST", "/")).isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(HttpAuthClient.fromChallenges(List.of("Basic realm=\"acs\""), "u", "p", false)).isNull();
        assertThat(HttpAuthClient.fromChallenges(List.of("Negotiate abc"), "u", "p")).isNull();
    }

    @Test
    void anUnknownDigestAlgorithmIsNotAnswered() {
        assertThat(HttpAuthClient.fromChallenges(List.of("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256"), "u", "p")).isNull();
    }
}
