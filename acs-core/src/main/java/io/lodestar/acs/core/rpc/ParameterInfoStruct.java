package io.lodestar.acs.core.rpc;

/** One entry of a GetParameterNamesResponse: a parameter or object path (objects end in '.') and whether it is writable. */
public record ParameterInfoStruct(String name, boolean writable) {

    public boolean isObject() {
        return name.endsWith(".");
    }
}
