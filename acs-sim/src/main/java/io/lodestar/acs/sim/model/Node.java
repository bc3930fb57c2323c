package io.lodestar.acs.sim.model;

import java.util.Objects;

/**
 * One entry of a simulated CPE's parameter tree.
 *
 * @param path     the full path; objects end in '.'
 * @param value    the value's lexical form; empty for objects
 * @param type     the xsd type of a parameter, e.g. {@code xsd:unsignedInt}; empty for objects
 * @param writable for a parameter: whether SetParameterValues may change it; for a multi-instance table: whether
 *                 AddObject may add instances to it; for an instance: whether DeleteObject may remove it
 */
public record Node(String path, String value, String type, boolean writable) {

    public static final String STRING = "xsd:string";

    public Node {
        Objects.requireNonNull(path, "path");
        value = value == null ? "" : value;
        if (path.endsWith(".")) {
            value = "";
            type = "";
        } else {
            type = type == null || type.isBlank() ? STRING : type.trim();
        }
    }

    /** A parameter (leaf). */
    public static Node parameter(String path, String value, String type, boolean writable) {
        return new Node(path, value, type, writable);
    }

    /** An object; {@code path} ends in '.'. */
    public static Node object(String path, boolean writable) {
        return new Node(path, "", "", writable);
    }

    public boolean isObject() {
        return path.endsWith(".");
    }

    /** This node with another value (same type and writability). */
    public Node withValue(String newValue) {
        return new Node(path, newValue, type, writable);
    }

    /** The last name of the path, without the trailing dot of an object: {@code 2} for {@code X.Line.2.}. */
    public String name() {
        return Paths.lastSegment(path);
    }
}
