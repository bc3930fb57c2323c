package io.lodestar.acs.store.embedded;

import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.FileStoreContract;
import io.lodestar.acs.store.StoredFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The file store contract on the embedded engine's directory, plus what only it promises. */
class DiskFileStoreTest implements FileStoreContract {

    @TempDir
    Path tmp;

    private FileStore files;

    @BeforeEach
    void open() {
        files = DiskFileStore.open(dir());
    }

    private Path dir() {
        return tmp.resolve("files");
    }

    @Override
    public FileStore fileStore() {
        return files;
    }

    @Override
    public void restartFileStore() {
        files = DiskFileStore.open(dir());
    }

    @Test
    void whatACrashLeftHalfWayIsRemovedAtOpenAndNeverListed() throws IOException {
        StoredFile kept = files.putFile(FileStoreContract.firmware("kept", T0), FileStoreContract.content(10, 1),
                NO_LIMIT);
        Files.writeString(dir().resolve("incoming/upload.content"), "half an upload");
        Files.writeString(dir().resolve("content/renamed-but-no-metadata"), "a crash between the two renames");
        restartFileStore();
        assertThat(files.files()).containsExactly(kept);
        assertThat(dir().resolve("incoming")).isEmptyDirectory();
        assertThat(dir().resolve("content/renamed-but-no-metadata")).doesNotExist();
        assertThat(dir().resolve("content/kept")).exists();
    }

    @Test
    void theContentIsAPlainLocalFileForZeroCopy() {
        files.putFile(FileStoreContract.firmware("fw", T0), FileStoreContract.content(4096, 1), NO_LIMIT);
        assertThat(files.openFile("fw").orElseThrow().path()).isEqualTo(dir().resolve("content/fw")).hasSize(4096);
    }
}
