package io.lodestar.acs.store.embedded;

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
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded engine's files: plain files under a directory of the data directory, so that the file server
 * sends them with zero-copy. Layout: {@code content/<id>} (the bytes), {@code meta/<id>} (the metadata,
 * {@link FileEncoding}), {@code incoming/} (uploads in progress), {@code references/<id>/<sha256 of a device id>}
 * (a device handed a link to the file: the file holds the device id).
 *
 * <p>Why a file is listed only once wholly stored: an upload is written to {@code incoming/}, synced, and its
 * metadata too; then the content is renamed into {@code content/} and, last, the metadata into {@code meta/}
 * (atomic renames in one file system). A file exists when its metadata does; a crash at any step leaves at most
 * unlisted leftovers, which {@link #open} removes. Deleting removes the metadata first, then the content.
 *
 * <p>An id is taken once: a put reserves its id in this process before reading the content (the directory is
 * this process's alone: the embedded store is opened by one process).
 */
public final class DiskFileStore implements FileStore {

    private static final int BUFFER = 64 * 1024;

    private final Path content;
    private final Path meta;
    private final Path incoming;
    private final Path references;
    private final Set<String> reserved = ConcurrentHashMap.newKeySet();
    private final Object renames = new Object();

    private DiskFileStore(Path dir) {
        this.content = dir.resolve("content");
        this.meta = dir.resolve("meta");
        this.incoming = dir.resolve("incoming");
        this.references = dir.resolve("references");
    }

    /**
     * Opens (creating it when missing) the file store in {@code dir}, removing what interrupted uploads and
     * deletions left behind.
     *
     * @throws StoreUnavailableException when the directory cannot be created or read
     */
    public static DiskFileStore open(Path dir) {
        DiskFileStore store = new DiskFileStore(Objects.requireNonNull(dir, "dir"));
        try {
            Files.createDirectories(store.content);
            Files.createDirectories(store.meta);
            Files.createDirectories(store.incoming);
            Files.createDirectories(store.references);
            store.removeLeftovers();
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot open the file store in " + dir + ": " + e.getMessage(), e);
        }
        return store;
    }

    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> in = Files.newDirectoryStream(incoming)) {
            for (Path p : in) {
                Files.deleteIfExists(p);
            }
        }
        try (DirectoryStream<Path> in = Files.newDirectoryStream(content)) {
            for (Path p : in) {
                if (!Files.exists(meta.resolve(p.getFileName()))) {
                    Files.deleteIfExists(p); // renamed in, but its metadata never was (or a deletion stopped half-way)
                }
            }
        }
    }

    @Override
    public StoredFile putFile(NewFile file, InputStream in, long maxBytes) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(in, "content");
        String id = file.id();
        if (!reserved.add(id)) {
            throw taken(id);
        }
        Path tmpContent = incoming.resolve(UUID.randomUUID() + ".content");
        Path tmpMeta = incoming.resolve(UUID.randomUUID() + ".meta");
        try {
            if (Files.exists(meta.resolve(id))) {
                throw taken(id);
            }
            StoredFile stored = write(file, in, maxBytes, tmpContent);
            writeSynced(tmpMeta, FileEncoding.encode(stored));
            synchronized (renames) {
                Files.move(tmpContent, content.resolve(id), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmpMeta, meta.resolve(id), StandardCopyOption.ATOMIC_MOVE);
                syncDirectory(content);
                syncDirectory(meta);
            }
            return stored;
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot store file " + id + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmpContent);
            deleteQuietly(tmpMeta);
            reserved.remove(id);
        }
    }

    private static IllegalArgumentException taken(String id) {
        return new IllegalArgumentException("a file with id " + id + " exists already");
    }

    /** Copies the content to {@code target}, measuring it; the upload's own read failures are UncheckedIOException. */
    private static StoredFile write(NewFile file, InputStream in, long maxBytes, Path target) throws IOException {
        MessageDigest sha = sha256();
        long size = 0;
        byte[] buf = new byte[BUFFER];
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    throw new UncheckedIOException("reading the content of file " + file.id() + " failed: "
                            + e.getMessage(), e);
                }
                if (n < 0) {
                    break;
                }
                size += n;
                if (size > maxBytes) {
                    throw new FileTooLargeException(maxBytes);
                }
                sha.update(buf, 0, n);
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
            out.force(true);
        }
        return file.stored(size, sha.digest());
    }

    private static void writeSynced(Path target, byte[] bytes) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(true);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every OS lets a directory be synced; the renames are still atomic
        }
    }

    @Override
    public Optional<StoredFile> findFile(String id) {
        if (!FileMetadata.isValidId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(FileEncoding.decode(Files.readAllBytes(meta.resolve(id))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read file " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredFile> files() {
        List<StoredFile> out = new ArrayList<>();
        try (DirectoryStream<Path> in = Files.newDirectoryStream(meta)) {
            for (Path p : in) {
                findFile(p.getFileName().toString()).ifPresent(out::add); // gone since the listing: skipped
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot list the files in " + meta + ": " + e.getMessage(), e);
        }
        out.sort(CREATION_ORDER);
        return out;
    }

    @Override
    public Optional<FileContent> openFile(String id) {
        return findFile(id).map(f -> new FileContent(f, content.resolve(id)));
    }

    @Override
    public boolean deleteFile(String id) {
        if (!FileMetadata.isValidId(id)) {
            return false;
        }
        try {
            synchronized (renames) {
                if (!Files.deleteIfExists(meta.resolve(id))) {
                    return false;
                }
                Files.deleteIfExists(content.resolve(id));
                deleteReferences(id);
                syncDirectory(meta);
                return true;
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot delete file " + id + ": " + e.getMessage(), e);
        }
    }

    // ---- references: one small file per device, named by the SHA-256 of its id (any id makes a valid name) ----

    @Override
    public void addReference(String fileId, String deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        if (!FileMetadata.isValidId(fileId)) {
            return; // no file can have this id: nothing would ever read the reference
        }
        Path dir = references.resolve(fileId);
        Path target = dir.resolve(referenceName(deviceId));
        try {
            if (Files.exists(target)) {
                return;
            }
            Path tmp = incoming.resolve(UUID.randomUUID() + ".ref");
            writeSynced(tmp, deviceId.getBytes(StandardCharsets.UTF_8));
            Files.createDirectories(dir);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException dirRemovedByADelete) {
                Files.createDirectories(dir); // the file was deleted meanwhile: the reference is harmless
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot record a reference to file " + fileId + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<String> references(String fileId) {
        if (!FileMetadata.isValidId(fileId)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> in = Files.newDirectoryStream(references.resolve(fileId))) {
            for (Path p : in) {
                try {
                    out.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                } catch (NoSuchFileException goneSinceListed) {
                    // removed meanwhile
                }
            }
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read the references to file " + fileId + ": "
                    + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public void removeReference(String fileId, String deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        if (!FileMetadata.isValidId(fileId)) {
            return;
        }
        try {
            Files.deleteIfExists(references.resolve(fileId).resolve(referenceName(deviceId)));
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot remove a reference to file " + fileId + ": "
                    + e.getMessage(), e);
        }
    }

    private void deleteReferences(String fileId) throws IOException {
        Path dir = references.resolve(fileId);
        try (DirectoryStream<Path> in = Files.newDirectoryStream(dir)) {
            for (Path p : in) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException none) {
            return;
        }
        try {
            Files.deleteIfExists(dir);
        } catch (java.nio.file.DirectoryNotEmptyException recordedMeanwhile) {
            // a Download naming the file was queued while it was deleted: the reference is harmless
        }
    }

    private static String referenceName(String deviceId) {
        return HexFormat.of().formatHex(sha256().digest(deviceId.getBytes(StandardCharsets.UTF_8)));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // removed at the next open
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "DiskFileStore[" + content.getParent() + "]";
    }
}
