package io.lodestar.acs.httpauth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasicVerifierTest {

    @Test
    void theRfc7617ExampleParses() {
        var basic = (PresentedCredentials.Basic) PresentedCredentials.parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(basic.username()).isEqualTo("Aladdin");
        assertThat(basic.password()).isEqualTo("open sesame");
        assertThat(basic.toString()).doesNotContain("open sesame");
    }

    @Test
    void basicIsCheckedAgainstTheStoredHa1NotAPassword() {
        String ha1 = Digest.ha1(DigestAlgorithm.SHA_256, "cpe", "lodestar", "pa:ss");
        var right = (PresentedCredentials.Basic) PresentedCredentials.parse(HttpAuthClient.basicHeader("cpe", "pa:ss"));
        var wrong = (PresentedCredentials.Basic) PresentedCredentials.parse(HttpAuthClient.basicHeader("cpe", "pass"));
        var otherUser = (PresentedCredentials.Basic) PresentedCredentials.parse(HttpAuthClient.basicHeader("cpf", "pa:ss"));
        assertThat(BasicVerifier.verify(right, DigestAlgorithm.SHA_256, "lodestar", "cpe", ha1)).isTrue();
        assertThat(BasicVerifier.verify(wrong, DigestAlgorithm.SHA_256, "lodestar", "cpe", ha1)).isFalse();
        assertThat(BasicVerifier.verify(otherUser, DigestAlgorithm.SHA_256, "lodestar", "cpe", ha1)).isFalse();
        assertThat(BasicVerifier.verify(right, DigestAlgorithm.SHA_256, "other realm", "cpe", ha1)).isFalse();
    }

    @Test
    void malformedHeadersAreRefusedWithAReason() {
        assertThatThrownBy(() -> PresentedCredentials.parse("Basic !!!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> PresentedCredentials.parse("Basic " + java.util.Base64.getEncoder()
                .encodeToString("nocolon".getBytes()))).hasMessageContaining("':'");
        assertThatThrownBy(() -> PresentedCredentials.parse("Bearer abc")).hasMessageContaining("bearer");
        assertThatThrownBy(() -> PresentedCredentials.parse("Digest username=\"a\"")).hasMessageContaining("without");
        assertThatThrownBy(() -> PresentedCredentials.parse("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"/\", "
                + "response=\"x\", algorithm=SHA-512")).hasMessageContaining("algorithm");
        assertThatThrownBy(() -> PresentedCredentials.parse("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"/\", "
                + "response=\"x\", qop=auth, nc=1, cnonce=\"c\"")).hasMessageContaining("8 hex");
        assertThatThrownBy(() -> PresentedCredentials.parse("Basic " + "A".repeat(5000))).hasMessageContaining("longer");
    }
}
