package io.lodestar.acs.api;

import io.lodestar.acs.core.device.DeviceId;

import java.util.Optional;

/**
 * Turns a file the ACS keeps (uploaded through {@code /api/v1/files}) into what a Download task hands one device:
 * its signed per-device URL on the file server, its size, type and name. The composition root backs it with the
 * file store and the file server's URL signer; without a file server there are no links.
 */
@FunctionalInterface
public interface StoredFileLinks {

    /** No file server: no stored file can be named. */
    StoredFileLinks NONE = (fileId, device) -> Optional.empty();

    /** The link for this device, or empty when no operator's file has this id. */
    Optional<Link> link(String fileId, DeviceId device);

    /**
     * The id of the file a Download's plain {@code url} names on the ACS's own file server, or empty (another
     * server): such a Download is queued as if it named the file by {@code fileId} (held by the delete check, and
     * signed for its device).
     */
    default Optional<String> fileIdOf(String url) {
        return Optional.empty();
    }

    /**
     * @param url      the signed URL the device fetches the file from
     * @param size     the file's length in bytes (the Download's FileSize)
     * @param fileType its TR-069 FileType
     * @param name     its name (the Download's TargetFileName unless the task names another)
     * @param version  the version it carries ("" when not told): a firmware Download's expected software version
     */
    record Link(String url, long size, String fileType, String name, String version) {}
}
