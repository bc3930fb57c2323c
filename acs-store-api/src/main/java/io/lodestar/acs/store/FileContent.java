package io.lodestar.acs.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A stored file's content as a local file, so that a server can send it without copying it through the heap
 * (a Netty {@code FileRegion}). The file holds exactly {@code file.size()} bytes; it stays readable until the
 * stored file is deleted (an open handle keeps reading after that on POSIX systems).
 *
 * @param file its metadata
 * @param path a local file with its content: the embedded store's own file, or a distributed store's local copy
 */
public record FileContent(StoredFile file, Path path) {

    public FileContent {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
    }

    /** The content as a stream from the beginning. */
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}
