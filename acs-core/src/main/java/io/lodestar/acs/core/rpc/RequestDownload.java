package io.lodestar.acs.core.rpc;
import java.util.List;

/** The CPE asks the ACS to send it a Download of this file type. */
public record RequestDownload(String fileType, List<ArgStruct> fileTypeArg) implements CwmpMessage.CpeRequest {

    public RequestDownload {
        fileTypeArg = List.copyOf(fileTypeArg);
    }

    @Override
    public String methodName() {
        return "RequestDownload";
    }
}
