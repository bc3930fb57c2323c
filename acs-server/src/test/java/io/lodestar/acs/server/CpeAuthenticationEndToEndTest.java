package io.lodestar.acs.server;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.httpauth.HttpAuthClient;
import io.lodestar.acs.sim.SimulatorCommand;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CPE authentication with the default settings, over real HTTP: a fresh ACS generates the fleet's credentials into
 * its data directory; a simulated CPE without credentials or with wrong ones is refused and nothing of it is stored;
 * with the right ones it is served (Digest SHA-256 by the simulator, Digest MD5 by a hand-driven CPE), and
 * {@code lodestar sim} finds them in the file by itself; credentials an operator sets through the API take effect.
 */
class CpeAuthenticationEndToEndTest {

    @TempDir
    Path data;

    private AcsHarness acs;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws InterruptedException {
        acs = new AcsHarness(data, Map.of("cwmp.auth.mode", "on")); // the default, as the README's quickstart runs
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    private Properties generated() throws Exception {
        Path file = data.resolve("cpe-credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    private SessionReport session(SimulatedCpe cpe) throws Exception {
        return cpe.runSession().get(60, TimeUnit.SECONDS);
    }

    @Test
    void aCpeWithoutCredentialsIsRefusedAndNothingOfItIsStored() throws Exception {
        SimulatedCpe phone = acs.cpe(DataModel.ipPhone("NOAUTH01"), CpeOptions.defaults());

        SessionReport report = session(phone);

        assertThat(report.ok()).isFalse();
        assertThat(report.httpStatuses()).containsOnly(401);
        assertThat(report.failure()).contains("401");
        assertThat(acs.store().findDevice(AcsHarness.idOf(phone))).isEmpty();
        assertThat(acs.server().cwmp().sessionsInProgress()).isZero();
    }

    @Test
    void aCpeWithWrongCredentialsIsRefusedAndNothingOfItIsStored() throws Exception {
        Properties right = generated();
        SimulatedCpe wrongPassword = acs.cpe(DataModel.ipPhone("WRONG001"),
                CpeOptions.defaults().withCredentials(right.getProperty("username"), "not-the-password"));
        SimulatedCpe wrongUser = acs.cpe(DataModel.ipPhone("WRONG002"),
                CpeOptions.defaults().withCredentials("admin", right.getProperty("password")));

        for (SimulatedCpe cpe : List.of(wrongPassword, wrongUser)) {
            SessionReport report = session(cpe);
            assertThat(report.ok()).as("%s", cpe).isFalse();
            assertThat(report.httpStatuses()).as("challenged, answered, refused").containsExactly(401, 401);
            assertThat(report.failure()).contains("credentials rejected");
            assertThat(acs.store().findDevice(AcsHarness.idOf(cpe))).isEmpty();
        }
    }

    @Test
    void aCpeWithTheGeneratedCredentialsIsServedWithDigestSha256() throws Exception {
        Properties p = generated();
        assertThat(p.getProperty("username")).isEqualTo("lodestar-cpe");
        SimulatedCpe phone = acs.cpe(DataModel.ipPhone("AUTH0001"),
                CpeOptions.defaults().withCredentials(p.getProperty("username"), p.getProperty("password")));

        SessionReport report = AcsHarness.ok(phone);

        assertThat(report.httpStatuses().get(0)).isEqualTo(401);
        assertThat(report.httpStatuses().get(1)).isEqualTo(200);
        acs.assertStoredEqualsCpe(phone, "Device.");
    }

    @Test
    void aCpeAnsweringTheMd5ChallengeIsServed() throws Exception {
        Properties p = generated();
        CwmpCodec codec = CwmpCodec.forCpe();
        byte[] inform = codec.encode(new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("1"),
                RawCpe.inform("MD5CPE01", EventStruct.BOOT)));
        HttpResponse<byte[]> challenge = post(inform, null);
        assertThat(challenge.statusCode()).isEqualTo(401);
        List<String> challenges = challenge.headers().allValues("WWW-Authenticate");
        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0)).contains("algorithm=SHA-256");
        String md5 = challenges.stream().filter(c -> c.contains("algorithm=MD5")).findFirst().orElseThrow();

        HttpAuthClient client = HttpAuthClient.fromChallenges(List.of(md5), p.getProperty("username"),
                p.getProperty("password"));
        HttpResponse<byte[]> served = post(inform, client.header("POST", "/"));

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(codec.decode(served.body()).message()).isInstanceOf(InformResponse.class);
        assertThat(acs.server().cwmp().sessionsInProgress()).isEqualTo(1);
    }

    @Test
    void lodestarSimFindsTheGeneratedCredentialsByItself() {
        StringWriter out = new StringWriter();
        CommandLine sim = new CommandLine(new SimulatorCommand());
        sim.setOut(new PrintWriter(out));
        sim.setErr(new PrintWriter(out));

        int exit = sim.execute("--url", acs.url().toString(), "--count", "2", "--serial-prefix", "SIMAUTH",
                "--credentials-file", data.resolve("cpe-credentials").toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("credentials: user lodestar-cpe").contains("2 session(s) ok, 0 failed");
    }

    @Test
    void credentialsSetThroughTheApiTakeEffect() throws Exception {
        String token = Files.readString(data.resolve("admin-token")).trim();
        SimulatedCpe phone = acs.cpe(DataModel.ipPhone("OWN00001"),
                CpeOptions.defaults().withCredentials("own-user", "own-password"));
        DeviceId id = AcsHarness.idOf(phone);
        assertThat(session(phone).ok()).as("before the operator sets them").isFalse();

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + acs.server().apiPort() + "/api/v1/devices/"
                        // the id in its natural form, '%2D' and all, percent-encoded as any path segment
                        + java.net.URLEncoder.encode(id.value(), java.nio.charset.StandardCharsets.UTF_8)
                        + "/cpe-credentials"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"username\":\"own-user\",\"password\":\"own-password\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).doesNotContain("own-password");

        AcsHarness.ok(phone);
        assertThat(acs.store().findDevice(id)).isPresent();
    }

    @Test
    void theFleetCredentialsAreGeneratedOnceAndKeptAcrossRestarts() throws Exception {
        String first = Files.readString(data.resolve("cpe-credentials"));
        acs.restart();
        assertThat(Files.readString(data.resolve("cpe-credentials"))).isEqualTo(first);
    }

    private HttpResponse<byte[]> post(byte[] body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(acs.url()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=utf-8").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
