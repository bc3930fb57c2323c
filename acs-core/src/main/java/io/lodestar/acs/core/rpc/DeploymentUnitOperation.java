package io.lodestar.acs.core.rpc;

/**
 * One operation of a ChangeDUState (the schema's abstract {@code OperationStruct}): install a deployment unit
 * from a URL, update one, or uninstall one. Optional fields are "" when not given.
 */
public sealed interface DeploymentUnitOperation {

    /** The operation's name as TR-069 reports it back ({@code Install}, {@code Update}, {@code Uninstall}). */
    String operationName();

    record Install(String url, String uuid, String username, String password, String executionEnvRef)
            implements DeploymentUnitOperation {
        @Override
        public String operationName() {
            return "Install";
        }
    }

    record Update(String uuid, String version, String url, String username, String password)
            implements DeploymentUnitOperation {
        @Override
        public String operationName() {
            return "Update";
        }
    }

    record Uninstall(String uuid, String version, String executionEnvRef) implements DeploymentUnitOperation {
        @Override
        public String operationName() {
            return "Uninstall";
        }
    }
}
