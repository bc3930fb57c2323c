package io.lodestar.acs.core.rpc;
import java.util.List;

/** Asks for notification and access-list attributes. */
public record GetParameterAttributes(List<String> parameterNames) implements CwmpMessage.AcsRequest {

    public GetParameterAttributes {
        parameterNames = List.copyOf(parameterNames);
    }

    @Override
    public String methodName() {
        return "GetParameterAttributes";
    }
}
