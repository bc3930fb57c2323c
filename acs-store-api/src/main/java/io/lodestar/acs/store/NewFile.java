package io.lodestar.acs.store;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * What is known of a file before its content is read: everything of a {@link StoredFile} but its size and
 * SHA-256, which the store measures while it stores the content. The fields follow {@link StoredFile}'s.
 */
public record NewFile(String id, String name, String fileType, String version, List<String> ouis,
                      List<String> productClasses, String device, Instant createdAt) {

    public NewFile {
        FileMetadata.check(id, name, fileType, version, ouis, productClasses, device, createdAt);
        ouis = List.copyOf(ouis);
        productClasses = List.copyOf(productClasses);
    }

    /** An operator's file that applies to every device. */
    public static NewFile of(String id, String name, String fileType, Instant createdAt) {
        return new NewFile(id, name, fileType, "", List.of(), List.of(), null, createdAt);
    }

    /** The stored file, once its content was measured. */
    public StoredFile stored(long size, byte[] sha256) {
        return new StoredFile(id, name, fileType, version, ouis, productClasses, device, size,
                HexFormat.of().formatHex(sha256), createdAt);
    }
}
