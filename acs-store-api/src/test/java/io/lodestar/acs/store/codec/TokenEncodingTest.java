package io.lodestar.acs.store.codec;

import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.core.access.TokenScope;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API token record both stores keep. The golden records pin format 1 byte for byte: once a store holds
 * tokens, format 1 must stay readable, so a change to the encoding needs a new format byte, not an edit of these.
 */
class TokenEncodingTest {

    private static final Instant T = Instant.parse("2025-03-01T10:15:30.123456789Z");
    private static final HexFormat HEX = HexFormat.of();

    /** A revoked token with every field set: scopes by name in declaration order, a 4-byte hash. */
    private static final String GOLDEN_REVOKED = "0100000005746f6b2d31000000066f737320c3bc0000000200000004"
            + "5245414400000005575249544500000004007f80ff010000000067c2de42075bcd15010000000067c2ec52075bcd1501000000"
            + "0067c2de7e075bcd15";
    /** A token without scopes, expiry or revocation, and an empty hash. */
    private static final String GOLDEN_BARE = "010000000174000000000000000000000000010000000067c2de42075bcd150000";

    private static ApiToken revoked() {
        return new ApiToken("tok-1", "oss ü", Set.of(TokenScope.WRITE, TokenScope.READ),
                new byte[] {0x00, 0x7f, (byte) 0x80, (byte) 0xff}, T, T.plusSeconds(3600), T.plusSeconds(60));
    }

    private static ApiToken bare() {
        return new ApiToken("t", "", Set.of(), new byte[0], T, null, null);
    }

    @Test
    void formatOneIsPinned() {
        assertThat(TokenEncoding.decode(HEX.parseHex(GOLDEN_REVOKED))).isEqualTo(revoked());
        assertThat(HEX.formatHex(TokenEncoding.encode(revoked()))).isEqualTo(GOLDEN_REVOKED);
        assertThat(TokenEncoding.decode(HEX.parseHex(GOLDEN_BARE))).isEqualTo(bare());
        assertThat(HEX.formatHex(TokenEncoding.encode(bare()))).isEqualTo(GOLDEN_BARE);
    }

    @Test
    void everyScopeSetHashAndTimeRoundTrips() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        List<Set<TokenScope>> scopeSets = List.of(Set.of(), Set.of(TokenScope.READ), Set.of(TokenScope.ADMIN),
                Set.of(TokenScope.values()));
        for (Set<TokenScope> scopes : scopeSets) {
            for (byte[] hash : List.of(new byte[0], new byte[32], everyByte)) {
                for (Instant expiry : Arrays.asList(null, Instant.ofEpochSecond(-1_000_000_000L, 1))) {
                    ApiToken t = new ApiToken("tök-☕", "Zugang \uD83D\uDE80", scopes, hash, T, expiry, null);
                    ApiToken back = TokenEncoding.decode(TokenEncoding.encode(t));
                    assertThat(back).isEqualTo(t);
                    assertThat(back.secretHash()).isEqualTo(hash);
                    ApiToken gone = t.revoked(T.plusNanos(1));
                    assertThat(TokenEncoding.decode(TokenEncoding.encode(gone))).isEqualTo(gone);
                }
            }
        }
    }

    @Test
    void theHashIsWrittenAsItIs() {
        // the hash as it is (length 4, then 00 7f 80 ff), and no field beside it but the listed ones
        String hex = HEX.formatHex(TokenEncoding.encode(revoked()));
        assertThat(hex).contains("00000004007f80ff").isEqualTo(GOLDEN_REVOKED);
    }

    @Test
    void aBufferIsReadFromItsPositionAndNotMoved() {
        byte[] record = TokenEncoding.encode(revoked());
        byte[] framed = new byte[record.length + 5];
        System.arraycopy(record, 0, framed, 3, record.length);
        ByteBuffer buffer = ByteBuffer.wrap(framed, 3, record.length);
        assertThat(TokenEncoding.decode(buffer)).isEqualTo(revoked());
        assertThat(buffer.position()).isEqualTo(3);
    }

    @Test
    void anUnknownFormatOrScopeFailsLoudly() {
        byte[] future = TokenEncoding.encode(revoked());
        future[0] = 2;
        assertThatThrownBy(() -> TokenEncoding.decode(future)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read stored API token").hasMessageContaining("unknown record format 2");

        String laterScope = HEX.formatHex(TokenEncoding.encode(revoked()))
                .replace("00000005" + HEX.formatHex("WRITE".getBytes()), "00000005" + HEX.formatHex("AUDIT".getBytes()));
        assertThatThrownBy(() -> TokenEncoding.decode(HEX.parseHex(laterScope)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown token scope AUDIT");
    }

    @Test
    void aTruncatedRecordIsReportedAsCorrupt() {
        byte[] whole = TokenEncoding.encode(revoked());
        for (int len = 0; len < whole.length; len++) {
            byte[] cut = Arrays.copyOf(whole, len);
            assertThatThrownBy(() -> TokenEncoding.decode(cut)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot read stored API token");
        }
    }
}
