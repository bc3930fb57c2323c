package io.lodestar.acs.profiles.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8188 section 3's examples, byte for byte, and the coding's failure modes. */
class Aes128GcmTest {

    private static final byte[] WALRUS = "I am the walrus".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theRfc8188SingleRecordExampleIsReproducedByteForByte() {
        byte[] ikm = b64("yqdlZ-tYemfogSmv7Ws5PQ");
        byte[] salt = b64("I1BsxtFttlv3u_Oo94xnmw");

        byte[] body = Aes128Gcm.encode(WALRUS, ikm, salt, 4096, new byte[0]);

        assertThat(body).isEqualTo(b64("I1BsxtFttlv3u_Oo94xnmwAAEAAA-NAVub2qFgBEuQKRapoZu-IxkIva3MEB1PD-ly8Thjg"));
        assertThat(Aes128Gcm.decode(body, ikm)).isEqualTo(WALRUS);
    }

    @Test
    void theRfc8188IntermediateValuesAreDerivedWithHkdfSha256() {
        byte[] prk = Hkdf.extract(b64("I1BsxtFttlv3u_Oo94xnmw"), b64("yqdlZ-tYemfogSmv7Ws5PQ"));

        assertThat(prk).isEqualTo(b64("zyeH5phsIsgUyd4oiSEIy35x-gIi4aM7y0hCF8mwn9g"));
        assertThat(Hkdf.expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16))
                .isEqualTo(b64("_wniytB-ofscZDh4tbSjHw"));
        assertThat(Hkdf.expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12))
                .isEqualTo(b64("Bcs8gkIRKLI8GeI8"));
    }

    @Test
    void theRfc8188MultipleRecordExampleWithKeyIdAndPaddingDecodes() {
        byte[] body = b64("uNCkWiNYzKTnBN9ji3-qWAAAABkCYTHOG8chz_gnvgOqdGYovxyjuqRyJFjEDyoF1Fvkj6hQPdPHI51OEUKEpgz3SsLWIqS_uA");
        byte[] ikm = b64("BO3ZVPxUlnLORbVGMpbT1Q");

        byte[] plain = Aes128Gcm.decode(body, keyId -> {
            assertThat(new String(keyId, StandardCharsets.US_ASCII)).isEqualTo("a1");
            return ikm;
        });

        assertThat(plain).isEqualTo(WALRUS);
    }

    @Test
    void aLongProfileSplitsIntoRecordsAndComesBackWhole() {
        byte[] profile = "<flat-profile>x</flat-profile>".repeat(40).getBytes(StandardCharsets.US_ASCII);
        byte[] ikm = b64("yqdlZ-tYemfogSmv7Ws5PQ");

        byte[] body = Aes128Gcm.encode(profile, ikm, new byte[16], 100, "k1".getBytes(StandardCharsets.US_ASCII));

        int records = (profile.length + 82) / 83;
        assertThat(body).hasSize(16 + 4 + 1 + 2 + profile.length + records * 17);
        assertThat(Aes128Gcm.decode(body, ikm)).isEqualTo(profile);
    }

    @Test
    void anEmptyProfileIsOneRecord() {
        byte[] ikm = new byte[16];
        byte[] body = Aes128Gcm.encode(new byte[0], ikm, new byte[16], 4096, new byte[0]);

        assertThat(body).hasSize(21 + 17);
        assertThat(Aes128Gcm.decode(body, ikm)).isEmpty();
    }

    @Test
    void aTruncatedOrAlteredBodyIsRefused() {
        byte[] profile = "0123456789".repeat(30).getBytes(StandardCharsets.US_ASCII);
        byte[] ikm = b64("yqdlZ-tYemfogSmv7Ws5PQ");
        byte[] body = Aes128Gcm.encode(profile, ikm, new byte[16], 100, new byte[0]);

        assertThatThrownBy(() -> Aes128Gcm.decode(Arrays.copyOf(body, 21 + 100), ikm))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        byte[] altered = body.clone();
        altered[40] ^= 1;
        assertThatThrownBy(() -> Aes128Gcm.decode(altered, ikm))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authenticate");
        assertThatThrownBy(() -> Aes128Gcm.decode(body, new byte[16]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authenticate");
    }

    @Test
    void badParametersAreRefusedByName() {
        assertThatThrownBy(() -> Aes128Gcm.encode(WALRUS, new byte[16], new byte[16], 17, new byte[0]))
                .hasMessageContaining("record size");
        assertThatThrownBy(() -> Aes128Gcm.encode(WALRUS, new byte[16], new byte[8], 4096, new byte[0]))
                .hasMessageContaining("salt");
        assertThatThrownBy(() -> Aes128Gcm.encode(WALRUS, new byte[16], new byte[16], 4096, new byte[256]))
                .hasMessageContaining("key id");
        assertThatThrownBy(() -> Aes128Gcm.decode(new byte[5], new byte[16])).hasMessageContaining("header");
    }

    @Test
    void theEncoderSendsAes128gcmAsAContentEncodingOfTheProfilesOwnType() {
        byte[] ikm = b64("yqdlZ-tYemfogSmv7Ws5PQ");
        EncodedProfile served = ProfileEncoder.encode(WALRUS, new ProfileEncryption.Aes128GcmCoding(4096, ""), ikm,
                "application/xml");

        assertThat(served.contentEncoding()).isEqualTo("aes128gcm");
        assertThat(served.contentType()).isEqualTo("application/xml");
        assertThat(Aes128Gcm.decode(served.body(), ikm)).isEqualTo(WALRUS);
    }

    static byte[] b64(String s) {
        return Base64.getUrlDecoder().decode(s);
    }
}
