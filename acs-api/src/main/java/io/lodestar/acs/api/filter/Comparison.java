package io.lodestar.acs.api.filter;

/**
 * One comparison of a filter: {@code field op value}.
 *
 * @param field    the field or parameter path as written
 * @param op       the operator
 * @param value    a string literal's text, or the relative time {@code now-30m} as written (see {@code relative})
 * @param relative whether the value is a time relative to now ({@code now}, {@code now-30m})
 * @param position where the comparison starts in the filter text
 * @param valuePosition where its value starts
 */
public record Comparison(String field, Op op, String value, boolean relative, int position, int valuePosition) {

    public enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
            };
        }
    }
}
