package io.lodestar.acs.codec;

import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.LodestarServer;
import io.lodestar.acs.server.config.Settings;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.rpc.CpeFaults;
import io.lodestar.acs.sim.rpc.CpeRpcHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message of the conformance corpus is accepted by the side it is meant for: what CPEs send, by the running
 * ACS over HTTP inside a session (an Inform opens one; a request is answered, not refused with 8000; a response or
 * fault is taken); what ACSes send, by the simulated CPE (answered, not refused with 9000).
 */
class ConformanceMessagesAcceptedTest {

    private static final CwmpCodec CPE_CODEC = CwmpCodec.forCpe();
    private static final AtomicInteger SERIALS = new AtomicInteger();
    private static Path data;
    private static LodestarServer acs;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("conformance-accepted");
        acs = LodestarServer.start(AcsConfig.from(Settings.load(null, Map.of(), Map.of("cwmp.bind", "127.0.0.1",
                "cwmp.port", "0", "api.port", "0", "files.port", "0", "store.path", data.toString(),
                "cwmp.auth.mode", "off")))); // authentication has tests of its own: CpeAuthenticationEndToEndTest
    }

    @AfterAll
    static void stop() {
        acs.close();
    }

    static List<Conformance.Entry> fromCpes() {
        return Conformance.index().stream().filter(Conformance.Entry::fromCpe).toList();
    }

    static List<Conformance.Entry> fromAcses() {
        return Conformance.index().stream().filter(e -> !e.fromCpe()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fromCpes")
    void theAcsAcceptsWhatCpesSend(Conformance.Entry entry) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        URI url = URI.create("http://127.0.0.1:" + acs.cwmpPort() + "/");
        byte[] message = Conformance.message(entry.file());

        if (!entry.rpc().equals("Inform")) {
            Inform opening = new Inform(new DeviceIdStruct("Acme", "00D09E", "Corpus",
                    "C" + SERIALS.incrementAndGet()), List.of(EventStruct.of(EventStruct.PERIODIC)), 1,
                    "2026-12-01T10:00:00Z", 0,
                    List.of(ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", "1.0")));
            HttpResponse<byte[]> opened = post(http, url, CPE_CODEC.encode(
                    new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("open"), opening)));
            assertThat(opened.statusCode()).isEqualTo(200);
        }
        HttpResponse<byte[]> answer = post(http, url, message);

        assertThat(answer.statusCode()).as("HTTP status").isIn(200, 204);
        if (answer.body().length > 0) {
            CwmpMessage reply = CwmpCodec.standard().decode(answer.body()).message();
            if (entry.rpc().equals("Inform")) {
                assertThat(reply).isInstanceOf(InformResponse.class);
            } else {
                assertThat(reply).as("the ACS's reply").isNotInstanceOf(CwmpFault.class);
            }
        }
        endSession(http, url);
    }

    /**
     * Ends the session with empty POSTs (the second one cuts short the discovery the first one starts), so the
     * corpus's other messages of the same device open sessions of their own.
     */
    private static void endSession(HttpClient http, URI url) throws Exception {
        for (int i = 0; i < 3; i++) {
            if (post(http, url, new byte[0]).statusCode() != 200) {
                return;
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fromAcses")
    void theSimulatedCpeAnswersWhatAcsesSend(Conformance.Entry entry) throws Exception {
        CwmpMessage message = CPE_CODEC.decode(Conformance.message(entry.file())).message();
        if (!(message instanceof CwmpMessage.AcsRequest request)) {
            return; // a response to a CPE's request (InformResponse, ...): nothing for a CPE to answer
        }
        CpeRpcHandler cpe = new CpeRpcHandler(DataModel.ipPhone("CORPUS0001"));
        CwmpMessage answer = cpe.handle(request);
        if (answer instanceof CwmpFault fault) {
            // a request naming parameters the phone does not have is answered with a fault about them, never 9000
            assertThat(fault.faultCode()).as(fault.faultString()).isNotEqualTo(CpeFaults.METHOD_NOT_SUPPORTED);
        }
    }

    private static HttpResponse<byte[]> post(HttpClient http, URI url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
