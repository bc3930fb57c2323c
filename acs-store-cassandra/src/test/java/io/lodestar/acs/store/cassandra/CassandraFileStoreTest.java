package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.FileStoreContract;
import io.lodestar.acs.store.StoredFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.lodestar.acs.store.StoreTestData.INDEXED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file store contract on a real Cassandra node: each test starts from empty tables; a restart opens a new
 * store with a new, empty local cache, so that what is read back comes from the cluster (as on another node).
 */
class CassandraFileStoreTest implements FileStoreContract {

    private static final String KEYSPACE = "files_contract";
    private static TestCassandra cassandra;

    @TempDir
    Path tmp;

    private CassandraAcsStore store;
    private FileStore files;
    private int restarts;

    @BeforeAll
    static void freshKeyspace() {
        cassandra = new TestCassandra();
        cassandra.dropKeyspace(KEYSPACE);
    }

    @AfterAll
    static void dropKeyspace() {
        cassandra.dropKeyspace(KEYSPACE);
        cassandra.close();
    }

    @BeforeEach
    void open() {
        store = CassandraAcsStore.open(cassandra.config(KEYSPACE), INDEXED);
        cassandra.truncate(KEYSPACE);
        files = CassandraFileStore.over(store, tmp.resolve("cache-0"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public FileStore fileStore() {
        return files;
    }

    @Override
    public void restartFileStore() {
        store.close();
        store = CassandraAcsStore.open(cassandra.config(KEYSPACE), INDEXED);
        files = CassandraFileStore.over(store, tmp.resolve("cache-" + ++restarts));
    }

    @Test
    void anotherNodeServesAFileFromTheClusterAndKeepsALocalCopy() throws IOException {
        StoredFile stored = files.putFile(FileStoreContract.firmware("fw-shared", T0),
                FileStoreContract.content(3 * CassandraFileStore.CHUNK_SIZE + 1, 1), NO_LIMIT);
        try (CassandraAcsStore other = CassandraAcsStore.open(cassandra.config(KEYSPACE), INDEXED)) {
            FileStore otherNode = CassandraFileStore.over(other, tmp.resolve("other-node"));
            Path copy = otherNode.openFile("fw-shared").orElseThrow().path();
            assertThat(copy.getParent()).isEqualTo(tmp.resolve("other-node"));
            assertThat(FileStoreContract.sha256(Files.newInputStream(copy))).isEqualTo(stored.sha256());
            assertThat(otherNode.openFile("fw-shared").orElseThrow().path()).as("fetched once").isEqualTo(copy);
        }
    }
}
