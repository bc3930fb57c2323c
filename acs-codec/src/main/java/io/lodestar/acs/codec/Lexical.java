package io.lodestar.acs.codec;

/**
 * Lenient parsing of the XSD lexical forms CPEs actually send: booleans as 0/1/true/false (and the odd
 * "30"), integers with leading zeros, a leading '+', or surrounding whitespace. Lenient because a CPE with a
 * quirky stack must still be manageable; strict only where a value cannot mean anything (letters in a
 * number), which is reported as a malformed message rather than guessed.
 */
final class Lexical {

    private Lexical() {}

    /**
     * true/1 → true, false/0/empty → false; any other integer is true when non-zero (a device that writes
     * {@code <Writable>30</Writable>} means "not 0"); anything else is false.
     */
    static boolean parseBoolean(String text) {
        String s = text.trim();
        if (s.equals("1") || s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.isEmpty() || s.equals("0") || s.equalsIgnoreCase("false")) {
            return false;
        }
        try {
            return Long.parseLong(s) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** An xs:int/unsignedInt field; empty means 0 (some stacks write {@code <RetryCount/>}). */
    static int parseInt(String field, String text) throws MalformedMessageException {
        long v = parseLong(field, text);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new MalformedMessageException(field + " out of range: " + abbreviate(text));
        }
        return (int) v;
    }

    /** An xs:long/unsignedInt field; empty means 0. */
    static long parseLong(String field, String text) throws MalformedMessageException {
        String s = text.trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new MalformedMessageException(field + " is not an integer: " + abbreviate(text));
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? '"' + s + '"' : '"' + s.substring(0, 40) + "...\"";
    }
}
