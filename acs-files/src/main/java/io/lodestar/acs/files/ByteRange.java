package io.lodestar.acs.files;

import java.util.Optional;

/**
 * One byte range of a Range header (RFC 9110 14.1.2), resolved against the content's length: {@code first} to
 * {@code last}, both included.
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /** What a Range header asks of content of {@code size} bytes. */
    sealed interface Request permits Whole, Part, Unsatisfiable {}

    /** No range, or one the server may ignore (malformed, several ranges, another unit): the whole content. */
    record Whole() implements Request {}

    record Part(ByteRange range) implements Request {}

    /** A well-formed range that starts at or past the end: 416. */
    record Unsatisfiable() implements Request {}

    static Request parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = h.substring(6).trim();
        if (spec.contains(",")) {
            return new Whole(); // several ranges: allowed to answer with the whole content
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        Optional<Long> first = number(spec.substring(0, dash).trim());
        Optional<Long> last = number(spec.substring(dash + 1).trim());
        if (spec.substring(0, dash).isBlank()) {
            // a suffix: the last N bytes
            if (last.isEmpty()) {
                return new Whole();
            }
            long n = last.get();
            if (n == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, size - n), size - 1));
        }
        if (first.isEmpty() || (!spec.substring(dash + 1).isBlank() && last.isEmpty())) {
            return new Whole();
        }
        long a = first.get();
        long b = last.orElse(Long.MAX_VALUE);
        if (b < a) {
            return new Whole(); // invalid: ignored
        }
        if (a >= size) {
            return new Unsatisfiable();
        }
        return new Part(new ByteRange(a, Math.min(b, size - 1)));
    }

    private static Optional<Long> number(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(s));
    }
}
