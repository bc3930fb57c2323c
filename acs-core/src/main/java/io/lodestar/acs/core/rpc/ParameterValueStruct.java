package io.lodestar.acs.core.rpc;

import java.util.Objects;

/**
 * A parameter's name, value and type as carried on the wire.
 *
 * @param name  full parameter path, e.g. {@code Device.DeviceInfo.SoftwareVersion}
 * @param value the value in its lexical form (never null; empty for an empty value)
 * @param type  the xsi:type, normalised to the {@code xsd:} prefix, e.g. {@code xsd:unsignedInt}
 */
public record ParameterValueStruct(String name, String value, String type) {

    public static final String STRING = "xsd:string";

    public ParameterValueStruct {
        Objects.requireNonNull(name, "name");
        value = value == null ? "" : value;
        type = type == null || type.isEmpty() ? STRING : type;
    }

    public static ParameterValueStruct string(String name, String value) {
        return new ParameterValueStruct(name, value, STRING);
    }
}
