package io.lodestar.acs.profiles.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private final SecretBox box = new SecretBox(key(7));

    @Test
    void aSealedSecretOpensWithTheSameMasterKeyAndContext() {
        byte[] sealed = box.seal(bytes("SecretPhrase1234"), "template:a");

        assertThat(box.open(sealed, "template:a")).isEqualTo(bytes("SecretPhrase1234"));
    }

    @Test
    void aSealedSecretDoesNotOpenUnderAnotherContextOrMasterKey() {
        byte[] sealed = box.seal(bytes("SecretPhrase1234"), "template:a");

        assertThatThrownBy(() -> box.open(sealed, "template:b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("template:b");
        assertThatThrownBy(() -> new SecretBox(key(8)).open(sealed, "template:a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameSecretSealsDifferentlyEachTime() {
        assertThat(box.seal(bytes("x"), "c")).isNotEqualTo(box.seal(bytes("x"), "c"));
    }

    @Test
    void aMasterKeyOfTheWrongLengthOrAForeignValueIsRefused() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> box.open(new byte[10], "c")).hasMessageContaining("not a sealed secret");
    }

    @Test
    void keysAreKeptSealedAndOpenOnlyForTheirOwnEntry() {
        InMemorySealedKeyStore store = new InMemorySealedKeyStore();
        ProfileKeys keys = new ProfileKeys(store, box);
        KeyRef ref = new KeyRef(KeyScope.TEMPLATE, "cp-8841");
        keys.set(ref, new ProfileEncryption.OpensslAes256Cbc(false), "SecretPhrase1234");

        byte[] atRest = store.find(ref).orElseThrow();
        assertThat(new String(atRest, StandardCharsets.ISO_8859_1)).doesNotContain("SecretPhrase1234");
        assertThat(keys.find(ref)).contains("SecretPhrase1234");

        KeyRef other = new KeyRef(KeyScope.DEVICE, "cp-8841");
        store.put(other, atRest);
        assertThatThrownBy(() -> keys.find(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedKeysFitTheirEncryption() {
        ProfileKeys keys = new ProfileKeys(new InMemorySealedKeyStore(), box);
        var gcm = new ProfileEncryption.Aes128GcmCoding(4096, "");
        var cbc = new ProfileEncryption.OpensslAes256Cbc(true);

        String ikm = keys.generate(new KeyRef(KeyScope.DEVICE, "d1"), gcm);
        String passphrase = keys.generate(new KeyRef(KeyScope.DEVICE, "d2"), cbc);

        assertThat(ProfileKeys.keyBytes(gcm, ikm)).hasSize(16);
        assertThat(passphrase).hasSizeGreaterThanOrEqualTo(ProfileKeys.MIN_PASSPHRASE_LENGTH);
    }

    @Test
    void secretsThatDoNotFitAreRefusedWithTheReason() {
        ProfileKeys keys = new ProfileKeys(new InMemorySealedKeyStore(), box);
        KeyRef ref = new KeyRef(KeyScope.TEMPLATE, "t");

        assertThatThrownBy(() -> keys.set(ref, new ProfileEncryption.OpensslAes256Cbc(false), "short"))
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> keys.set(ref, new ProfileEncryption.OpensslAes256Cbc(false), "has spaces in it, see"))
                .hasMessageContaining("without spaces");
        assertThatThrownBy(() -> keys.set(ref, new ProfileEncryption.Aes128GcmCoding(4096, ""), "QUJD"))
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> keys.set(ref, new ProfileEncryption.Plain(), "SecretPhrase1234"))
                .hasMessageContaining("clear");
    }

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
