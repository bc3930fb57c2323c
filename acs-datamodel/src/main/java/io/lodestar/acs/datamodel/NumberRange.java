package io.lodestar.acs.datamodel;

import java.math.BigDecimal;

/**
 * One {@code <range>} of a numeric parameter: either bound may be absent; {@code step} (when given) makes only
 * {@code min + k*step} values valid.
 */
public record NumberRange(BigDecimal min, BigDecimal max, BigDecimal step) {

    public boolean contains(BigDecimal n) {
        if (min != null && n.compareTo(min) < 0) {
            return false;
        }
        if (max != null && n.compareTo(max) > 0) {
            return false;
        }
        if (step != null && step.signum() > 0) {
            BigDecimal from = min == null ? BigDecimal.ZERO : min;
            return n.subtract(from).remainder(step).signum() == 0;
        }
        return true;
    }

    @Override
    public String toString() {
        String text = (min == null ? "" : min.toPlainString()) + " to " + (max == null ? "" : max.toPlainString());
        if (min == null) {
            text = "at most " + max.toPlainString();
        } else if (max == null) {
            text = "at least " + min.toPlainString();
        }
        return step == null ? text : text + " in steps of " + step.toPlainString();
    }
}
