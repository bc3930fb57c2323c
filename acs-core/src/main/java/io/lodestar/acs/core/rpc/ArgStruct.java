package io.lodestar.acs.core.rpc;

/** A name/value pair, as in RequestDownload's FileTypeArg. */
public record ArgStruct(String name, String value) {}
