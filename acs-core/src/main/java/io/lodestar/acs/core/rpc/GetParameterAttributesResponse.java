package io.lodestar.acs.core.rpc;
import java.util.List;

/** The CPE's answer to GetParameterAttributes. */
public record GetParameterAttributesResponse(List<ParameterAttributeStruct> parameterList) implements CwmpMessage.CpeResponse {

    public GetParameterAttributesResponse {
        parameterList = List.copyOf(parameterList);
    }

    @Override
    public String methodName() {
        return "GetParameterAttributesResponse";
    }
}
