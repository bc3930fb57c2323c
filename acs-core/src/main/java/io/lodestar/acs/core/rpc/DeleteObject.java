package io.lodestar.acs.core.rpc;

/** Deletes an object instance; objectName ends in '.'. */
public record DeleteObject(String objectName, String parameterKey) implements CwmpMessage.AcsRequest {

    public DeleteObject {
        parameterKey = parameterKey == null ? "" : parameterKey;
    }

    @Override
    public String methodName() {
        return "DeleteObject";
    }
}
