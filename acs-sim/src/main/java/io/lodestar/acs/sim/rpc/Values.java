package io.lodestar.acs.sim.rpc;

import java.util.Base64;
import java.util.regex.Pattern;

/** Lexical checks of TR-069 parameter values against their xsd types (SetParameterValues fault 9007). */
public final class Values {

    private static final Pattern DATE_TIME = Pattern.compile(
            "-?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})*");

    private Values() {}

    /**
     * Whether {@code value} is a valid lexical form of {@code type}. Unknown types (and xsd:string) accept
     * anything.
     */
    public static boolean isValid(String type, String value) {
        if (value == null) {
            return false;
        }
        return switch (type) {
            case "xsd:boolean" -> value.equals("true") || value.equals("false") || value.equals("1") || value.equals("0");
            case "xsd:unsignedInt" -> inRange(value, 0, 4_294_967_295L);
            case "xsd:int" -> inRange(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "xsd:long" -> inRange(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case "xsd:unsignedLong" -> isUnsignedLong(value);
            case "xsd:dateTime" -> DATE_TIME.matcher(value).matches() && validDate(value);
            case "xsd:hexBinary" -> HEX.matcher(value).matches();
            case "xsd:base64" -> isBase64(value);
            default -> true;
        };
    }

    private static boolean inRange(String value, long min, long max) {
        if (value.isEmpty() || value.startsWith("+") && value.length() == 1) {
            return false;
        }
        try {
            long v = Long.parseLong(value);
            return v >= min && v <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isUnsignedLong(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        try {
            Long.parseUnsignedLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean validDate(String value) {
        int t = value.indexOf('T');
        String[] ymd = value.substring(value.startsWith("-") ? 1 : 0, t).split("-");
        int month = Integer.parseInt(ymd[1]);
        int day = Integer.parseInt(ymd[2]);
        int hour = Integer.parseInt(value.substring(t + 1, t + 3));
        int minute = Integer.parseInt(value.substring(t + 4, t + 6));
        int second = Integer.parseInt(value.substring(t + 7, t + 9));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60;
    }

    private static boolean isBase64(String value) {
        try {
            Base64.getMimeDecoder().decode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
