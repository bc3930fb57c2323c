package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.FileStoreContract;
import io.lodestar.acs.store.StoredFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.lodestar.acs.store.StoreTestData.INDEXED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file store contract on a real Cassandra node: each test starts from empty tables; a restart opens a new
 * store with a new, empty local cache, so that what is read back comes from the cluster (as on another node).
 */
class CassandraFileStoreTest implements FileStoreContract {

    private static final String KEYSPACE = "files_contract";

    @RegisterExtension
    static final CassandraKeyspace keyspace = CassandraKeyspace.emptiedBeforeEachTest(KEYSPACE);

    @TempDir
    Path tmp;

    private CassandraAcsStore store;
    private FileStore files;
    private int restarts;

    @BeforeEach
    void open() {
        store = keyspace.open(INDEXED);
        files = CassandraFileStore.over(store, tmp.resolve("cache-0"));
    }

    @Override
    public FileStore fileStore() {
        return files;
    }

    @Override
    public void restartFileStore() {
        store.close();
        store = keyspace.open(INDEXED);
        files = CassandraFileStore.over(store, tmp.resolve("cache-" + ++restarts));
    }

    @Test
    void anotherNodeServesAFileFromTheClusterAndKeepsALocalCopy() throws IOException {
        StoredFile stored = files.putFile(FileStoreContract.firmware("fw-shared", T0),
                FileStoreContract.content(3 * CassandraFileStore.CHUNK_SIZE + 1, 1), NO_LIMIT);
        try (CassandraAcsStore other = CassandraAcsStore.open(keyspace.config(), INDEXED)) {
            FileStore otherNode = CassandraFileStore.over(other, tmp.resolve("other-node"));
            Path copy = otherNode.openFile("fw-shared").orElseThrow().path();
            assertThat(copy.getParent()).isEqualTo(tmp.resolve("other-node"));
            assertThat(FileStoreContract.sha256(Files.newInputStream(copy))).isEqualTo(stored.sha256());
            assertThat(otherNode.openFile("fw-shared").orElseThrow().path()).as("fetched once").isEqualTo(copy);
        }
    }

    @Test
    void theLocalCopiesStayWithinTheirBoundTheLeastRecentlyServedGoingFirst() throws IOException {
        int size = CassandraFileStore.CHUNK_SIZE + 7;
        for (String id : List.of("fw-a", "fw-b", "fw-c")) {
            files.putFile(FileStoreContract.firmware(id, T0), FileStoreContract.content(size, id.hashCode()), NO_LIMIT);
        }
        Path dir = tmp.resolve("bounded");
        try (CassandraAcsStore other = CassandraAcsStore.open(keyspace.config(), INDEXED)) {
            CassandraFileStore node = CassandraFileStore.over(other, dir, 2L * size + 1, java.time.Duration.ZERO);
            Path a = node.openFile("fw-a").orElseThrow().path();
            Path b = node.openFile("fw-b").orElseThrow().path();
            assertThat(node.openFile("fw-a").orElseThrow().path()).as("a served again: b is now the oldest").isEqualTo(a);
            Path c = node.openFile("fw-c").orElseThrow().path();
            assertThat(a).exists();
            assertThat(c).exists();
            assertThat(b).as("the least recently served copy went").doesNotExist();
            assertThat(node.cachedBytes()).isEqualTo(2L * size);
            // b is fetched again when asked for, and checked
            assertThat(FileStoreContract.sha256(Files.newInputStream(node.openFile("fw-b").orElseThrow().path())))
                    .isEqualTo(files.findFile("fw-b").orElseThrow().sha256());
            assertThat(node.cachedBytes()).isLessThanOrEqualTo(2L * size + 1);

            // a file bigger than the bound is still served (the bound is exceeded while it is the newest)
            CassandraFileStore tiny = CassandraFileStore.over(other, tmp.resolve("tiny"), 10, java.time.Duration.ZERO);
            assertThat(tiny.openFile("fw-a").orElseThrow().path()).exists();
        }
    }

    @Test
    void aFileDeletedOnAnotherNodeLosesItsLocalCopyOnTheNextRequestAndCopiesOfDeletedFilesGoAtStart()
            throws IOException {
        files.putFile(FileStoreContract.firmware("fw-gone", T0), FileStoreContract.content(1000, 3), NO_LIMIT);
        files.putFile(FileStoreContract.firmware("fw-kept", T0), FileStoreContract.content(1000, 4), NO_LIMIT);
        Path dir = tmp.resolve("node-2");
        Path stray = Files.writeString(Files.createDirectories(dir).resolve("not-a-copy.txt"), "operator's");
        try (CassandraAcsStore other = CassandraAcsStore.open(keyspace.config(), INDEXED)) {
            CassandraFileStore node = CassandraFileStore.over(other, dir);
            Path gone = node.openFile("fw-gone").orElseThrow().path();
            Path kept = node.openFile("fw-kept").orElseThrow().path();
            assertThat(files.deleteFile("fw-gone")).isTrue();
            assertThat(gone).as("another node's copy stays until asked for").exists();
            assertThat(node.openFile("fw-gone")).isEmpty();
            assertThat(gone).doesNotExist();

            assertThat(files.deleteFile("fw-kept")).isTrue();
            CassandraFileStore restarted = CassandraFileStore.over(other, dir);
            assertThat(kept).as("a copy whose file is gone is removed at start").doesNotExist();
            assertThat(stray).as("what is not a copy is left alone").exists();
            assertThat(restarted.cachedBytes()).isZero();
        }
    }
}
