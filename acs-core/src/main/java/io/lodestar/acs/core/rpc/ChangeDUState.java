package io.lodestar.acs.core.rpc;

import java.util.List;

/** Asks the CPE to install, update or uninstall deployment units (CWMP 1.2); DUStateChangeComplete reports the end. */
public record ChangeDUState(List<DeploymentUnitOperation> operations, String commandKey)
        implements CwmpMessage.AcsRequest {

    public ChangeDUState {
        operations = List.copyOf(operations);
    }

    @Override
    public String methodName() {
        return "ChangeDUState";
    }
}
