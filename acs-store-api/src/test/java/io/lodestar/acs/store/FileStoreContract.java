package io.lodestar.acs.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The promises of {@link FileStore}: content reads back byte for byte with the size and SHA-256 measured while
 * it was stored, metadata round-trips, an id is taken once, a file is listed only once wholly stored (never while
 * its upload runs, nor after it failed or passed the limit), deletion removes the content, and files survive a
 * restart. An engine's test implements {@link #fileStore()} and {@link #restartFileStore()}.
 */
public interface FileStoreContract {

    Instant T0 = StoreTestData.T0;
    long NO_LIMIT = Long.MAX_VALUE;

    /** The file store under test, empty at the start of each test. */
    FileStore fileStore();

    /** Closes the store under test and opens its storage again (a restart); {@link #fileStore()} is the new one. */
    void restartFileStore();

    /** {@code n} pseudo-random bytes made as they are read, so that large contents are never whole in memory. */
    static InputStream content(long n, int seed) {
        return new InputStream() {
            private final Random random = new Random(seed);
            private long left = n;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int k = (int) Math.min(len, left);
                byte[] chunk = new byte[k];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, b, off, k);
                left -= k;
                return k;
            }
        };
    }

    /** The SHA-256 (hex) of a stream, read to its end. */
    static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static NewFile firmware(String id, Instant at) {
        return new NewFile(id, id + ".bin", FileMetadata.FIRMWARE, "12.0.3", List.of("0CD0F8"),
                List.of("CP-8841-3PCC"), null, at);
    }

    // ---- storing and reading ------------------------------------------------------------------------------

    @Test
    default void aStoredFileIsFoundWithItsMetadataSizeAndSha256() throws IOException {
        NewFile meta = new NewFile("fw-1", "cp-8841 ü.loads", FileMetadata.FIRMWARE, "sip88xx.12-0-3",
                List.of("0CD0F8", "00562B"), List.of("CP-8841-3PCC", "CP-8851-3PCC"), null, T0.plusNanos(7));
        StoredFile stored = fileStore().putFile(meta, content(100_000, 1), NO_LIMIT);
        assertThat(stored.size()).isEqualTo(100_000);
        assertThat(stored.sha256()).isEqualTo(sha256(content(100_000, 1)));
        assertThat(stored).isEqualTo(meta.stored(100_000, stored.sha256Bytes()));
        assertThat(fileStore().findFile("fw-1")).contains(stored);
        assertThat(fileStore().files()).containsExactly(stored);
        FileContent c = fileStore().openFile("fw-1").orElseThrow();
        assertThat(c.file()).isEqualTo(stored);
        assertThat(sha256(c.open())).isEqualTo(stored.sha256());
        assertThat(java.nio.file.Files.size(c.path())).isEqualTo(100_000);
    }

    @Test
    default void aLargeFileReadsBackByteForByte() throws IOException {
        long size = 5L * 1024 * 1024 + 17; // more than one chunk of a chunking engine, not a multiple of one
        StoredFile stored = fileStore().putFile(firmware("fw-large", T0), content(size, 2), NO_LIMIT);
        assertThat(stored.size()).isEqualTo(size);
        assertThat(sha256(fileStore().openFile("fw-large").orElseThrow().open())).isEqualTo(sha256(content(size, 2)));
    }

    @Test
    default void anEmptyFileIsAFile() throws IOException {
        StoredFile stored = fileStore().putFile(NewFile.of("empty", "empty.cfg", FileMetadata.VENDOR_CONFIGURATION, T0),
                InputStream.nullInputStream(), NO_LIMIT);
        assertThat(stored.size()).isZero();
        assertThat(stored.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(fileStore().openFile("empty").orElseThrow().open().readAllBytes()).isEmpty();
    }

    @Test
    default void anUnknownIdIsEmpty() {
        assertThat(fileStore().findFile("nothing")).isEmpty();
        assertThat(fileStore().openFile("nothing")).isEmpty();
        assertThat(fileStore().deleteFile("nothing")).isFalse();
        assertThat(fileStore().files()).isEmpty();
    }

    @Test
    default void anIdAlreadyStoredIsRefusedAndTheStoredFileKept() throws IOException {
        StoredFile first = fileStore().putFile(firmware("fw-dup", T0), content(1000, 3), NO_LIMIT);
        assertThatThrownBy(() -> fileStore().putFile(firmware("fw-dup", T0.plusSeconds(1)), content(2000, 4),
                NO_LIMIT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fw-dup");
        assertThat(fileStore().files()).containsExactly(first);
        assertThat(sha256(fileStore().openFile("fw-dup").orElseThrow().open())).isEqualTo(first.sha256());
    }

    // ---- nothing half-written is ever listed ----------------------------------------------------------------

    @Test
    default void contentOverTheLimitIsRefusedAndNothingIsStored() throws IOException {
        assertThatThrownBy(() -> fileStore().putFile(firmware("fw-big", T0), content(10_001, 5), 10_000))
                .isInstanceOf(FileTooLargeException.class);
        assertThat(fileStore().findFile("fw-big")).isEmpty();
        assertThat(fileStore().files()).isEmpty();
        StoredFile exact = fileStore().putFile(firmware("fw-big", T0), content(10_000, 5), 10_000);
        assertThat(exact.size()).as("exactly the limit is accepted, and the id is free again").isEqualTo(10_000);
    }

    @Test
    default void anUploadThatFailsHalfWayLeavesNothing() {
        InputStream broken = new InputStream() {
            private final InputStream first = content(300_000, 6);

            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = first.read(b, off, len);
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }
        };
        assertThatThrownBy(() -> fileStore().putFile(firmware("fw-broken", T0), broken, NO_LIMIT))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(fileStore().findFile("fw-broken")).isEmpty();
        assertThat(fileStore().files()).isEmpty();
        restartFileStore();
        assertThat(fileStore().files()).as("not after a restart either").isEmpty();
        assertThat(fileStore().putFile(firmware("fw-broken", T0), content(10, 6), NO_LIMIT).size()).isEqualTo(10);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void anUploadInProgressIsNeitherListedNorFound() throws Exception {
        CountDownLatch halfWay = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        InputStream slow = new InputStream() {
            private final InputStream first = content(200_000, 7);
            private final InputStream rest = content(200_000, 8);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = first.read(b, off, len);
                if (n >= 0) {
                    return n;
                }
                halfWay.countDown();
                try {
                    goOn.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return rest.read(b, off, len);
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<StoredFile> upload = pool.submit(() -> fileStore().putFile(firmware("fw-slow", T0), slow, NO_LIMIT));
            halfWay.await();
            assertThat(fileStore().files()).isEmpty();
            assertThat(fileStore().findFile("fw-slow")).isEmpty();
            assertThat(fileStore().openFile("fw-slow")).isEmpty();
            goOn.countDown();
            assertThat(upload.get(60, TimeUnit.SECONDS).size()).isEqualTo(400_000);
            assertThat(fileStore().files()).extracting(StoredFile::id).containsExactly("fw-slow");
        } finally {
            goOn.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void ofConcurrentPutsOfOneIdExactlyOneWins() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<StoredFile>> puts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int seed = 100 + i;
                puts.add(() -> {
                    try {
                        return fileStore().putFile(firmware("fw-race", T0), content(50_000, seed), NO_LIMIT);
                    } catch (IllegalArgumentException refused) {
                        return null;
                    }
                });
            }
            List<StoredFile> winners = new ArrayList<>();
            for (Future<StoredFile> f : pool.invokeAll(puts)) {
                StoredFile won = f.get(60, TimeUnit.SECONDS);
                if (won != null) {
                    winners.add(won);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(fileStore().files()).containsExactly(winners.get(0));
            assertThat(sha256(fileStore().openFile("fw-race").orElseThrow().open())).isEqualTo(winners.get(0).sha256());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- listing --------------------------------------------------------------------------------------------

    @Test
    default void filesAreListedInCreationOrderThenIdWhateverTheOrderTheyWereStored() {
        List<NewFile> ordered = List.of(firmware("f-z", T0.minusSeconds(60)), firmware("f-b", T0), firmware("f-c", T0),
                firmware("f-a", T0.plusNanos(1)), firmware("f-y", T0.plusSeconds(3600)));
        List<NewFile> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(5));
        shuffled.forEach(f -> fileStore().putFile(f, content(10, 1), NO_LIMIT));
        assertThat(fileStore().files()).extracting(StoredFile::id).containsExactly("f-z", "f-b", "f-c", "f-a", "f-y");
    }

    @Test
    default void aDeviceListsTheFilesItUploadedOnly() {
        fileStore().putFile(firmware("operator-file", T0), content(10, 1), NO_LIMIT);
        StoredFile log = fileStore().putFile(new NewFile("up-2", "log.txt", FileMetadata.UPLOADED_LOG, "", List.of(),
                List.of(), "0CD0F8-CP-8841-3PCC-SIM1", T0.plusSeconds(2)), content(10, 2), NO_LIMIT);
        StoredFile config = fileStore().putFile(new NewFile("up-1", "config.xml", FileMetadata.UPLOADED_CONFIGURATION,
                "", List.of(), List.of(), "0CD0F8-CP-8841-3PCC-SIM1", T0.plusSeconds(1)), content(10, 3), NO_LIMIT);
        fileStore().putFile(new NewFile("up-3", "config.xml", FileMetadata.UPLOADED_CONFIGURATION, "", List.of(),
                List.of(), "0CD0F8-CP-8841-3PCC-SIM2", T0), content(10, 4), NO_LIMIT);
        assertThat(fileStore().filesOfDevice("0CD0F8-CP-8841-3PCC-SIM1")).containsExactly(config, log);
        assertThat(fileStore().filesOfDevice("nobody")).isEmpty();
        assertThat(log.uploadedByDevice()).isTrue();
    }

    // ---- deleting -------------------------------------------------------------------------------------------

    @Test
    default void aDeletedFileIsGoneWithItsContentAndItsIdFree() throws IOException {
        fileStore().putFile(firmware("fw-del", T0), content(70_000, 9), NO_LIMIT);
        StoredFile kept = fileStore().putFile(firmware("fw-kept", T0), content(10, 9), NO_LIMIT);
        assertThat(fileStore().deleteFile("fw-del")).isTrue();
        assertThat(fileStore().deleteFile("fw-del")).isFalse();
        assertThat(fileStore().findFile("fw-del")).isEmpty();
        assertThat(fileStore().openFile("fw-del")).isEmpty();
        assertThat(fileStore().files()).containsExactly(kept);
        StoredFile again = fileStore().putFile(firmware("fw-del", T0), content(20, 10), NO_LIMIT);
        assertThat(sha256(fileStore().openFile("fw-del").orElseThrow().open())).isEqualTo(again.sha256())
                .isEqualTo(sha256(content(20, 10)));
    }

    // ---- references: the index the delete check reads ---------------------------------------------------------

    @Test
    default void referencesAreListedPerFileInDeviceOrderAndOnce() throws IOException {
        fileStore().putFile(firmware("fw-ref", T0), content(10, 1), NO_LIMIT);
        fileStore().addReference("fw-ref", "dev-b");
        fileStore().addReference("fw-ref", "dev-a");
        fileStore().addReference("fw-ref", "dev-b");
        fileStore().addReference("fw-other", "dev-c");
        assertThat(fileStore().references("fw-ref")).containsExactly("dev-a", "dev-b");
        assertThat(fileStore().references("fw-other")).containsExactly("dev-c");
        assertThat(fileStore().references("fw-none")).isEmpty();
    }

    @Test
    default void aRemovedReferenceIsGoneAndRemovingAnUnknownOneIsHarmless() throws IOException {
        fileStore().addReference("fw-ref", "dev-a");
        fileStore().addReference("fw-ref", "OUI-Class With Spaces/and:slashes-SN1");
        fileStore().removeReference("fw-ref", "dev-a");
        fileStore().removeReference("fw-ref", "dev-unknown");
        fileStore().removeReference("fw-none", "dev-a");
        assertThat(fileStore().references("fw-ref")).containsExactly("OUI-Class With Spaces/and:slashes-SN1");
    }

    @Test
    default void deletingAFileForgetsItsReferencesAndTheySurviveARestart() throws IOException {
        fileStore().putFile(firmware("fw-gone", T0), content(10, 1), NO_LIMIT);
        fileStore().putFile(firmware("fw-kept", T0), content(10, 2), NO_LIMIT);
        fileStore().addReference("fw-gone", "dev-a");
        fileStore().addReference("fw-kept", "dev-a");
        assertThat(fileStore().deleteFile("fw-gone")).isTrue();
        restartFileStore();
        assertThat(fileStore().references("fw-gone")).isEmpty();
        assertThat(fileStore().references("fw-kept")).containsExactly("dev-a");
    }

    // ---- durability -----------------------------------------------------------------------------------------

    @Test
    default void filesSurviveARestart() throws IOException {
        StoredFile fw = fileStore().putFile(firmware("fw-durable", T0), content(123_456, 11), NO_LIMIT);
        StoredFile up = fileStore().putFile(new NewFile("up-durable", "backup.cfg", FileMetadata.UPLOADED_CONFIGURATION,
                "", List.of(), List.of(), "dev-1", T0.plusSeconds(1)), content(10, 12), NO_LIMIT);
        restartFileStore();
        assertThat(fileStore().files()).containsExactly(fw, up);
        assertThat(sha256(fileStore().openFile("fw-durable").orElseThrow().open())).isEqualTo(fw.sha256());
        assertThatThrownBy(() -> fileStore().putFile(firmware("fw-durable", T0), content(1, 1), NO_LIMIT))
                .as("the id is still taken").isInstanceOf(IllegalArgumentException.class);
    }
}
