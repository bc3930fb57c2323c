package io.lodestar.acs.core.rpc;

/** One result of AutonomousDUStateChangeComplete: an OpResultStruct and the operation the CPE performed. */
public record AutonOpResultStruct(OpResultStruct result, String operationPerformed) {}
