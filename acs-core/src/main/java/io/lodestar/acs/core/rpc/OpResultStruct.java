package io.lodestar.acs.core.rpc;

/** One deployment-unit operation result of DUStateChangeComplete. */
public record OpResultStruct(String uuid, String deploymentUnitRef, String version, String currentState,
                             boolean resolved, String startTime, String completeTime, FaultStruct fault) {}
