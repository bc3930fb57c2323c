package io.lodestar.acs.store;

import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Files CPEs download (firmware, configuration, certificates) and files they upload (configuration backups,
 * logs), with their metadata. A concern of its own beside {@link AcsStore}, with its own contract suite
 * ({@code FileStoreContract}). Content goes in and out as streams and local files, never whole in memory.
 * A file is listed only once its content is entirely and durably stored: a half-written upload is never seen.
 * Every method may throw {@link StoreUnavailableException}.
 */
public interface FileStore {

    /** The order of {@link #files()}: creation time, then id. */
    Comparator<StoredFile> CREATION_ORDER = Comparator.comparing(StoredFile::createdAt).thenComparing(StoredFile::id);

    /**
     * Reads {@code content} to its end and stores it under {@code file.id()}, measuring its size and SHA-256.
     *
     * @param maxBytes the largest content accepted
     * @return the stored file
     * @throws FileTooLargeException        when the content passes {@code maxBytes} (nothing is stored)
     * @throws IllegalArgumentException     when the id is taken (by a stored file or one being stored)
     * @throws java.io.UncheckedIOException when reading {@code content} fails (nothing is stored)
     */
    StoredFile putFile(NewFile file, InputStream content, long maxBytes);

    /** The file with this id; empty when unknown. */
    Optional<StoredFile> findFile(String id);

    /** Every file, operators' and devices', in creation order (then id). */
    List<StoredFile> files();

    /** The files a device uploaded, in creation order (then id). */
    default List<StoredFile> filesOfDevice(String deviceId) {
        return files().stream().filter(f -> deviceId.equals(f.device())).toList();
    }

    /** The file's content as a local file; empty when the file is unknown. */
    Optional<FileContent> openFile(String id);

    /** Deletes the file, its content and its {@linkplain #references references}; false when it was unknown. */
    boolean deleteFile(String id);

    /**
     * Records that a device was handed a link to the file (a Download naming it was queued for it): the small
     * index the delete check reads, so that it looks at these devices' tasks only, never at the whole fleet.
     * Recording twice keeps one; the file need not exist (a reference to an unknown file is simply never read).
     */
    void addReference(String fileId, String deviceId);

    /** The devices recorded for the file by {@link #addReference}, in device id order; empty when none. */
    List<String> references(String fileId);

    /** Forgets one reference (the device no longer needs the file); nothing happens when it was not recorded. */
    void removeReference(String fileId, String deviceId);
}
