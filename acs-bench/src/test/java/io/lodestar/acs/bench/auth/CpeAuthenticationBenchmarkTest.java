package io.lodestar.acs.bench.auth;

import io.lodestar.acs.cwmp.auth.AuthenticationOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpeAuthenticationBenchmarkTest {

    @Test
    void everySessionTheBenchmarkRunsIsAcceptedSoItMeasuresTheAcceptedPath() {
        CpeAuthenticationBenchmark b = new CpeAuthenticationBenchmark();
        b.setUp();
        for (int i = 0; i < 3; i++) {
            assertThat(b.reusedNonce()).isEqualTo(AuthenticationOutcome.accepted());
            assertThat(b.challengedEverySession()).isEqualTo(AuthenticationOutcome.accepted());
            assertThat(b.clientHeaderOnly()).startsWith("Digest ");
        }
    }
}
