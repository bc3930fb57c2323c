package io.lodestar.acs.bench.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/** The load client and its options (no speed is asserted: the benchmark measures, tests do not). */
class SessionLoadTest {

    private static final byte[] INFORM = "<inform/>".getBytes(StandardCharsets.UTF_8);

    @Test
    void oneConnectionRunsSessionAfterSessionAgainstTheBaseline() throws Exception {
        try (BaselineServer baseline = new BaselineServer(); CpeConnection connection = new CpeConnection(baseline.port())) {
            for (int i = 0; i < 3; i++) {
                connection.session(INFORM); // 200 to the Inform, then 204 to the empty POST, or it throws
            }
        }
    }

    @Test
    void aConcurrencyAboveTheDeviceCountIsRefused() {
        assertThatThrownBy(() -> new SessionLoad(1, 5, 4, i -> INFORM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrency");
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> SessionBenchmarkMain.Options.parse(new String[] {"--duration", "20"}))
                .hasMessageContaining("--duration takes a duration");
        assertThatThrownBy(() -> SessionBenchmarkMain.Options.parse(new String[] {"--sizes", "150,10"}))
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> SessionBenchmarkMain.Options.parse(new String[] {"--devices", "4"}))
                .hasMessageContaining("must not exceed --devices");
        assertThatThrownBy(() -> SessionBenchmarkMain.Options.parse(new String[] {"--frobnicate", "1"}))
                .hasMessageContaining("unknown option '--frobnicate'");
    }
}
