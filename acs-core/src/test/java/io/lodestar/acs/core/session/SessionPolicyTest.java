package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.core.task.RetryPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionPolicyTest {

    @Test
    void theDefault() {
        assertThat(SessionPolicy.DEFAULT).isEqualTo(new SessionPolicy(IdentityScheme.OUI_PRODUCTCLASS_SERIAL, true,
                DiscoveryMode.FULL_TREE, 64, 100_000, RetryPolicy.DEFAULT));
    }

    @Test
    void batchesAndLimitsAreAtLeastOne() {
        assertThatThrownBy(() -> new SessionPolicy(IdentityScheme.SERIAL, true, DiscoveryMode.FULL_TREE, 0, 10,
                RetryPolicy.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionPolicy(IdentityScheme.SERIAL, true, DiscoveryMode.FULL_TREE, 1, 0,
                RetryPolicy.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SessionPolicy(IdentityScheme.SERIAL, false, DiscoveryMode.FULL_TREE, 1, 1,
                RetryPolicy.DEFAULT).valuesPerRequest()).isEqualTo(1);
    }
}
