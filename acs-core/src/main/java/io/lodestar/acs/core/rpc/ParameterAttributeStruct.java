package io.lodestar.acs.core.rpc;

import java.util.List;

/** One entry of a GetParameterAttributesResponse. */
public record ParameterAttributeStruct(String name, int notification, List<String> accessList) {

    public ParameterAttributeStruct {
        accessList = List.copyOf(accessList);
    }
}
