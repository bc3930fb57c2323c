package io.lodestar.acs.datamodel;

import java.util.Map;
import java.util.Optional;

/**
 * One standard model's index: its objects and parameters by path pattern ({@code {i}} for instance numbers), built
 * once from its XML by {@link DataModelReader}. Looking a device's path up turns its instance numbers (and
 * alias-based {@code [alias]} instances) into {@code {i}}: one map lookup, no scan.
 *
 * @param name             the model, e.g. {@code Device:2.17}
 * @param parameters       by path pattern
 * @param objects          by path pattern
 * @param unresolvedTypes  how many parameters named a data type the document does not define (checked as strings)
 */
public record DataModel(String name, Map<String, ParameterSpec> parameters, Map<String, ObjectSpec> objects,
                        int unresolvedTypes) {

    public DataModel {
        parameters = Map.copyOf(parameters);
        objects = Map.copyOf(objects);
    }

    /** The parameter at a device's path ({@code Device.IP.Interface.2.Enable}), if the model defines it. */
    public Optional<ParameterSpec> parameter(String path) {
        return Optional.ofNullable(parameters.get(pattern(path)));
    }

    /** The object at a device's object path ({@code Device.IP.Interface.2.}), if the model defines it. */
    public Optional<ObjectSpec> object(String path) {
        return Optional.ofNullable(objects.get(pattern(path)));
    }

    /** A device's path as a model's pattern: every name that is an instance number or {@code [alias]} becomes {i}. */
    public static String pattern(String path) {
        StringBuilder out = null;
        int start = 0;
        int length = path.length();
        while (start <= length) {
            int dot = path.indexOf('.', start);
            int end = dot < 0 ? length : dot;
            if (end > start && isInstance(path, start, end)) {
                if (out == null) {
                    out = new StringBuilder(length + 8).append(path, 0, start);
                }
                out.append("{i}");
            } else if (out != null) {
                out.append(path, start, end);
            }
            if (dot < 0) {
                break;
            }
            if (out != null) {
                out.append('.');
            }
            start = dot + 1;
        }
        return out == null ? path : out.toString();
    }

    private static boolean isInstance(String path, int start, int end) {
        if (path.charAt(start) == '[' && path.charAt(end - 1) == ']') {
            return true;
        }
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
