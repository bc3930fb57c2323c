package io.lodestar.acs.core.parameter;

/** Small rules of TR-069 parameter paths ({@code Device.WiFi.SSID.1.SSID}; objects end in '.'). */
public final class ParameterPaths {

    private ParameterPaths() {}

    public static boolean isObject(String path) {
        return path.endsWith(".");
    }

    /** Whether {@code path} is {@code prefix} itself or lies below it; an empty prefix covers everything. */
    public static boolean isUnder(String path, String prefix) {
        if (prefix.isEmpty()) {
            return true;
        }
        return isObject(prefix) ? path.startsWith(prefix) : path.equals(prefix);
    }

    /** The root object of a path, e.g. {@code Device.} or {@code InternetGatewayDevice.}; empty when none. */
    public static String root(String path) {
        int dot = path.indexOf('.');
        return dot <= 0 ? "" : path.substring(0, dot + 1);
    }

    /**
     * Whether the path is syntactically acceptable: dot-separated non-empty names of letters, digits,
     * '_', '-' or ':' (instance numbers are digits), at most 1024 characters.
     */
    public static boolean isValid(String path) {
        if (path.isEmpty() || path.length() > 1024 || path.startsWith(".") || path.contains("..")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
