package io.lodestar.acs.core.rpc;
import java.util.List;

/** Sets parameter values atomically; the CPE stores parameterKey in ManagementServer.ParameterKey. */
public record SetParameterValues(List<ParameterValueStruct> parameterList, String parameterKey) implements CwmpMessage.AcsRequest {

    public SetParameterValues {
        parameterList = List.copyOf(parameterList);
        parameterKey = parameterKey == null ? "" : parameterKey;
    }

    @Override
    public String methodName() {
        return "SetParameterValues";
    }
}
