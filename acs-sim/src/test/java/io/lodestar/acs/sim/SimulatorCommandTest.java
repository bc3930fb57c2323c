package io.lodestar.acs.sim;

import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.sim.client.FakeAcs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorCommandTest {

    private FakeAcs acs;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws IOException {
        acs = new FakeAcs();
    }

    @AfterEach
    void tearDown() {
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
    void phonesRunTheirSessionsAndSucceed() {
        acs.script(new GetParameterValues(List.of("Device.DeviceInfo.SoftwareVersion")));
        int code = run("--url", acs.url().toString(), "--count", "3", "--sessions", "2", "--interval", "0s",
                "--serial-prefix", "LAB");
        assertThat(code).as(out + "" + err).isZero();
        assertThat(lines()).filteredOn(l -> l.contains(" session ")).hasSize(6).allMatch(l -> l.contains(" ok "));
        assertThat(lines()).anyMatch(l -> l.startsWith("LAB000001 session 1/2 ok events=[0 BOOTSTRAP,1 BOOT]"));
        assertThat(lines()).anyMatch(l -> l.startsWith("LAB000003 session 2/2 ok events=[2 PERIODIC]"));
        assertThat(lines().get(lines().size() - 1)).startsWith("summary: 6 session(s) ok, 0 failed, 6 RPC(s) answered, 3 CPE(s)");
        assertThat(acs.sessions()).hasSize(6);
    }

    @Test
    void gatewayWithReconnectEachMessageAndARebootFollowedRightAway() {
        acs.script(inform -> inform.hasEvent(EventStruct.BOOTSTRAP) ? List.of(new Reboot("r")) : List.of());
        // an hour between sessions: the boot session after the reboot must not wait for it
        int code = run("--url", acs.url().toString(), "--model", "gateway", "--sessions", "2", "--interval", "1h",
                "--reconnect-each-message", "--cwmp-version", "1.0");
        assertThat(code).as(out + "" + err).isZero();
        assertThat(lines()).anyMatch(l -> l.startsWith("8KA8WA1151100043 session 2/2 ok events=[1 BOOT,M Reboot(r)]"));
        assertThat(lines()).anyMatch(l -> l.contains("conns=3"));
        assertThat(acs.sessions().get(0).inform.deviceId().serialNumber()).isEqualTo("8KA8WA1151100043");
    }

    @Test
    void csvPathModel() {
        int code = run("--url", acs.url().toString(), "--model", Conformance.gatewayCsv().toString(), "--count", "2",
                "--concurrency", "1", "--quiet");
        assertThat(code).as(out + "" + err).isZero();
        assertThat(lines()).noneMatch(l -> l.contains(" session "));
        assertThat(acs.sessions()).extracting(s -> s.inform.deviceId().serialNumber())
                .containsExactlyInAnyOrder("SIM000001", "SIM000002");
    }

    @Test
    void failingSessionsGiveExitCode1() {
        acs.refuseInforms(new FakeAcs.Refusal(503, null));
        int code = run("--url", acs.url().toString(), "--count", "2", "--timeout", "5s");
        assertThat(code).isEqualTo(1);
        assertThat(lines()).filteredOn(l -> l.contains("FAILED")).hasSize(2).allMatch(l -> l.contains("HTTP 503"));
        assertThat(lines().get(lines().size() - 1)).startsWith("summary: 0 session(s) ok, 2 failed");
    }

    @Test
    void badArguments() {
        assertThat(run("--model", "/no/such/file.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
        assertThat(run("--cwmp-version", "2.0")).isEqualTo(2);
        assertThat(run("--url", "https://127.0.0.1/")).isEqualTo(2);
        assertThat(run("--count", "0")).isEqualTo(2);
    }

    @Test
    void connectionRequestsWhileLingering() throws Exception {
        acs.script(inform -> inform.hasEvent("6 CONNECTION REQUEST")
                ? List.of(new GetParameterValues(List.of("Device.DeviceInfo.UpTime"))) : List.of());
        // the linger must outlast the connection request and its session on a busy 2-core machine
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> run("--url", acs.url().toString(),
                "--connection-requests", "--linger", "10s"));
        String prefix = "connection requests: ";
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> lines().stream().anyMatch(l -> l.startsWith(prefix))
                && lines().stream().anyMatch(l -> l.startsWith("lingering")));
        String url = lines().stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow()
                .substring(prefix.length()).replace(" (one path per CPE)", "");
        assertThat(url).endsWith("/cr/0CD0F8-CP-8851-3PCC-SIM000001");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("SIM000001:".getBytes()))
                .GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(code.get(30, TimeUnit.SECONDS)).as(out.toString()).isZero();
        assertThat(lines()).anyMatch(l -> l.startsWith("SIM000001 connection request session ok events=[6 CONNECTION REQUEST] rpcs=GetParameterValues"));
        assertThat(lines().get(lines().size() - 1)).startsWith("summary: 2 session(s) ok, 0 failed, 1 RPC(s) answered");
    }

    @Test
    void durations() {
        SimulatorCommand.DurationConverter c = new SimulatorCommand.DurationConverter();
        assertThat(c.convert("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.convert("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.convert("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void isASubcommandWithAPublicConstructor() {
        CommandLine top = new CommandLine(new Top()).addSubcommand(new SimulatorCommand());
        assertThat(top.getSubcommands()).containsKey("sim");
        top.setOut(new PrintWriter(out, true));
        assertThat(top.execute("sim", "--help")).isZero();
        assertThat(out.toString()).contains("--reconnect-each-message", "--serial-prefix", "--concurrency");
    }

    @CommandLine.Command(name = "lodestar")
    static final class Top implements Runnable {
        @Override
        public void run() {
        }
    }
}
