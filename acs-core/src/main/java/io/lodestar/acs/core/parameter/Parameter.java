package io.lodestar.acs.core.parameter;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored parameter or object of a device's data model, as the device last reported it.
 *
 * @param path       the full path; objects end in '.'
 * @param value      the value's lexical form; null for objects and for parameters whose value was never read
 * @param type       the xsd type, e.g. {@code xsd:unsignedInt}; null when unknown
 * @param writable   whether the device said it is writable; null when it never said
 * @param reportedAt when the device reported the value (or, for names only, the name); an Inform that repeats a
 *                   known value with its type leaves it (the device's last Inform says when it last sent it)
 */
public record Parameter(String path, String value, String type, Boolean writable, Instant reportedAt) {

    public Parameter {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }

    public boolean isObject() {
        return ParameterPaths.isObject(path);
    }

    /** This parameter with a new value, keeping what is known of its writability. */
    public Parameter withValue(String newValue, String newType, Instant at) {
        return new Parameter(path, newValue, newType, writable, at);
    }

    /** This parameter merged with a later report that carries only a name and its writability. */
    public Parameter withWritable(Boolean newWritable, Instant at) {
        return new Parameter(path, value, type, newWritable, value == null ? at : reportedAt);
    }
}
