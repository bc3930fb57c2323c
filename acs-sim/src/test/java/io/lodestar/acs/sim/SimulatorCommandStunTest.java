package io.lodestar.acs.sim;

import io.lodestar.acs.sim.client.FakeAcs;
import io.lodestar.acs.stun.StunCredentials;
import io.lodestar.acs.stun.StunServer;
import io.lodestar.acs.stun.StunSettings;
import io.lodestar.acs.stun.UdpBinding;
import io.lodestar.acs.stun.UdpBindings;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lodestar sim --stun}: the simulated CPEs reached by UDP connection requests through a STUN server. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SimulatorCommandStunTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final UdpBindings bindings = new UdpBindings(10, Duration.ofMinutes(5));
    private FakeAcs acs;
    private StunServer stun;

    @BeforeEach
    void setUp() throws IOException {
        acs = new FakeAcs();
        stun = StunServer.start(StunSettings.from(Map.of("stun.bind", "127.0.0.1", "stun.port", "0")), bindings,
                StunCredentials.none(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        stun.close();
        acs.close();
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new SimulatorCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void aCpeWithStunIsReachedByAUdpConnectionRequest() throws Exception {
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> run("--url", acs.url().toString(), "--stun",
                "--stun-server", "127.0.0.1:" + stun.localAddress().getPort(), "--linger", "20s"));
        // once the scheduled session is over: a connection request during a session is ignored, as by a real CPE
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lines().stream().anyMatch(l -> l.startsWith("lingering")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> bindings.find("SIM000001", Instant.now()).isPresent());
        UdpBinding binding = bindings.find("SIM000001", Instant.now()).orElseThrow();

        // the built-in phone's ConnectionRequestUsername is its serial number, its password empty
        stun.connectionRequests().send(binding.address(), "SIM000001", "");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lines().stream()
                .anyMatch(l -> l.startsWith("SIM000001 connection request session ok")));
        assertThat(code.get(60, TimeUnit.SECONDS)).as(out.toString()).isZero();
        assertThat(acs.sessions()).anySatisfy(s -> assertThat(s.inform.hasEvent("6 CONNECTION REQUEST")).isTrue());
    }

    @Test
    void badStunArgumentsAreRefused() {
        assertThat(run("--stun-server", "127.0.0.1:3478")).isEqualTo(2);
        assertThat(err.toString()).contains("--stun-server goes with --stun");
        assertThat(run("--stun", "--stun-server", "nowhere")).isEqualTo(2);
        assertThat(err.toString()).contains("--stun-server must be HOST:PORT");
    }
}
