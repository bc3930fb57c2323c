package io.lodestar.acs.core.rpc;
import java.util.List;

/** Changes notification and access-list attributes. */
public record SetParameterAttributes(List<SetParameterAttributesStruct> parameterList) implements CwmpMessage.AcsRequest {

    public SetParameterAttributes {
        parameterList = List.copyOf(parameterList);
    }

    @Override
    public String methodName() {
        return "SetParameterAttributes";
    }
}
