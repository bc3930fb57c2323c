package io.lodestar.acs.store;

import io.lodestar.acs.store.codec.FileEncoding;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileMetadataTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void metadataRoundTripsThroughItsEncoding() {
        StoredFile f = new NewFile("fw-1", "image ü.bin", "X 000E8F CA Certificate File", "v1", List.of("000E8F"),
                List.of("CP-8841-3PCC"), "dev-1", T0.plusNanos(3)).stored(42, new byte[32]);
        assertThat(FileEncoding.decode(FileEncoding.encode(f))).isEqualTo(f);
        StoredFile operators = NewFile.of("cfg", "a.cfg", FileMetadata.VENDOR_CONFIGURATION, T0).stored(0, new byte[32]);
        assertThat(FileEncoding.decode(FileEncoding.encode(operators))).isEqualTo(operators);
    }

    @Test
    void badMetadataIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> NewFile.of("../etc", "a", FileMetadata.FIRMWARE, T0)).hasMessageContaining("file id");
        assertThatThrownBy(() -> NewFile.of(".hidden", "a", FileMetadata.FIRMWARE, T0)).hasMessageContaining("file id");
        assertThatThrownBy(() -> NewFile.of("ok", "a/b", FileMetadata.FIRMWARE, T0)).hasMessageContaining("'/'");
        assertThatThrownBy(() -> NewFile.of("ok", "a", " ", T0)).hasMessageContaining("file type");
        assertThatThrownBy(() -> new NewFile("ok", "a", FileMetadata.FIRMWARE, "", List.of("0cd0f8"), List.of(), null,
                T0)).hasMessageContaining("OUI");
        assertThatThrownBy(() -> NewFile.of("ok", "a", FileMetadata.FIRMWARE, T0).stored(-1, new byte[32]))
                .hasMessageContaining("negative");
    }
}
