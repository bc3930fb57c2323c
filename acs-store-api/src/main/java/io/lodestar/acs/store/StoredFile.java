package io.lodestar.acs.store;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A file kept by a {@link FileStore}: what an operator uploaded for CPEs to download (firmware, configuration,
 * certificates), or what a device uploaded (its configuration backups and logs: {@link #device()} set).
 *
 * @param id             the store's key, safe in a path and a URL ({@link FileMetadata#ID_RULE})
 * @param name           the file name people and CPEs see (the TR-069 TargetFileName by default)
 * @param fileType       the TR-069 FileType, e.g. {@code 1 Firmware Upgrade Image}, {@code 3 Vendor Configuration
 *                       File}, {@code X 000E8F CA Certificate File}
 * @param version        the firmware or configuration version it carries ("" when not told)
 * @param ouis           the manufacturer OUIs it applies to (empty: any)
 * @param productClasses the product classes it applies to (empty: any)
 * @param device         the device that uploaded it, or null for an operator's file
 * @param size           its length in bytes
 * @param sha256         the SHA-256 of its content, 64 lowercase hex digits (also the file server's ETag)
 * @param createdAt      when it was stored
 */
public record StoredFile(String id, String name, String fileType, String version, List<String> ouis,
                         List<String> productClasses, String device, long size, String sha256, Instant createdAt) {

    public StoredFile {
        FileMetadata.check(id, name, fileType, version, ouis, productClasses, device, createdAt);
        ouis = List.copyOf(ouis);
        productClasses = List.copyOf(productClasses);
        if (size < 0) {
            throw new IllegalArgumentException("a file's size cannot be negative: " + size);
        }
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length() != 64 || !sha256.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("a file's SHA-256 is 64 lowercase hex digits, not '" + sha256 + "'");
        }
    }

    /** The SHA-256 as bytes. */
    public byte[] sha256Bytes() {
        return HexFormat.of().parseHex(sha256);
    }

    /** Whether a device uploaded it. */
    public boolean uploadedByDevice() {
        return device != null;
    }
}
