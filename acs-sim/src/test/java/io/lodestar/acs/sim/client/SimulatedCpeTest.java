package io.lodestar.acs.sim.client;

import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.Download;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.UnknownMethod;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.sim.Conformance;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatedCpeTest {

    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    private static final String SOFTWARE = "Device.DeviceInfo.SoftwareVersion";

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

    private static SessionReport await(CompletableFuture<SessionReport> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    private static String sessionCookie(String id) {
        return FakeAcs.COOKIE + "=" + id;
    }

    @Test
    void sessionOverOneKeptAliveConnectionWithTheCookie() throws Exception {
        acs.script(new GetParameterValues(List.of(SOFTWARE)),
                new SetParameterValues(List.of(new ParameterValueStruct(INTERVAL, "60", "xsd:unsignedInt")), "key-1"));
        SimulatedCpe cpe = sim.cpe(acs.url(), DataModel.ipPhone("SIM0001"), CpeOptions.defaults());

        SessionReport r = await(cpe.runSession());

        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.failure()).isNull();
        assertThat(r.eventCodes()).containsExactly("0 BOOTSTRAP", "1 BOOT");
        assertThat(r.rpcMethods()).containsExactly("GetParameterValues", "SetParameterValues");
        assertThat(r.connections()).isEqualTo(1);
        assertThat(r.httpStatuses()).containsExactly(200, 200, 200, 204);
        assertThat(r.duration()).isPositive();

        FakeAcs.Session s = acs.sessions().get(0);
        assertThat(s.ended).isTrue();
        // the Inform: CWMP 1.4 (1.2 namespace) with the version list, the phone's DeviceId
        assertThat(s.informEnvelope.version().namespace()).isEqualTo("urn:dslforum-org:cwmp-1-2");
        assertThat(s.informEnvelope.header().supportedCwmpVersions()).isEqualTo("1.0,1.1,1.2,1.3,1.4");
        assertThat(s.informEnvelope.header().id()).isNotBlank();
        assertThat(s.inform.deviceId()).isEqualTo(cpe.deviceId());
        assertThat(s.inform.parameterList()).extracting(ParameterValueStruct::name).contains(SOFTWARE);
        // every later request: same connection, session cookie
        List<FakeAcs.Exchange> ex = acs.exchanges();
        assertThat(ex).extracting(FakeAcs.Exchange::cpeMethod)
                .containsExactly("Inform", "(empty)", "GetParameterValuesResponse", "SetParameterValuesResponse");
        assertThat(ex.get(0).cookie()).isNull();
        assertThat(ex.subList(1, 4)).allSatisfy(e -> {
            assertThat(e.cookie()).isEqualTo(sessionCookie(s.id));
            assertThat(e.clientPort()).isEqualTo(ex.get(0).clientPort());
        });
        // answers echo cwmp:ID, carry the CPE's truth
        assertThat(s.answers).extracting(e -> e.header().id()).containsExactlyElementsOf(s.sentIds);
        GetParameterValuesResponse gpv = (GetParameterValuesResponse) s.answers.get(0).message();
        assertThat(gpv.parameterList()).containsExactly(
                new ParameterValueStruct(SOFTWARE, cpe.model().value(SOFTWARE).orElseThrow(), "xsd:string"));
        assertThat(s.answers.get(1).message()).isEqualTo(new SetParameterValuesResponse(0));
        assertThat(cpe.model().value(INTERVAL)).contains("60");
        assertThat(cpe.model().value("Device.ManagementServer.ParameterKey")).contains("key-1");

        // the next session is periodic, and starts with an empty cookie jar
        SessionReport second = await(cpe.runSession());
        assertThat(second.ok()).as(second.summary()).isTrue();
        assertThat(second.eventCodes()).containsExactly("2 PERIODIC");
        assertThat(acs.exchanges().get(4).cookie()).isNull();
        assertThat(cpe.sessionCount()).isEqualTo(2);
    }

    @Test
    void reconnectEachMessageOpensANewConnectionPerPostAndKeepsTheCookie() throws Exception {
        acs.script(new GetParameterValues(List.of(SOFTWARE)), new GetParameterNames("Device.", true));
        SimulatedCpe cpe = sim.cpe(acs.url(), DataModel.ipPhone("SIM0002"),
                CpeOptions.defaults().withReconnectEachMessage(true));

        SessionReport r = await(cpe.runSession());

        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.connections()).isEqualTo(4);
        List<FakeAcs.Exchange> ex = acs.exchanges();
        assertThat(ex).hasSize(4);
        Set<Integer> ports = new HashSet<>();
        ex.forEach(e -> ports.add(e.clientPort()));
        assertThat(ports).hasSize(4);
        String id = acs.sessions().get(0).id;
        assertThat(ex.subList(1, 4)).allSatisfy(e -> assertThat(e.cookie()).isEqualTo(sessionCookie(id)));
        assertThat(ex).allSatisfy(e -> assertThat(e.connection()).isEqualToIgnoringCase("close"));
        GetParameterNamesResponse gpn = (GetParameterNamesResponse) acs.sessions().get(0).answers.get(1).message();
        assertThat(gpn.parameterList()).contains(new ParameterInfoStruct("Device.DeviceInfo.", false),
                new ParameterInfoStruct("Device.ManagementServer.", false));
    }

    @Test
    void rfc2109StyleCookiesAreSentBack() throws Exception {
        acs.setCookieFormat("$Version=\"1\"; " + FakeAcs.COOKIE + "=\"%s\"; $Path=\"/acs\"");
        acs.script(new GetParameterValues(List.of(SOFTWARE)));
        SimulatedCpe cpe = sim.cpe(acs.url(), DataModel.ipPhone("SIM0003"));
        SessionReport r = await(cpe.runSession());
        assertThat(r.ok()).as(r.summary()).isTrue();
        String id = acs.sessions().get(0).id;
        assertThat(acs.exchanges().get(1).cookie()).isEqualTo(FakeAcs.COOKIE + "=\"" + id + "\"");
    }

    @Test
    void gatewayFromCsvSpeaksCwmp10() throws Exception {
        acs.script(new GetParameterNames("", true), new GetParameterValues(List.of("InternetGatewayDevice.DeviceInfo.")));
        DataModel gw = DataModel.fromCsv(Conformance.gatewayCsv());
        SimulatedCpe cpe = sim.cpe(acs.url(), gw, CpeOptions.defaults());
        SessionReport r = await(cpe.runSession());
        assertThat(r.ok()).as(r.summary()).isTrue();
        FakeAcs.Session s = acs.sessions().get(0);
        assertThat(s.informEnvelope.version()).isEqualTo(CwmpVersion.V1_0);
        assertThat(s.informEnvelope.header().supportedCwmpVersions()).isNull();
        assertThat(s.inform.deviceId().serialNumber()).isEqualTo("8KA8WA1151100043");
        assertThat(((GetParameterNamesResponse) s.answers.get(0).message()).parameterList())
                .containsExactly(new ParameterInfoStruct("InternetGatewayDevice.", false));
        assertThat(((GetParameterValuesResponse) s.answers.get(1).message()).parameterList())
                .anyMatch(p -> p.name().equals("InternetGatewayDevice.DeviceInfo.SoftwareVersion")
                        && p.value().equals("V100R001IRQC56B017"));
    }

    @Test
    void rebootLeadsToABootSession() throws Exception {
        acs.script(inform -> inform.hasEvent(EventStruct.BOOTSTRAP) ? List.of(new Reboot("rb-1")) : List.of());
        SimulatedCpe cpe = sim.cpe(acs.url(), DataModel.ipPhone("SIM0004"));
        assertThat(await(cpe.runSession()).rpcMethods()).containsExactly("Reboot");
        assertThat(cpe.pendingEvents()).containsExactly(EventStruct.of("1 BOOT"), new EventStruct("M Reboot", "rb-1"));
        SessionReport boot = await(cpe.runSession());
        assertThat(boot.ok()).as(boot.summary()).isTrue();
        assertThat(boot.events()).containsExactly(EventStruct.of("1 BOOT"), new EventStruct("M Reboot", "rb-1"));
        assertThat(acs.sessions().get(1).inform.events()).isEqualTo(boot.events());
    }

    @Test
    void downloadIsReportedByTransferCompleteInTheNextSession() throws Exception {
        acs.script(inform -> inform.hasEvent(EventStruct.BOOTSTRAP)
                ? List.of(new Download("dl-9", "3 Vendor Configuration File", "http://127.0.0.1:1/cfg.xml", "", "", 10, "", 0, "", ""))
                : List.of());
        SimulatedCpe cpe = sim.cpe(acs.url(), DataModel.ipPhone("SIM0005"));
        assertThat(await(cpe.runSession()).ok()).isTrue();
        SessionReport next = await(cpe.runSession());
        assertThat(next.ok()).as(next.summary()).isTrue();
        assertThat(next.events()).containsExactly(EventStruct.of("7 TRANSFER COMPLETE"), new EventStruct("M Download", "dl-9"));
        assertThat(next.cpeRequests()).containsExactly("TransferComplete");
        FakeAcs.Session s = acs.sessions().get(1);
        assertThat(s.transfers).singleElement().satisfies(tc -> {
            assertThat(tc.commandKey()).isEqualTo("dl-9");
            // the simulated CPE really fetches the file: nothing listens on port 1
            assertThat(tc.fault().faultCode()).isEqualTo(9015);
        });
        assertThat(acs.exchanges()).extracting(FakeAcs.Exchange::cpeMethod).endsWith("Inform", "TransferComplete", "(empty)");
        assertThat(await(cpe.runSession()).eventCodes()).containsExactly("2 PERIODIC");
    }

    @Test
    void acsUnavailableFailsTheSessionAndKeepsTheEvents() throws Exception {
        acs.refuseInforms(new FakeAcs.Refusal(503, null));
        SimulatedCpe cpe = sim.cpe(acs.url(), DataModel.ipPhone("SIM0006"));
        SessionReport r = await(cpe.runSession());
        assertThat(r.failed()).isTrue();
        assertThat(r.failure()).contains("HTTP 503").contains("Inform");
        assertThat(r.httpStatuses()).containsExactly(503);
        assertThat(r.rpcMethods()).isEmpty();
        acs.refuseInforms(null);
        SessionReport retry = await(cpe.runSession());
        assertThat(retry.ok()).as(retry.summary()).isTrue();
        assertThat(retry.eventCodes()).containsExactly("0 BOOTSTRAP", "1 BOOT");
        assertThat(acs.sessions().get(0).inform.retryCount()).isEqualTo(1);
    }

    @Test
    void retryRequestFaultToTheInform() throws Exception {
        acs.refuseInforms(new FakeAcs.Refusal(500, CwmpFault.acs(CwmpFault.RETRY_REQUEST, "Retry request")));
        SessionReport r = await(sim.cpe(acs.url(), DataModel.ipPhone("SIM0007")).runSession());
        assertThat(r.failed()).isTrue();
        assertThat(r.failure()).contains("HTTP 500").contains("fault 8005");
    }

    @Test
    void acsThatNeverAnswersTimesOut() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SimulatedCpe cpe = sim.cpe(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"),
                    DataModel.ipPhone("SIM0008"), CpeOptions.defaults().withTimeout(Duration.ofMillis(300)));
            SessionReport r = await(cpe.runSession());
            assertThat(r.failed()).isTrue();
            assertThat(r.failure()).contains("no response from the ACS within").contains("Inform");
            assertThat(r.connections()).isEqualTo(1);
        }
        for (Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void refusedConnection() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SessionReport r = await(sim.cpe(URI.create("http://127.0.0.1:" + port + "/"), DataModel.ipPhone("SIM0009")).runSession());
        assertThat(r.failed()).isTrue();
        assertThat(r.failure()).contains("cannot connect");
        assertThat(r.connections()).isZero();
    }

    @Test
    void basicAuthenticationWithTheConfiguredCredentials() throws Exception {
        acs.requireBasic("cpe-user", "cpe-pass");
        acs.script(new GetParameterValues(List.of(SOFTWARE)));
        SimulatedCpe good = sim.cpe(acs.url(), DataModel.ipPhone("SIM0010"),
                CpeOptions.defaults().withCredentials("cpe-user", "cpe-pass"));
        SessionReport r = await(good.runSession());
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.httpStatuses()).containsExactly(401, 200, 200, 204);

        SessionReport bad = await(sim.cpe(acs.url(), DataModel.ipPhone("SIM0011"),
                CpeOptions.defaults().withCredentials("cpe-user", "wrong")).runSession());
        assertThat(bad.failed()).isTrue();
        assertThat(bad.failure()).contains("401").contains("credentials rejected");
    }

    @Test
    void sessionsOfOneCpeRunOneAfterTheOther() throws Exception {
        acs.script(new GetParameterValues(List.of(SOFTWARE)));
        SimulatedCpe cpe = sim.cpe(acs.url(), DataModel.ipPhone("SIM0012"));
        CompletableFuture<SessionReport> a = cpe.runSession();
        CompletableFuture<SessionReport> b = cpe.runSession();
        CompletableFuture<SessionReport> c = cpe.runSession(List.of(EventStruct.of(EventStruct.CONNECTION_REQUEST)));
        assertThat(await(a).eventCodes()).containsExactly("0 BOOTSTRAP", "1 BOOT");
        assertThat(await(b).eventCodes()).containsExactly("2 PERIODIC");
        assertThat(await(c).eventCodes()).containsExactly("6 CONNECTION REQUEST");
        assertThat(acs.sessions()).hasSize(3).allMatch(s -> s.ended);
    }

    @Test
    void fiftyCpesConcurrentlyInOneSimulator() throws Exception {
        acs.script(new GetParameterValues(List.of(SOFTWARE, INTERVAL)),
                new SetParameterValues(List.of(ParameterValueStruct.string("Device.DeviceInfo.ProvisioningCode", "P1")), "k"));
        List<SimulatedCpe> cpes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            cpes.add(sim.cpe(acs.url(), DataModel.ipPhone(String.format("MANY%04d", i)),
                    CpeOptions.defaults().withReconnectEachMessage(i % 2 == 0)));
        }
        List<CompletableFuture<SessionReport>> futures = cpes.stream().map(SimulatedCpe::runSession).toList();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(45, TimeUnit.SECONDS);
        for (int i = 0; i < 50; i++) {
            SessionReport r = futures.get(i).get();
            assertThat(r.ok()).as(r.summary()).isTrue();
            assertThat(r.rpcMethods()).containsExactly("GetParameterValues", "SetParameterValues");
            assertThat(r.connections()).isEqualTo(i % 2 == 0 ? 4 : 1);
            assertThat(cpes.get(i).model().value("Device.DeviceInfo.ProvisioningCode")).contains("P1");
        }
        assertThat(acs.sessions()).hasSize(50).allMatch(s -> s.ended && s.answers.size() == 2);
        Set<String> serials = new HashSet<>();
        acs.sessions().forEach(s -> serials.add(s.inform.deviceId().serialNumber()));
        assertThat(serials).hasSize(50);
        // every message after an Inform carried its own session's cookie
        for (FakeAcs.Exchange e : acs.exchanges()) {
            if (!e.cpeMethod().equals("Inform")) {
                assertThat(e.sessionId()).isNotNull();
                assertThat(e.cookie()).isEqualTo(sessionCookie(e.sessionId()));
            }
        }
    }

    @Test
    void closingTheSimulatorEndsRunningSessions() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CountDownLatch connected = new CountDownLatch(1);
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(silent.accept());
                    connected.countDown();
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SimulatedCpe cpe = sim.cpe(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"),
                    DataModel.ipPhone("SIM0013"), CpeOptions.defaults());
            CompletableFuture<SessionReport> f = cpe.runSession();
            assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
            sim.close();
            SessionReport r = await(f);
            assertThat(r.failed()).isTrue();
            assertThat(r.failure()).isEqualTo("simulator closed");
            assertThat(await(cpe.runSession()).failure()).isEqualTo("simulator closed");
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void unknownMethodsAreAnsweredWithFault9000AndTheSessionGoesOn() throws Exception {
        acs.script(new UnknownMethod("X_ACME_Frobnicate", "urn:dslforum-org:cwmp-1-2"),
                new GetParameterValues(List.of(SOFTWARE)));
        SimulatedCpe cpe = sim.cpe(acs.url(), DataModel.ipPhone("SIM0015"));
        SessionReport r = await(cpe.runSession());
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.rpcMethods()).containsExactly("X_ACME_Frobnicate", "GetParameterValues");
        CwmpEnvelope fault = acs.sessions().get(0).answers.get(0);
        assertThat(fault.message()).isInstanceOfSatisfying(CwmpFault.class, f -> {
            assertThat(f.faultCode()).isEqualTo(9000);
            assertThat(f.soapFaultCode()).isEqualTo("Server");
        });
        assertThat(fault.header().id()).isEqualTo(acs.sessions().get(0).sentIds.get(0));
    }

    @Test
    void anAcsResponseWhereARequestIsExpectedFailsTheSession() throws Exception {
        acs.script(new InformResponse(1));
        SessionReport r = await(sim.cpe(acs.url(), DataModel.ipPhone("SIM0016")).runSession());
        assertThat(r.failed()).isTrue();
        assertThat(r.failure()).contains("unexpected InformResponse");
    }

    @Test
    void answersCarryTheEnvelopeVersionOfTheSession() throws Exception {
        acs.script(new GetParameterValues(List.of(SOFTWARE)));
        SimulatedCpe cpe = sim.cpe(acs.url(), DataModel.ipPhone("SIM0014"), CpeOptions.defaults().withCwmpVersion(CwmpVersion.V1_1));
        assertThat(await(cpe.runSession()).ok()).isTrue();
        CwmpEnvelope answer = acs.sessions().get(0).answers.get(0);
        assertThat(answer.version()).isEqualTo(CwmpVersion.V1_1);
        assertThat(acs.sessions().get(0).informEnvelope.header().supportedCwmpVersions()).isNull();
    }
}
