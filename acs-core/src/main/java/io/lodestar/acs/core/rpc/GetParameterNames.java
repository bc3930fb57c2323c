package io.lodestar.acs.core.rpc;

/** Asks for the names under a path: the object's direct children when nextLevel, its whole subtree otherwise. */
public record GetParameterNames(String parameterPath, boolean nextLevel) implements CwmpMessage.AcsRequest {

    @Override
    public String methodName() {
        return "GetParameterNames";
    }
}
