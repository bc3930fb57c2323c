package io.lodestar.acs.core.rpc;

/** Asks the CPE to upload a file (configuration, log) to a URL. */
public record Upload(String commandKey, String fileType, String url, String username, String password, int delaySeconds) implements CwmpMessage.AcsRequest {

    @Override
    public String methodName() {
        return "Upload";
    }
}
