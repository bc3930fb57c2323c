package io.lodestar.acs.core.rpc;
import java.util.List;

/** The ACS's answer to the CPE's GetRPCMethods (its element name on the wire is GetRPCMethodsResponse). */
public record AcsGetRPCMethodsResponse(List<String> methodList) implements CwmpMessage.AcsResponse {

    public AcsGetRPCMethodsResponse {
        methodList = List.copyOf(methodList);
    }

    @Override
    public String methodName() {
        return "GetRPCMethodsResponse";
    }
}
