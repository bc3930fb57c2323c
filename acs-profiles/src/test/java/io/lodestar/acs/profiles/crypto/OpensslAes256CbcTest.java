package io.lodestar.acs.profiles.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpensslAes256CbcTest {

    private static final String SECRET = "SecretPhrase1234";
    private static final byte[] PROFILE = ("<flat-profile>\n  <Display_Name_1_>Alice &amp; Bob</Display_Name_1_>\n"
            + "  <Password_1_>s3cr3t</Password_1_>\n</flat-profile>\n").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void theEncryptedBytesDecryptWithTheOpensslCommandLine() throws Exception {
        Openssl.assumePresent();
        byte[] salt = HexFormat.of().parseHex("0102030405060708");
        Path file = Files.write(dir.resolve("profile.cfg"), OpensslAes256Cbc.encrypt(PROFILE, bytes(SECRET), salt));

        assertThat(Openssl.decrypt(file, SECRET)).isEqualTo(PROFILE);
    }

    @Test
    void aFileTheOpensslCommandLineEncryptedDecryptsHere() throws Exception {
        Openssl.assumePresent();
        Path plain = Files.write(dir.resolve("profile.xml"), PROFILE);
        byte[] encrypted = Openssl.encrypt(plain, SECRET);

        assertThat(new String(encrypted, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("Salted__");
        assertThat(OpensslAes256Cbc.decrypt(encrypted, bytes(SECRET))).isEqualTo(PROFILE);
    }

    @Test
    void aGzippedProfileSurvivesOpensslThenGunzip() throws Exception {
        Openssl.assumePresent();
        Openssl.assumeGunzipPresent();
        EncodedProfile served = ProfileEncoder.encode(PROFILE, new ProfileEncryption.OpensslAes256Cbc(true),
                bytes(SECRET), "application/xml");
        Path file = Files.write(dir.resolve("profile.cfg"), served.body());

        Path gz = Files.write(dir.resolve("profile.xml.gz"), Openssl.decrypt(file, SECRET));

        assertThat(Openssl.gunzip(gz)).isEqualTo(PROFILE);
        assertThat(served.contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void keyAndIvFollowEvpBytesToKeyWithMd5AndOneIteration() {
        // D1 = MD5(pass || salt), D2 = MD5(D1 || pass || salt), D3 = MD5(D2 || pass || salt): key = D1 D2, IV = D3
        byte[] pass = bytes("pass");
        byte[] salt = HexFormat.of().parseHex("0001020304050607");
        byte[] d1 = md5(concat(pass, salt));
        byte[] d2 = md5(concat(d1, pass, salt));
        byte[] d3 = md5(concat(d2, pass, salt));

        assertThat(OpensslAes256Cbc.keyAndIv(pass, salt)).isEqualTo(concat(d1, d2, d3));
    }

    @Test
    void aWrongPassphraseOrAForeignFileIsAClearError() {
        byte[] encrypted = OpensslAes256Cbc.encrypt(PROFILE, bytes(SECRET), new byte[8]);

        assertThatThrownBy(() -> OpensslAes256Cbc.decrypt(encrypted, bytes("another phrase entirely")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passphrase");
        assertThatThrownBy(() -> OpensslAes256Cbc.decrypt(PROFILE, bytes(SECRET)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Salted__");
        assertThatThrownBy(() -> OpensslAes256Cbc.encrypt(PROFILE, bytes(SECRET), new byte[7]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 bytes");
    }

    @Test
    void theSameProfileUnderTheSameKeyIsServedAsTheSameBytesAndAnotherProfileGetsAnotherSalt() {
        var cbc = new ProfileEncryption.OpensslAes256Cbc(false);
        byte[] first = ProfileEncoder.encode(PROFILE, cbc, bytes(SECRET), "application/xml").body();
        byte[] again = ProfileEncoder.encode(PROFILE, cbc, bytes(SECRET), "application/xml").body();
        byte[] other = ProfileEncoder.encode(bytes("<flat-profile/>"), cbc, bytes(SECRET), "application/xml").body();

        assertThat(again).isEqualTo(first);
        assertThat(java.util.Arrays.copyOfRange(other, 8, 16)).isNotEqualTo(java.util.Arrays.copyOfRange(first, 8, 16));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] md5(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
