package io.lodestar.acs.core.rpc;

/** Creates a new instance of a multi-instance object; objectName ends in '.'. */
public record AddObject(String objectName, String parameterKey) implements CwmpMessage.AcsRequest {

    public AddObject {
        parameterKey = parameterKey == null ? "" : parameterKey;
    }

    @Override
    public String methodName() {
        return "AddObject";
    }
}
