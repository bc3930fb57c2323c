package io.lodestar.acs.server;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.operation.OperationStatus;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.AcsGetRPCMethodsResponse;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.CpeGetRPCMethods;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.ParameterAttributeStruct;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.session.CwmpSession;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.rpc.CpeRpcHandler;
import io.lodestar.acs.store.AcsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GetRPCMethods, the attribute RPCs, ScheduleInform, the events they bring and faults that never stall a device,
 * against simulated CPEs over real HTTP (docs/cwmp-support.md points here).
 */
class CwmpRpcsEndToEndTest {

    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    private static final String IGD = "InternetGatewayDevice.";
    private static final String WLAN = IGD + "LANDevice.1.WLANConfiguration.";
    private static final String STATIC_ADDRESSES = IGD + "LANDevice.1.LANHostConfigManagement.DHCPStaticAddress.";

    @TempDir
    Path data;

    private static Task queue(AcsStore store, DeviceId id, TaskAction action) {
        return store.addTask(Task.queue(id, action, Instant.now(), Duration.ofHours(1)));
    }

    private static Task stored(AcsStore store, Task task) {
        return store.findTask(task.id()).orElseThrow();
    }

    @Test
    void getRPCMethodsStoresWhatTheDeviceSupports() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("RPCS000001");
            AcsHarness.ok(phone);
            Task methods = queue(acs.store(), AcsHarness.idOf(phone), new TaskAction.GetRPCMethods());

            assertThat(AcsHarness.ok(phone).rpcMethods()).containsExactly("GetRPCMethods");

            Task done = stored(acs.store(), methods);
            assertThat(done.status()).isEqualTo(TaskStatus.DONE);
            assertThat(done.result()).isEqualTo(new TaskResult.Methods(CpeRpcHandler.SUPPORTED_METHODS));
        }
    }

    @Test
    void attributesAreSetAndReadBackAndAnActiveNotificationBringsAValueChangeSession() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("RPCS000002");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            Task set = queue(acs.store(), id, new TaskAction.SetParameterAttributes(List.of(
                    new SetParameterAttributesStruct(INTERVAL, true, 2, true, List.of("Subscriber")))));
            Task get = queue(acs.store(), id, new TaskAction.GetParameterAttributes(List.of(INTERVAL)));

            assertThat(AcsHarness.ok(phone).rpcMethods()).containsExactly("SetParameterAttributes",
                    "GetParameterAttributes");

            assertThat(stored(acs.store(), set).status()).isEqualTo(TaskStatus.DONE);
            assertThat(stored(acs.store(), get).result()).isEqualTo(new TaskResult.Attributes(List.of(
                    new ParameterAttributeStruct(INTERVAL, 2, List.of("Subscriber")))));

            // the user changes it at the keypad: active notification, so the phone informs at once
            SessionReport valueChange = phone.changeLocally(INTERVAL, "1800").get(60, TimeUnit.SECONDS);
            assertThat(valueChange.ok()).isTrue();
            assertThat(valueChange.eventCodes()).contains("4 VALUE CHANGE");
            assertThat(acs.store().parameters(id, INTERVAL)).extracting(Parameter::value).containsExactly("1800");
        }
    }

    @Test
    void aRejectedNotificationFailsTheTaskAtOnceWithItsFaultAndTheNextTaskRuns() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("RPCS000003");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            // active notification of a counter that changes all the time: TR-069 lets the CPE refuse it (9009)
            Task refused = queue(acs.store(), id, new TaskAction.SetParameterAttributes(List.of(
                    new SetParameterAttributesStruct("Device.DeviceInfo.UpTime", true, 2, false, List.of()))));
            Task next = queue(acs.store(), id, new TaskAction.GetRPCMethods());

            assertThat(AcsHarness.ok(phone).rpcMethods()).containsExactly("SetParameterAttributes", "GetRPCMethods");

            Task failed = stored(acs.store(), refused);
            assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastFault().code()).isEqualTo(9009);
            assertThat(stored(acs.store(), next).status()).isEqualTo(TaskStatus.DONE);
            assertThat(acs.store().faults(id, 10)).extracting(f -> f.code()).contains(9009);
        }
    }

    @Test
    void aScheduleInformBringsAScheduledSessionAfterItsDelayThatEndsItsOperation() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("RPCS000004");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            Task schedule = queue(acs.store(), id, new TaskAction.ScheduleInform(1, "si-1"));
            var scheduled = phone.nextScheduledSession();

            assertThat(AcsHarness.ok(phone).rpcMethods()).containsExactly("ScheduleInform");
            assertThat(stored(acs.store(), schedule).status()).isEqualTo(TaskStatus.DONE);
            assertThat(acs.store().operations(id)).singleElement().satisfies(op -> {
                assertThat(op.kind()).isEqualTo(OperationKind.SCHEDULED_INFORM);
                assertThat(op.status()).isEqualTo(OperationStatus.IN_PROGRESS);
            });

            SessionReport report = scheduled.get(30, TimeUnit.SECONDS);
            assertThat(report.ok()).isTrue();
            assertThat(report.eventCodes()).containsExactly("3 SCHEDULED", "M ScheduleInform");
            Operation ended = acs.store().operations(id).get(0);
            assertThat(ended.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(ended.commandKey()).isEqualTo("si-1");
        }
    }

    /**
     * The gateway's WLANConfiguration table is fixed (read-only in its data model), so an AddObject there faults
     * 9001: the task fails at once and the reboot queued after it runs in the same session; a task declared to
     * wait for the AddObject fails with it without being sent. An AddObject on a table the gateway lets grow
     * (its static DHCP addresses) succeeds, and a value set on the new instance after it runs once it is done.
     */
    @Test
    void anAddObjectTheGatewayRefusesHoldsBackOnlyWhatWaitsForIt() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe gateway = acs.gateway();
            AcsHarness.ok(gateway);
            DeviceId id = AcsHarness.idOf(gateway);
            AcsStore store = acs.store();
            Task refused = queue(store, id, new TaskAction.AddObject(WLAN, ""));
            Task waiting = store.addTask(Task.queue(id, new TaskAction.GetParameterValues(List.of(WLAN)),
                    Instant.now(), Duration.ofHours(1)).after(refused.id()));
            Task added = queue(store, id, new TaskAction.AddObject(STATIC_ADDRESSES, "add-1"));
            Task reboot = queue(store, id, new TaskAction.Reboot("after-add"));

            SessionReport report = AcsHarness.ok(gateway);

            assertThat(report.rpcMethods()).containsSubsequence("AddObject", "AddObject", "Reboot");
            Task failed = stored(store, refused);
            assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastFault().code()).isEqualTo(9001);
            Task dependant = stored(store, waiting);
            assertThat(dependant.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(dependant.lastFault().code()).isEqualTo(TaskFault.PREREQUISITE_FAILED);
            assertThat(stored(store, added).status()).isEqualTo(TaskStatus.DONE);
            assertThat(stored(store, reboot).status()).isEqualTo(TaskStatus.DONE);
            long instance = ((TaskResult.ObjectAdded) stored(store, added).result()).instanceNumber();
            assertThat(gateway.model().contains(STATIC_ADDRESSES + instance + ".")).isTrue();
            assertThat(AcsHarness.ok(gateway).eventCodes()).contains("1 BOOT", "M Reboot");
        }
    }

    @Test
    void aTransientFaultIsRetriedWhileUnrelatedTasksRun() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("RPCS000005");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            // the task's answer never comes (the CPE ends the session instead): a transient failure
            Task waitingForBackOff = store(acs).addTask(new Task(io.lodestar.acs.core.task.TaskId.create(Instant.now()),
                    id, new TaskAction.GetRPCMethods(), TaskStatus.PENDING, Instant.now(),
                    Instant.now().plus(Duration.ofHours(1)), 1, Instant.now().plus(Duration.ofMinutes(10)),
                    new TaskFault(TaskFault.SESSION_ENDED, "cut short", Instant.now()), null, null));
            Task dependant = acs.store().addTask(Task.queue(id, new TaskAction.Reboot("dep"), Instant.now(),
                    Duration.ofHours(1)).after(waitingForBackOff.id()));
            Task unrelated = queue(acs.store(), id, new TaskAction.GetParameterValues(List.of(INTERVAL)));

            assertThat(AcsHarness.ok(phone).rpcMethods()).containsExactly("GetParameterValues");

            assertThat(stored(acs.store(), waitingForBackOff).status()).isEqualTo(TaskStatus.PENDING);
            assertThat(stored(acs.store(), dependant).status()).isEqualTo(TaskStatus.PENDING);
            assertThat(stored(acs.store(), unrelated).status()).isEqualTo(TaskStatus.DONE);
        }
    }

    private static AcsStore store(AcsHarness acs) {
        return acs.store();
    }

    @Test
    void aCpesGetRPCMethodsIsAnsweredAndAnUnknownRequestGets8000() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            Exchange cpe = new Exchange(acs.url());
            assertThat(cpe.send("1", RawCpe.inform("RAWRPC0001", "1 BOOT"))).isInstanceOf(InformResponse.class);

            assertThat(cpe.send("2", new CpeGetRPCMethods()))
                    .isEqualTo(new AcsGetRPCMethodsResponse(CwmpSession.ACS_METHODS));
            CwmpMessage unknown = cpe.sendRaw("3", "<cwmp:X_0000FF_Hello><Greeting>hi</Greeting></cwmp:X_0000FF_Hello>");
            assertThat(unknown).isInstanceOfSatisfying(CwmpFault.class,
                    f -> assertThat(f.faultCode()).isEqualTo(CwmpFault.METHOD_NOT_SUPPORTED));
        }
    }

    @Test
    void anAnswerCarryingAnotherRequestsIdIsNotTakenForTheAnswer() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            Exchange cpe = new Exchange(acs.url());
            cpe.send("1", RawCpe.inform("RAWRPC0002", "0 BOOTSTRAP"));
            CwmpEnvelope walk = cpe.sendEnvelope(null);
            assertThat(walk.message()).isInstanceOf(GetParameterNames.class);

            cpe.sendEnvelope(new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId(walk.header().id() + "x"),
                    new GetParameterNamesResponse(List.of(new ParameterInfoStruct("Device.Wrong.", false)))));

            DeviceId id = new DeviceId("00D09E-Box-RAWRPC0002");
            assertThat(acs.store().parameters(id, "Device.Wrong.")).isEmpty();
            assertThat(acs.store().faults(id, 10)).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo(CwmpFault.INVALID_ARGUMENTS);
                assertThat(f.message()).contains("cwmp:ID");
            });
        }
    }

    @Test
    void aMandatoryHeaderTheAcsDoesNotUnderstandIsAnsweredWithTheSoapMustUnderstandFault() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            Exchange cpe = new Exchange(acs.url());
            String body = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                    + " xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"><soapenv:Header>"
                    + "<cwmp:ID soapenv:mustUnderstand=\"1\">m1</cwmp:ID>"
                    + "<v:Billing xmlns:v=\"urn:example:vendor\" soapenv:mustUnderstand=\"1\">x</v:Billing>"
                    + "</soapenv:Header><soapenv:Body><cwmp:GetRPCMethods/></soapenv:Body></soapenv:Envelope>";

            HttpResponse<byte[]> response = cpe.post(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertThat(response.statusCode()).isEqualTo(500);
            String xml = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(xml).startsWith("<soapenv:Envelope").contains("<faultcode>soapenv:MustUnderstand</faultcode>")
                    .contains("{urn:example:vendor}Billing");
        }
    }

    /** A CPE that speaks raw CWMP, with the cwmp:ID it chooses and the session cookie of the ACS. */
    private static final class Exchange {
        private static final CwmpCodec CODEC = CwmpCodec.forCpe();
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new java.net.CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        private final URI url;

        Exchange(URI url) {
            this.url = url;
        }

        CwmpMessage send(String id, CwmpMessage message) throws Exception {
            return sendEnvelope(new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId(id), message)).message();
        }

        CwmpMessage sendRaw(String id, String bodyElement) throws Exception {
            String xml = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                    + " xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"><soapenv:Header><cwmp:ID soapenv:mustUnderstand=\"1\">"
                    + id + "</cwmp:ID></soapenv:Header><soapenv:Body>" + bodyElement + "</soapenv:Body>"
                    + "</soapenv:Envelope>";
            return CODEC.decode(post(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).body()).message();
        }

        /** Null for an empty POST; the ACS's envelope, or null when it answered without a body. */
        CwmpEnvelope sendEnvelope(CwmpEnvelope envelope) throws Exception {
            HttpResponse<byte[]> response = post(envelope == null ? new byte[0] : CODEC.encode(envelope));
            return response.body().length == 0 ? null : CODEC.decode(response.body());
        }

        HttpResponse<byte[]> post(byte[] body) throws Exception {
            return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
