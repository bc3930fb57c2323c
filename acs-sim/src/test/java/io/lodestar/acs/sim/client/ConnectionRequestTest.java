package io.lodestar.acs.sim.client;

import io.lodestar.acs.httpauth.HttpAuthClient;

import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionRequestTest {

    private static final String CR_USER = "Device.ManagementServer.ConnectionRequestUsername";
    private static final String CR_PASS = "Device.ManagementServer.ConnectionRequestPassword";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private FakeAcs acs;
    private Simulator sim;

    @BeforeEach
    void setUp() throws IOException {
        acs = new FakeAcs();
        sim = new Simulator(2);
    }

    @AfterEach
    void tearDown() {
        sim.close();
        acs.close();
    }

    private HttpResponse<Void> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding());
    }

    /** What an ACS does: GET, take the Digest challenge, GET again with the answer. */
    private int connectionRequest(String url, String user, String password) throws Exception {
        HttpResponse<Void> challenge = get(url, null);
        if (challenge.statusCode() != 401) {
            return challenge.statusCode();
        }
        HttpAuthClient auth = HttpAuthClient.fromChallenges(challenge.headers().allValues("WWW-Authenticate"), user, password);
        assertThat(auth).isNotNull();
        return get(url, auth.header("GET", URI.create(url).getRawPath())).statusCode();
    }

    @Test
    void anAuthenticatedConnectionRequestStartsASession() throws Exception {
        acs.script(inform -> inform.hasEvent("6 CONNECTION REQUEST")
                ? List.of(new SetParameterValues(List.of(ParameterValueStruct.string("Device.DeviceInfo.ProvisioningCode", "CR")), "cr-1"))
                : List.of());
        DataModel phone = DataModel.ipPhone("CRPHONE1");
        phone.set(CR_PASS, "cr-secret");
        SimulatedCpe cpe = sim.cpe(acs.url(), phone, CpeOptions.defaults().withConnectionRequests(true));
        String url = cpe.connectionRequestUrl();
        assertThat(url).startsWith("http://127.0.0.1:").endsWith("/cr/0CD0F8-CP-8851-3PCC-CRPHONE1");

        SessionReport boot = cpe.runSession().get(30, TimeUnit.SECONDS);
        assertThat(boot.ok()).as(boot.summary()).isTrue();
        // the ACS learns the listener's URL from the Inform
        assertThat(acs.sessions().get(0).inform.parameterList()).contains(
                ParameterValueStruct.string("Device.ManagementServer.ConnectionRequestURL", url));

        CompletableFuture<SessionReport> next = cpe.nextConnectionRequestSession();
        assertThat(connectionRequest(url, "CRPHONE1", "cr-secret")).isEqualTo(200);
        SessionReport r = next.get(30, TimeUnit.SECONDS);
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.eventCodes()).containsExactly("6 CONNECTION REQUEST");
        assertThat(r.rpcMethods()).containsExactly("SetParameterValues");
        assertThat(cpe.model().value("Device.DeviceInfo.ProvisioningCode")).contains("CR");
        assertThat(cpe.connectionRequestCount()).isEqualTo(1);
    }

    @Test
    void pendingEventsGoAlongAndBasicIsAccepted() throws Exception {
        SimulatedCpe cpe = sim.cpe(acs.url(), DataModel.ipPhone("CRPHONE2"), CpeOptions.defaults().withConnectionRequests(true));
        CompletableFuture<SessionReport> next = cpe.nextConnectionRequestSession();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("CRPHONE2:".getBytes());
        assertThat(get(cpe.connectionRequestUrl(), basic).statusCode()).isEqualTo(200);
        assertThat(next.get(30, TimeUnit.SECONDS).eventCodes()).containsExactly("0 BOOTSTRAP", "1 BOOT", "6 CONNECTION REQUEST");
    }

    @Test
    void refusals() throws Exception {
        DataModel phone = DataModel.ipPhone("CRPHONE3");
        phone.set(CR_PASS, "right");
        SimulatedCpe cpe = sim.cpe(acs.url(), phone, CpeOptions.defaults().withConnectionRequests(true));
        String url = cpe.connectionRequestUrl();
        HttpResponse<Void> challenge = get(url, null);
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).startsWith("Digest ").contains("qop=\"auth\"", "nonce=\""));
        assertThat(connectionRequest(url, "CRPHONE3", "wrong")).isEqualTo(401);
        assertThat(connectionRequest(url, "someone", "right")).isEqualTo(401);
        assertThat(get(url.replace("CRPHONE3", "NOSUCH"), null).statusCode()).isEqualTo(404);
        HttpResponse<Void> post = http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(cpe.connectionRequestCount()).isZero();
        assertThat(acs.sessions()).isEmpty();
    }

    @Test
    void busyWhileInASession() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            DataModel phone = DataModel.ipPhone("CRPHONE4");
            phone.set(CR_USER, "");
            SimulatedCpe cpe = sim.cpe(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), phone,
                    CpeOptions.defaults().withConnectionRequests(true).withTimeout(Duration.ofMillis(500)));
            CompletableFuture<SessionReport> running = cpe.runSession();
            assertThat(get(cpe.connectionRequestUrl(), null).statusCode()).isEqualTo(503);
            assertThat(running.get(30, TimeUnit.SECONDS).failed()).isTrue();
            CompletableFuture<SessionReport> next = cpe.nextConnectionRequestSession();
            assertThat(get(cpe.connectionRequestUrl(), null).statusCode()).isEqualTo(200);
            SessionReport r = next.get(30, TimeUnit.SECONDS);
            assertThat(r.eventCodes()).contains("6 CONNECTION REQUEST");
            assertThat(cpe.connectionRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void withoutTheOptionThereIsNoListener() {
        SimulatedCpe cpe = sim.cpe(acs.url(), DataModel.ipPhone("CRPHONE5"));
        assertThat(cpe.connectionRequestUrl()).isNull();
    }

    @Test
    void manyCpesShareOneListener() throws Exception {
        acs.script(new GetParameterValues(List.of("Device.DeviceInfo.SoftwareVersion")));
        List<SimulatedCpe> cpes = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            DataModel phone = DataModel.ipPhone("CRMANY" + i);
            phone.set(CR_USER, "");
            cpes.add(sim.cpe(acs.url(), phone, CpeOptions.defaults().withConnectionRequests(true)));
        }
        assertThat(cpes).extracting(c -> URI.create(c.connectionRequestUrl()).getPort()).containsOnly(
                URI.create(cpes.get(0).connectionRequestUrl()).getPort());
        List<CompletableFuture<SessionReport>> reports = new java.util.ArrayList<>();
        for (SimulatedCpe c : cpes) {
            reports.add(c.nextConnectionRequestSession());
            assertThat(get(c.connectionRequestUrl(), null).statusCode()).isEqualTo(200);
        }
        for (CompletableFuture<SessionReport> f : reports) {
            SessionReport r = f.get(30, TimeUnit.SECONDS);
            assertThat(r.ok()).as(r.summary()).isTrue();
            assertThat(r.rpcMethods()).containsExactly("GetParameterValues");
        }
    }
}
