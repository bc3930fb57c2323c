package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lodestar.acs.store.FileContent;
import io.lodestar.acs.store.FileMetadata;
import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.FileTooLargeException;
import io.lodestar.acs.store.NewFile;
import io.lodestar.acs.store.StoreUnavailableException;
import io.lodestar.acs.store.StoredFile;
import io.lodestar.acs.store.codec.FileEncoding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The Cassandra engine's files (migration V006), in the keyspace of a {@link CassandraAcsStore} and through its
 * driver session: metadata in {@code files}, content in 1 MiB chunks in {@code file_chunks}, so that any ACS node
 * serves any file. A file is written chunk by chunk under a new blob id, and its {@code files} row last, by a
 * lightweight transaction ({@code IF NOT EXISTS}): until then it is not listed, and of two uploads of one id one
 * wins (the loser deletes its chunks).
 *
 * <p>Serving reads a file into a local disk cache first ({@code <cache>/<blob id>}, verified against its SHA-256,
 * renamed into place when complete), so that the file server sends a local file with zero-copy, and a file is
 * fetched from the cluster once per node. The cache is bounded ({@code maxCacheBytes}, setting
 * {@code files.cache-max-bytes}): once a fetch takes it beyond, the least recently served copies are removed, except
 * those handed out in the last {@link #IN_USE} (the file server may be about to open them) and the one just fetched,
 * so the bound may be exceeded while a copy larger than it is served. A deleted file's copy is removed on the node
 * that deleted it; on other nodes, on their next request for it (which finds no row), and at start for any copy
 * whose blob no file row names any more.
 */
public final class CassandraFileStore implements FileStore {

    static final int CHUNK_SIZE = 1024 * 1024;
    /** Chunk writes in flight at once for one upload (a bounded amount of memory: this many chunks). */
    private static final int IN_FLIGHT = 4;

    private final CassandraAcsStore store;
    private final CqlSession session;
    private final Path cache;
    private final long maxCacheBytes;
    /** The local copies by blob id, least recently served first; guarded by itself. */
    private final java.util.LinkedHashMap<String, Cached> copies = new java.util.LinkedHashMap<>(16, 0.75f, true);
    /** The blob id of each file id served from this node, so that a deleted file's copy goes on the next miss. */
    private final java.util.Map<String, String> blobOfFile = new java.util.concurrent.ConcurrentHashMap<>();
    private long cachedBytes;
    /** A copy served this recently is not evicted: the file server may not have opened it yet. */
    static final java.time.Duration IN_USE = java.time.Duration.ofSeconds(30);

    private record Cached(long size, long servedAtNanos) {
    }

    private final PreparedStatement insertChunk;
    private final PreparedStatement selectChunk;
    private final PreparedStatement deleteChunk;
    private final PreparedStatement insertFile;
    private final PreparedStatement selectFile;
    private final PreparedStatement selectAll;
    private final PreparedStatement selectBlobs;
    private final PreparedStatement deleteFile;
    private final PreparedStatement insertReference;
    private final PreparedStatement selectReferences;
    private final PreparedStatement deleteReference;
    private final PreparedStatement deleteReferences;

    private final long inUseNanos;

    private CassandraFileStore(CassandraAcsStore store, Path cache, long maxCacheBytes, java.time.Duration inUse) {
        this.inUseNanos = inUse.toNanos();
        this.store = store;
        this.session = store.session();
        this.cache = cache;
        this.maxCacheBytes = maxCacheBytes;
        String ks = store.config().keyspace();
        insertChunk = prepare("INSERT INTO " + ks + ".file_chunks (blob_id, chunk, data) VALUES (?, ?, ?)", true);
        selectChunk = prepare("SELECT data FROM " + ks + ".file_chunks WHERE blob_id = ? AND chunk = ?", true);
        deleteChunk = prepare("DELETE FROM " + ks + ".file_chunks WHERE blob_id = ? AND chunk = ?", true);
        insertFile = prepare("INSERT INTO " + ks + ".files (file_id, device, created_at, blob_id, chunk_size, chunks, "
                + "record) VALUES (?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS", false);
        selectFile = prepare("SELECT record, blob_id, chunks FROM " + ks + ".files WHERE file_id = ?", true);
        selectAll = prepare("SELECT record FROM " + ks + ".files", true);
        selectBlobs = prepare("SELECT blob_id FROM " + ks + ".files", true);
        deleteFile = prepare("DELETE FROM " + ks + ".files WHERE file_id = ? IF EXISTS", false);
        insertReference = prepare("INSERT INTO " + ks + ".file_references (file_id, device_id) VALUES (?, ?)", true);
        selectReferences = prepare("SELECT device_id FROM " + ks + ".file_references WHERE file_id = ?", true);
        deleteReference = prepare("DELETE FROM " + ks + ".file_references WHERE file_id = ? AND device_id = ?",
                true);
        deleteReferences = prepare("DELETE FROM " + ks + ".file_references WHERE file_id = ?", true);
    }

    /**
     * The files of {@code store}'s keyspace (V006 applied by the store's migrations), with local copies in
     * {@code cacheDir} (made when missing). It lives as long as the store: closing the store ends it.
     */
    public static CassandraFileStore over(CassandraAcsStore store, Path cacheDir) {
        return over(store, cacheDir, Long.MAX_VALUE);
    }

    /**
     * As {@link #over(CassandraAcsStore, Path)}, the local copies bounded to {@code maxCacheBytes} (least recently
     * served removed first). Copies left by an earlier run are kept (oldest first in the order) unless no file row
     * names their blob any more.
     */
    public static CassandraFileStore over(CassandraAcsStore store, Path cacheDir, long maxCacheBytes) {
        return over(store, cacheDir, maxCacheBytes, IN_USE);
    }

    /** With how long a served copy is kept from eviction (tests: zero). */
    static CassandraFileStore over(CassandraAcsStore store, Path cacheDir, long maxCacheBytes,
                                   java.time.Duration inUse) {
        if (maxCacheBytes < 1) {
            throw new IllegalArgumentException("the file cache's bound must be at least 1 byte, not " + maxCacheBytes);
        }
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(cacheDir, "cacheDir");
        try {
            Files.createDirectories(cacheDir);
            try (var leftovers = Files.newDirectoryStream(cacheDir, "*.part")) {
                for (Path p : leftovers) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot use the file cache " + cacheDir + ": " + e.getMessage(), e);
        }
        CassandraFileStore files = run("opening the file store", () -> new CassandraFileStore(store, cacheDir,
                maxCacheBytes, inUse));
        files.adoptCopies();
        return files;
    }

    /** The copies an earlier run left: those of a live blob kept (oldest first), the others removed. */
    private void adoptCopies() {
        java.util.Set<String> live = run("files", () -> {
            java.util.Set<String> blobs = new java.util.HashSet<>();
            for (Row r : Async.join(Async.rows(session.executeAsync(selectBlobs.bind())))) {
                blobs.add(r.getUuid(0).toString());
            }
            return blobs;
        });
        List<Path> found = new ArrayList<>();
        try (var all = Files.newDirectoryStream(cache)) {
            all.forEach(found::add);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read the file cache " + cache + ": " + e.getMessage(), e);
        }
        found.sort(java.util.Comparator.comparing(CassandraFileStore::modified));
        synchronized (copies) {
            for (Path p : found) {
                String name = p.getFileName().toString();
                try {
                    UUID.fromString(name);
                } catch (IllegalArgumentException notACopy) {
                    continue; // not ours: left alone
                }
                try {
                    if (!live.contains(name)) {
                        Files.deleteIfExists(p);
                    } else {
                        long size = Files.size(p);
                        copies.put(name, new Cached(size, System.nanoTime() - inUseNanos - 1));
                        cachedBytes += size;
                    }
                } catch (IOException ignored) {
                    // a copy that cannot be read or removed is fetched again when asked for
                }
            }
            evict(null);
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    /** The bytes the local copies take now (tests, monitoring). */
    public long cachedBytes() {
        synchronized (copies) {
            return cachedBytes;
        }
    }

    /** Marks a copy as served now, or adds it (just fetched), then removes the least recently served beyond the bound. */
    private void served(String blob, long size) {
        synchronized (copies) {
            Cached before = copies.put(blob, new Cached(size, System.nanoTime()));
            cachedBytes += size - (before == null ? 0 : before.size());
            evict(blob);
        }
    }

    private void evict(String keep) {
        long now = System.nanoTime();
        var it = copies.entrySet().iterator();
        while (cachedBytes > maxCacheBytes && it.hasNext()) {
            var e = it.next();
            if (e.getKey().equals(keep) || now - e.getValue().servedAtNanos() < inUseNanos) {
                continue;
            }
            try {
                Files.deleteIfExists(cache.resolve(e.getKey()));
            } catch (IOException ignored) {
                continue; // still there: counted
            }
            cachedBytes -= e.getValue().size();
            it.remove();
        }
    }

    /** Removes a copy (its file was deleted). */
    private void forget(String blob) {
        try {
            Files.deleteIfExists(cache.resolve(blob));
        } catch (IOException ignored) {
            // a stale copy is never served: its blob id belongs to no row any more
        }
        synchronized (copies) {
            Cached c = copies.remove(blob);
            if (c != null) {
                cachedBytes -= c.size();
            }
        }
    }

    private PreparedStatement prepare(String cql, boolean idempotent) {
        return session.prepare(SimpleStatement.builder(cql).setIdempotence(idempotent).build());
    }

    // ---- storing --------------------------------------------------------------------------------------------

    @Override
    public StoredFile putFile(NewFile file, InputStream in, long maxBytes) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(in, "content");
        return run("putFile", () -> {
            if (row(file.id()) != null) {
                throw taken(file.id());
            }
            UUID blob = UUID.randomUUID();
            int[] written = {0};
            StoredFile stored;
            try {
                stored = writeChunks(file, in, maxBytes, blob, written);
            } catch (RuntimeException e) {
                deleteChunks(blob, written[0]); // no row names them yet
                throw e;
            }
            // the row last: from now on the file is listed. A timeout here leaves the outcome unknown, so the
            // chunks stay (they may belong to a stored row)
            Row r = Async.join(session.executeAsync(insertFile.bind(file.id(), file.device(), file.createdAt(),
                    blob, CHUNK_SIZE, written[0], ByteBuffer.wrap(FileEncoding.encode(stored))))).one();
            if (r == null || !r.getBoolean("[applied]")) {
                deleteChunks(blob, written[0]);
                throw taken(file.id());
            }
            return stored;
        });
    }

    private static IllegalArgumentException taken(String id) {
        return new IllegalArgumentException("a file with id " + id + " exists already");
    }

    /** Reads the content in chunks and writes them, a few at a time; {@code written[0]}: chunks started. */
    private StoredFile writeChunks(NewFile file, InputStream in, long maxBytes, UUID blob, int[] written) {
        MessageDigest sha = sha256();
        long size = 0;
        Deque<CompletionStage<AsyncResultSet>> inFlight = new ArrayDeque<>();
        while (true) {
            byte[] chunk = readChunk(file, in);
            if (chunk.length == 0) {
                break;
            }
            size += chunk.length;
            if (size > maxBytes) {
                Async.joinAll(new ArrayList<>(inFlight));
                throw new FileTooLargeException(maxBytes);
            }
            sha.update(chunk);
            if (inFlight.size() >= IN_FLIGHT) {
                Async.join(inFlight.removeFirst());
            }
            inFlight.addLast(session.executeAsync(insertChunk.bind(blob, written[0], ByteBuffer.wrap(chunk))));
            written[0]++;
        }
        Async.joinAll(new ArrayList<>(inFlight));
        return file.stored(size, sha.digest());
    }

    /** Up to a chunk's worth of the content; empty at its end. */
    private static byte[] readChunk(NewFile file, InputStream in) {
        byte[] buf = new byte[CHUNK_SIZE];
        int n = 0;
        try {
            while (n < buf.length) {
                int k = in.read(buf, n, buf.length - n);
                if (k < 0) {
                    break;
                }
                n += k;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the content of file " + file.id() + " failed: " + e.getMessage(), e);
        }
        return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
    }

    private void deleteChunks(UUID blob, int chunks) {
        try {
            List<CompletionStage<AsyncResultSet>> deletes = new ArrayList<>();
            for (int i = 0; i < chunks; i++) {
                deletes.add(session.executeAsync(deleteChunk.bind(blob, i)));
                if (deletes.size() >= 16) {
                    Async.joinAll(deletes);
                    deletes.clear();
                }
            }
            Async.joinAll(deletes);
        } catch (RuntimeException e) {
            // chunks of no row: wasted space, never served
        }
    }

    // ---- reading --------------------------------------------------------------------------------------------

    private Row row(String id) {
        return Async.join(session.executeAsync(selectFile.bind(id))).one();
    }

    @Override
    public Optional<StoredFile> findFile(String id) {
        if (!FileMetadata.isValidId(id)) {
            return Optional.empty();
        }
        return run("findFile", () -> Optional.ofNullable(row(id)).map(r -> FileEncoding.decode(bytes(r.getByteBuffer(0)))));
    }

    @Override
    public List<StoredFile> files() {
        return run("files", () -> {
            List<StoredFile> out = new ArrayList<>();
            for (Row r : Async.join(Async.rows(session.executeAsync(selectAll.bind())))) {
                out.add(FileEncoding.decode(bytes(r.getByteBuffer(0))));
            }
            out.sort(CREATION_ORDER);
            return out;
        });
    }

    @Override
    public Optional<FileContent> openFile(String id) {
        if (!FileMetadata.isValidId(id)) {
            return Optional.empty();
        }
        return run("openFile", () -> {
            Row r = row(id);
            if (r == null) {
                String stale = blobOfFile.remove(id);
                if (stale != null) {
                    forget(stale); // deleted on another node
                }
                return Optional.empty();
            }
            StoredFile file = FileEncoding.decode(bytes(r.getByteBuffer(0)));
            String blob = r.getUuid(1).toString();
            Path local = cache.resolve(blob);
            try {
                if (!Files.exists(local) || Files.size(local) != file.size()) {
                    fetch(file, r.getUuid(1), r.getInt(2), local);
                }
                String before = blobOfFile.put(id, blob);
                if (before != null && !before.equals(blob)) {
                    forget(before); // deleted and uploaded again under the same id on another node
                }
                served(blob, file.size());
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot keep a local copy of file " + id + " in " + cache + ": "
                        + e.getMessage(), e);
            }
            return Optional.of(new FileContent(file, local));
        });
    }

    /** Copies the chunks to a part file, checks size and SHA-256, then renames it into place. */
    private void fetch(StoredFile file, UUID blob, int chunks, Path local) throws IOException {
        Path part = cache.resolve(blob + "." + UUID.randomUUID() + ".part");
        try {
            MessageDigest sha = sha256();
            long size = 0;
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                CompletionStage<AsyncResultSet> next = chunks > 0 ? session.executeAsync(selectChunk.bind(blob, 0)) : null;
                for (int i = 0; i < chunks; i++) {
                    Row c = Async.join(next).one();
                    next = i + 1 < chunks ? session.executeAsync(selectChunk.bind(blob, i + 1)) : null; // read ahead
                    if (c == null) {
                        throw new StoreUnavailableException("chunk " + i + " of file " + file.id() + " is missing", null);
                    }
                    ByteBuffer data = c.getByteBuffer(0);
                    size += data.remaining();
                    sha.update(data.duplicate());
                    while (data.hasRemaining()) {
                        out.write(data);
                    }
                }
                out.force(true);
            }
            if (size != file.size() || !HexFormat.of().formatHex(sha.digest()).equals(file.sha256())) {
                throw new StoreUnavailableException("the content of file " + file.id() + " read from Cassandra does "
                        + "not match its size and SHA-256", null);
            }
            Files.move(part, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    // ---- deleting -------------------------------------------------------------------------------------------

    @Override
    public boolean deleteFile(String id) {
        if (!FileMetadata.isValidId(id)) {
            return false;
        }
        return run("deleteFile", () -> {
            Row r = row(id);
            if (r == null) {
                return false;
            }
            Row applied = Async.join(session.executeAsync(deleteFile.bind(id))).one();
            if (applied == null || !applied.getBoolean("[applied]")) {
                return false; // deleted by someone else meanwhile
            }
            Async.join(session.executeAsync(deleteReferences.bind(id)));
            deleteChunks(r.getUuid(1), r.getInt(2));
            blobOfFile.remove(id);
            forget(r.getUuid(1).toString());
            return true;
        });
    }

    // ---- references (V009) ----------------------------------------------------------------------------------

    @Override
    public void addReference(String fileId, String deviceId) {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(deviceId, "deviceId");
        run("addReference", () -> Async.join(session.executeAsync(insertReference.bind(fileId, deviceId))));
    }

    @Override
    public List<String> references(String fileId) {
        Objects.requireNonNull(fileId, "fileId");
        return run("references", () -> {
            List<String> out = new ArrayList<>();
            for (Row r : session.execute(selectReferences.bind(fileId))) {
                out.add(r.getString(0)); // clustering order: device id order
            }
            return out;
        });
    }

    @Override
    public void removeReference(String fileId, String deviceId) {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(deviceId, "deviceId");
        run("removeReference", () -> Async.join(session.executeAsync(deleteReference.bind(fileId, deviceId))));
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T run(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (FileTooLargeException | UncheckedIOException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw StoreErrors.translate(e, what);
        }
    }

    @Override
    public String toString() {
        return "CassandraFileStore[" + store.config().keyspace() + ", cache " + cache + "]";
    }
}
