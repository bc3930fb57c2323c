package io.lodestar.acs.core.operation;

import java.util.List;
import java.util.Objects;

/**
 * What a device reported of a transfer it started itself (AutonomousTransferComplete) or asked for
 * (RequestDownload): there is no task behind such an operation, so this is all the ACS knows of it.
 *
 * @param fileType       the TR-069 FileType, as the device wrote it
 * @param url            the TransferURL (autonomous transfers; "" for a RequestDownload)
 * @param download       true for a download, false for an upload (a RequestDownload is a download)
 * @param fileSize       the file's size in bytes as reported, 0 when unknown
 * @param targetFileName the file's name on the device ("" when none)
 * @param arguments      a RequestDownload's FileTypeArg as {@code name=value}; empty otherwise
 */
public record DeviceInitiated(String fileType, String url, boolean download, long fileSize, String targetFileName,
                              List<String> arguments) {

    public DeviceInitiated {
        fileType = Objects.requireNonNullElse(fileType, "");
        url = Objects.requireNonNullElse(url, "");
        targetFileName = Objects.requireNonNullElse(targetFileName, "");
        arguments = List.copyOf(arguments);
    }
}
