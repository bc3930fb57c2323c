package io.lodestar.acs.server;

import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the embedded store for the command-line tools. */
public final class StoreAccess {

    private StoreAccess() {}

    /** For inspection: read-only, so it works beside a running ACS. */
    public static AcsStore openForReading(Path dir) {
        requireStore(dir);
        return RocksAcsStore.openReadOnly(dir);
    }

    /** For changes: needs the ACS to be stopped, since one process at a time may write the store. */
    public static AcsStore openForWriting(Path dir) {
        requireStore(dir);
        return RocksAcsStore.open(dir);
    }

    private static void requireStore(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no store at " + dir.toAbsolutePath().normalize()
                    + " (start the ACS once, or pass --data)");
        }
    }
}
