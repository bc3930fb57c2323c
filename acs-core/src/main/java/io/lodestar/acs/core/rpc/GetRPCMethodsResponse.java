package io.lodestar.acs.core.rpc;
import java.util.List;

/** The RPCs one side supports: the answer to GetRPCMethods from either side. */
public record GetRPCMethodsResponse(List<String> methodList) implements CwmpMessage.CpeResponse {

    public GetRPCMethodsResponse {
        methodList = List.copyOf(methodList);
    }

    @Override
    public String methodName() {
        return "GetRPCMethodsResponse";
    }
}
