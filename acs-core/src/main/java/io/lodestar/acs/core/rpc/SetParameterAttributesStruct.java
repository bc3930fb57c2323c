package io.lodestar.acs.core.rpc;

import java.util.List;

/** One entry of a SetParameterAttributes request. */
public record SetParameterAttributesStruct(String name, boolean notificationChange, int notification,
                                           boolean accessListChange, List<String> accessList) {

    public SetParameterAttributesStruct {
        accessList = List.copyOf(accessList);
    }
}
