package io.lodestar.acs.core.rpc;
import java.util.List;

/** Asks for the values of parameters; a name ending in '.' asks for a whole subtree. */
public record GetParameterValues(List<String> parameterNames) implements CwmpMessage.AcsRequest {

    public GetParameterValues {
        parameterNames = List.copyOf(parameterNames);
    }

    @Override
    public String methodName() {
        return "GetParameterValues";
    }
}
