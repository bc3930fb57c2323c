package io.lodestar.acs.core.rpc;

/** Asks the CPE to download a file (firmware, vendor configuration, ...). */
public record Download(String commandKey, String fileType, String url, String username, String password, long fileSize, String targetFileName, int delaySeconds, String successUrl, String failureUrl) implements CwmpMessage.AcsRequest {

    @Override
    public String methodName() {
        return "Download";
    }
}
