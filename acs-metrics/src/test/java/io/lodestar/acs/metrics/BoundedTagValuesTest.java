package io.lodestar.acs.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedTagValuesTest {

    @Test
    void theFirstValuesAreKeptAndLaterOnesBecomeOther() {
        BoundedTagValues values = new BoundedTagValues(2);

        assertThat(values.of("9005")).isEqualTo("9005");
        assertThat(values.of("9007")).isEqualTo("9007");
        assertThat(values.of("9002")).isEqualTo(MetricNames.OTHER);
        assertThat(values.of("9005")).as("a value seen before stays itself").isEqualTo("9005");
    }

    @Test
    void aLongValueIsCutAndAMissingOneIsEmpty() {
        BoundedTagValues values = new BoundedTagValues(10);

        assertThat(values.of("x".repeat(500))).hasSize(BoundedTagValues.MAX_LENGTH);
        assertThat(values.of(null)).isEmpty();
    }

    @Test
    void aTagKeepsAtLeastOneValue() {
        assertThatThrownBy(() -> new BoundedTagValues(0)).hasMessageContaining("at least one");
    }
}
