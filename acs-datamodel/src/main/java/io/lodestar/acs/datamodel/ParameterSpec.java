package io.lodestar.acs.datamodel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parameter of a standard model, by its path pattern, with what its syntax says a value must be.
 *
 * @param path           the pattern, {@code {i}} for every instance number
 * @param model          the model that defines it, e.g. {@code Device:2.17}
 * @param type           its base type (of each item, for a list)
 * @param dataType       the named data type it uses ({@code IPAddress}), or null
 * @param writable       whether the model lets the ACS write it
 * @param list           whether the value is a comma-separated list of items of {@code type}
 * @param ranges         allowed numeric ranges (a value must be in one); empty: the type's own range
 * @param enumerations   allowed values; empty: any. Vendors may add values beginning with {@code X_}
 * @param readOnlyValues enumerated values only the device sets (the ACS may not write them)
 * @param minLength      the shortest string (or list) allowed, or -1
 * @param maxLength      the longest string (or list) allowed, or -1
 * @param patterns       regular expressions a string must match one of; empty: any
 */
public record ParameterSpec(String path, String model, BaseType type, String dataType, boolean writable, boolean list,
                            List<NumberRange> ranges, Set<String> enumerations, Set<String> readOnlyValues,
                            long minLength, long maxLength, List<Pattern> patterns) {

    private static final BigInteger UNSIGNED_INT_MAX = BigInteger.valueOf(0xFFFF_FFFFL);
    private static final BigInteger UNSIGNED_LONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})*");

    public ParameterSpec {
        ranges = List.copyOf(ranges);
        enumerations = Set.copyOf(enumerations);
        readOnlyValues = Set.copyOf(readOnlyValues);
        patterns = List.copyOf(patterns);
    }

    /** The xsd type a SetParameterValues carries a value of it as (a list is a string). */
    public String xsdType() {
        return list ? BaseType.STRING.xsdType() : type.xsdType();
    }

    /** Why {@code value} is not a value this parameter may be set to, or empty when it is. */
    public Optional<String> problem(String value) {
        if (!list) {
            return itemProblem(value, true);
        }
        if (maxLength >= 0 && value.length() > maxLength) {
            return Optional.of("the list is longer than " + maxLength + " characters");
        }
        if (value.isEmpty()) {
            return Optional.empty(); // an empty list
        }
        for (String item : value.split(",", -1)) {
            Optional<String> p = itemProblem(item.strip(), false);
            if (p.isPresent()) {
                return Optional.of("item '" + item.strip() + "': " + p.get());
            }
        }
        return Optional.empty();
    }

    private Optional<String> itemProblem(String value, boolean sizeApplies) {
        Optional<String> lexical = lexicalProblem(value);
        if (lexical.isPresent()) {
            return lexical;
        }
        if (type.isNumber() && !ranges.isEmpty()) {
            BigDecimal n = new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
            if (ranges.stream().noneMatch(r -> r.contains(n))) {
                return Optional.of("out of range: " + rangesText());
            }
        }
        if (!enumerations.isEmpty() && !value.startsWith("X_")) {
            if (!enumerations.contains(value)) {
                return Optional.of("not one of " + enumerationsText());
            }
            if (readOnlyValues.contains(value)) {
                return Optional.of("'" + value + "' is a value only the device sets");
            }
        }
        if (type == BaseType.STRING) {
            if (sizeApplies && maxLength >= 0 && value.length() > maxLength) {
                return Optional.of("longer than " + maxLength + " characters");
            }
            if (sizeApplies && minLength > 0 && value.length() < minLength) {
                return Optional.of("shorter than " + minLength + " characters");
            }
            if (!patterns.isEmpty() && enumerations.isEmpty()
                    && patterns.stream().noneMatch(p -> p.matcher(value).matches())) {
                return Optional.of("does not match the pattern of " + (dataType == null ? "the parameter" : dataType));
            }
        }
        return Optional.empty();
    }

    private Optional<String> lexicalProblem(String value) {
        boolean fits = switch (type) {
            case STRING -> true;
            case BOOLEAN -> value.equals("true") || value.equals("false") || value.equals("1") || value.equals("0");
            case INT -> integerBetween(value, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
            case UNSIGNED_INT -> integerBetween(value, BigInteger.ZERO, UNSIGNED_INT_MAX);
            case LONG -> integerBetween(value, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE));
            case UNSIGNED_LONG -> integerBetween(value, BigInteger.ZERO, UNSIGNED_LONG_MAX);
            case DECIMAL -> DECIMAL.matcher(value).matches();
            case DATE_TIME -> DATE_TIME.matcher(value).matches();
            case HEX_BINARY -> HEX.matcher(value).matches();
            case BASE64 -> isBase64(value);
        };
        return fits ? Optional.empty() : Optional.of("not a valid " + type.xsdType());
    }

    private String rangesText() {
        List<String> parts = new ArrayList<>();
        ranges.forEach(r -> parts.add(r.toString()));
        return String.join(" or ", parts);
    }

    private String enumerationsText() {
        List<String> sorted = enumerations.stream().filter(v -> !readOnlyValues.contains(v)).sorted().toList();
        String shown = sorted.size() <= 12 ? String.join(", ", sorted)
                : String.join(", ", sorted.subList(0, 12)) + ", ... (" + sorted.size() + " values)";
        return shown + " (or a vendor value beginning with X_)";
    }

    private static boolean integerBetween(String value, BigInteger min, BigInteger max) {
        if (!INTEGER.matcher(value).matches()) {
            return false;
        }
        BigInteger n = new BigInteger(value.startsWith("+") ? value.substring(1) : value);
        return n.compareTo(min) >= 0 && n.compareTo(max) <= 0;
    }

    private static boolean isBase64(String value) {
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
