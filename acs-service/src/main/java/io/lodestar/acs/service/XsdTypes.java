package io.lodestar.acs.service;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The xsd types of TR-069 parameter values (TR-069 Table 4 / TR-106 data types) and their lexical rules:
 * whether a value written as text is one the device can accept for its type.
 */
final class XsdTypes {

    static final String PREFIX = "xsd:";

    private static final Set<String> KNOWN = Set.of("string", "boolean", "int", "unsignedInt", "long",
            "unsignedLong", "dateTime", "base64", "hexBinary");

    private static final BigInteger UNSIGNED_LONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?(Z|[+-](\\d{2}):(\\d{2}))?");
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})*");

    private XsdTypes() {}

    /** The type without its {@code xsd:} prefix: {@code xsd:int} and {@code int} are the same type. */
    static String localName(String type) {
        return type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
    }

    /** The type as the wire carries it: {@code xsd:int}. */
    static String qualified(String type) {
        return PREFIX + localName(type);
    }

    static boolean isKnown(String type) {
        return KNOWN.contains(localName(type));
    }

    static boolean sameType(String a, String b) {
        return localName(a).equals(localName(b));
    }

    /**
     * Why {@code value} is not a value of {@code type}, or empty when it is (or when the type is not one of
     * the known ones: its rules are the device's to apply).
     */
    static Optional<String> problem(String type, String value) {
        String local = localName(type);
        if (!KNOWN.contains(local)) {
            return Optional.empty();
        }
        boolean fits = switch (local) {
            case "boolean" -> value.equals("true") || value.equals("false") || value.equals("1") || value.equals("0");
            case "int" -> integerBetween(value, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
            case "unsignedInt" -> integerBetween(value, BigInteger.ZERO, BigInteger.valueOf(0xFFFF_FFFFL));
            case "long" -> integerBetween(value, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE));
            case "unsignedLong" -> integerBetween(value, BigInteger.ZERO, UNSIGNED_LONG_MAX);
            case "dateTime" -> isDateTime(value);
            case "base64" -> isBase64(value);
            case "hexBinary" -> HEX.matcher(value).matches();
            default -> true; // string
        };
        return fits ? Optional.empty() : Optional.of(expectation(local));
    }

    private static String expectation(String local) {
        return switch (local) {
            case "boolean" -> "expected true, false, 1 or 0";
            case "int" -> "expected a whole number from -2147483648 to 2147483647";
            case "unsignedInt" -> "expected a whole number from 0 to 4294967295";
            case "long" -> "expected a whole number from -9223372036854775808 to 9223372036854775807";
            case "unsignedLong" -> "expected a whole number from 0 to 18446744073709551615";
            case "dateTime" -> "expected a date and time such as 2026-01-31T12:00:00Z";
            case "base64" -> "expected base64 text";
            case "hexBinary" -> "expected an even number of hexadecimal digits";
            default -> "expected a " + local;
        };
    }

    private static boolean integerBetween(String value, BigInteger min, BigInteger max) {
        if (!INTEGER.matcher(value).matches()) {
            return false;
        }
        BigInteger n = new BigInteger(value);
        return n.compareTo(min) >= 0 && n.compareTo(max) <= 0;
    }

    private static boolean isDateTime(String value) {
        Matcher m = DATE_TIME.matcher(value);
        if (!m.matches()) {
            return false;
        }
        try {
            // the calendar rules (month 13, February 30, hour 25) are LocalDateTime's
            LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
        } catch (DateTimeException e) {
            return false;
        }
        return m.group(9) == null || (Integer.parseInt(m.group(9)) <= 14 && Integer.parseInt(m.group(10)) <= 59);
    }

    private static boolean isBase64(String value) {
        // xsd:base64Binary allows whitespace between the characters; the decoder does not, and accepts unpadded input
        String compact = value.replaceAll("[ \\t\\r\\n]", "");
        if (compact.length() % 4 != 0) {
            return false;
        }
        try {
            Base64.getDecoder().decode(compact);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
