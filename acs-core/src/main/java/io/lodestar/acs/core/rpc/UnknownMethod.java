package io.lodestar.acs.core.rpc;

/** A well-formed envelope whose body holds a method this implementation does not know. */
public record UnknownMethod(String methodName, String namespace) implements CwmpMessage {}
