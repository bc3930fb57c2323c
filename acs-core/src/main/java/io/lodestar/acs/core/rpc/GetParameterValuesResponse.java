package io.lodestar.acs.core.rpc;
import java.util.List;

/** The CPE's answer to GetParameterValues. */
public record GetParameterValuesResponse(List<ParameterValueStruct> parameterList) implements CwmpMessage.CpeResponse {

    public GetParameterValuesResponse {
        parameterList = List.copyOf(parameterList);
    }

    @Override
    public String methodName() {
        return "GetParameterValuesResponse";
    }
}
