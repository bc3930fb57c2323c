package io.lodestar.acs.bench.load;

import io.lodestar.acs.sim.load.LoadConfig;
import io.lodestar.acs.sim.load.LoadGenerator;
import io.lodestar.acs.sim.load.LoadReport;
import io.lodestar.acs.sim.load.PhaseResult;
import io.lodestar.acs.sim.load.Scenario;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TrivialAcsTest {

    @Test
    void theLimitAnswersEachSessionWithAnInformResponseOneGetParameterValuesAndA204() throws Exception {
        try (TrivialAcs limit = new TrivialAcs()) {
            LoadConfig config = new LoadConfig(limit.url(), DataModel.ipPhone("BENCH0000000"), 20, "BENCH",
                    Scenario.PERIODIC, 4, 0, Duration.ofSeconds(60), 100, false, Duration.ofSeconds(60), 0.01, null,
                    null, false, Duration.ofSeconds(10), Duration.ofSeconds(5), null, null);
            LoadReport report = new LoadGenerator(config, new PrintStream(OutputStream.nullOutputStream())).run();

            PhaseResult p = report.measured();
            assertThat(p.ok()).isEqualTo(100);
            assertThat(p.failed()).isZero();
            assertThat(p.rpcs()).containsEntry("GetParameterValues", 100L);
            assertThat(p.httpStatuses()).containsEntry("200", 200L).containsEntry("204", 100L);
        }
    }
}
