package io.lodestar.acs.core.rpc;
import java.util.List;

/** The CPE's answer to GetParameterNames. */
public record GetParameterNamesResponse(List<ParameterInfoStruct> parameterList) implements CwmpMessage.CpeResponse {

    public GetParameterNamesResponse {
        parameterList = List.copyOf(parameterList);
    }

    @Override
    public String methodName() {
        return "GetParameterNamesResponse";
    }
}
