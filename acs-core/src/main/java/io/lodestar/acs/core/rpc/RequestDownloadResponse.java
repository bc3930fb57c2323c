package io.lodestar.acs.core.rpc;

/** The ACS's answer to RequestDownload. */
public record RequestDownloadResponse() implements CwmpMessage.AcsResponse {

    @Override
    public String methodName() {
        return "RequestDownloadResponse";
    }
}
