package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.rpc.AddObject;
import io.lodestar.acs.core.rpc.CancelTransfer;
import io.lodestar.acs.core.rpc.CancelTransferResponse;
import io.lodestar.acs.core.rpc.ChangeDUState;
import io.lodestar.acs.core.rpc.ChangeDUStateResponse;
import io.lodestar.acs.core.rpc.DeploymentUnitOperation;
import io.lodestar.acs.core.rpc.Download;
import io.lodestar.acs.core.rpc.DownloadResponse;
import io.lodestar.acs.core.rpc.GetAllQueuedTransfers;
import io.lodestar.acs.core.rpc.GetAllQueuedTransfersResponse;
import io.lodestar.acs.core.rpc.GetQueuedTransfers;
import io.lodestar.acs.core.rpc.GetQueuedTransfersResponse;
import io.lodestar.acs.core.rpc.QueuedTransferStruct;
import io.lodestar.acs.core.rpc.ScheduleDownload;
import io.lodestar.acs.core.rpc.ScheduleDownloadResponse;
import io.lodestar.acs.core.rpc.TimeWindowStruct;
import io.lodestar.acs.core.rpc.TransferStateStruct;
import io.lodestar.acs.core.rpc.Upload;
import io.lodestar.acs.core.rpc.UploadResponse;
import io.lodestar.acs.core.rpc.AddObjectResponse;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.DeleteObject;
import io.lodestar.acs.core.rpc.DeleteObjectResponse;
import io.lodestar.acs.core.rpc.FactoryReset;
import io.lodestar.acs.core.rpc.FactoryResetResponse;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.GetParameterAttributes;
import io.lodestar.acs.core.rpc.GetParameterAttributesResponse;
import io.lodestar.acs.core.rpc.GetRPCMethods;
import io.lodestar.acs.core.rpc.GetRPCMethodsResponse;
import io.lodestar.acs.core.rpc.ParameterAttributeStruct;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ScheduleInform;
import io.lodestar.acs.core.rpc.ScheduleInformResponse;
import io.lodestar.acs.core.rpc.SetParameterAttributes;
import io.lodestar.acs.core.rpc.SetParameterAttributesResponse;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.RebootResponse;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.lodestar.acs.core.session.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each action's handler: its request, the reading of its answer, what it teaches, the operation it starts. The
 * cases below cover every permitted {@link TaskAction}: an action added without a case here fails
 * {@link #everyActionHasACaseHere}.
 */
class TaskHandlersTest {

    private static final ParameterValueStruct V = ParameterValueStruct.string("Device.X", "1");
    private static final ParameterInfoStruct INFO = new ParameterInfoStruct("Device.X", true);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final ParameterAttributeStruct ATTRIBUTE =
            new ParameterAttributeStruct("Device.X", 2, List.of("Subscriber"));
    private static final SetParameterAttributesStruct ACTIVE =
            new SetParameterAttributesStruct("Device.X", true, 2, false, List.of());

    /** A one-RPC action, the request it sends, an answer that completes it and the result read from that. */
    private record RpcCase(TaskAction action, CwmpMessage.AcsRequest request, CwmpMessage answer, TaskResult result) {}

    private static final List<RpcCase> ONE_RPC = List.of(
            new RpcCase(new TaskAction.GetParameterValues(List.of("Device.A", "Device.B.")),
                    new GetParameterValues(List.of("Device.A", "Device.B.")),
                    new GetParameterValuesResponse(List.of(V)), new TaskResult.Values(List.of(V))),
            new RpcCase(new TaskAction.SetParameterValues(List.of(V), "pk"), new SetParameterValues(List.of(V), "pk"),
                    new SetParameterValuesResponse(1), new TaskResult.Status(1, 0)),
            new RpcCase(new TaskAction.GetParameterNames("Device.", true), new GetParameterNames("Device.", true),
                    new GetParameterNamesResponse(List.of(INFO)), new TaskResult.Names(List.of(INFO))),
            new RpcCase(new TaskAction.AddObject("Device.T.", "pk"), new AddObject("Device.T.", "pk"),
                    new AddObjectResponse(7, 1), new TaskResult.ObjectAdded(7, 1)),
            new RpcCase(new TaskAction.DeleteObject("Device.T.2.", null), new DeleteObject("Device.T.2.", ""),
                    new DeleteObjectResponse(0), new TaskResult.Status(0, 0)),
            new RpcCase(new TaskAction.Reboot("ck"), new Reboot("ck"), new RebootResponse(),
                    new TaskResult.Status(0, 0)),
            new RpcCase(new TaskAction.FactoryReset(), new FactoryReset(), new FactoryResetResponse(),
                    new TaskResult.Status(0, 0)),
            new RpcCase(new TaskAction.GetRPCMethods(), new GetRPCMethods(),
                    new GetRPCMethodsResponse(List.of("GetRPCMethods", "Reboot")),
                    new TaskResult.Methods(List.of("GetRPCMethods", "Reboot"))),
            new RpcCase(new TaskAction.GetParameterAttributes(List.of("Device.X", "Device.B.")),
                    new GetParameterAttributes(List.of("Device.X", "Device.B.")),
                    new GetParameterAttributesResponse(List.of(ATTRIBUTE)),
                    new TaskResult.Attributes(List.of(ATTRIBUTE))),
            new RpcCase(new TaskAction.SetParameterAttributes(List.of(ACTIVE)),
                    new SetParameterAttributes(List.of(ACTIVE)), new SetParameterAttributesResponse(),
                    new TaskResult.Status(0, 1)),
            new RpcCase(new TaskAction.ScheduleInform(30, "ck-s"), new ScheduleInform(30, "ck-s"),
                    new ScheduleInformResponse(), new TaskResult.Status(0, 0)),
            new RpcCase(TransferCases.FIRMWARE, new Download("fw", TaskAction.FIRMWARE_IMAGE, "http://f/i.bin", "u", "p",
                    1024, "i.bin", 5, "", ""), new DownloadResponse(1, "", ""),
                    new TaskResult.Transfer(1, "", "")),
            new RpcCase(new TaskAction.Upload("1 Vendor Configuration File", "http://f/up", "", "", 0, "up"),
                    new Upload("up", "1 Vendor Configuration File", "http://f/up", "", "", 0),
                    new UploadResponse(0, "2024-05-01T03:00:00Z", "2024-05-01T03:00:02Z"),
                    new TaskResult.Transfer(0, "2024-05-01T03:00:00Z", "2024-05-01T03:00:02Z")),
            new RpcCase(new TaskAction.ScheduleDownload("3 Vendor Configuration File", "http://f/c", "", "", 10, "",
                    List.of(TransferCases.WINDOW), "sd"), new ScheduleDownload("sd", "3 Vendor Configuration File",
                    "http://f/c", "", "", 10, "", List.of(TransferCases.WINDOW)), new ScheduleDownloadResponse(),
                    new TaskResult.Status(0, 0)),
            new RpcCase(new TaskAction.CancelTransfer("fw"), new CancelTransfer("fw"), new CancelTransferResponse(),
                    new TaskResult.Status(0, 0)),
            new RpcCase(new TaskAction.GetQueuedTransfers(), new GetQueuedTransfers(),
                    new GetQueuedTransfersResponse(List.of(new TransferStateStruct("fw", 2))),
                    new TaskResult.QueuedTransfers(List.of(new QueuedTransferStruct("fw", 2, true, "", 0, "")))),
            new RpcCase(new TaskAction.GetAllQueuedTransfers(), new GetAllQueuedTransfers(),
                    new GetAllQueuedTransfersResponse(List.of(TransferCases.QUEUED)),
                    new TaskResult.QueuedTransfers(List.of(TransferCases.QUEUED))),
            new RpcCase(new TaskAction.ChangeDUState(List.of(TransferCases.INSTALL), "du"),
                    new ChangeDUState(List.of(TransferCases.INSTALL), "du"), new ChangeDUStateResponse(),
                    new TaskResult.Status(0, 0)));

    /** Values the transfer cases share. */
    private static final class TransferCases {
        static final TaskAction.Download FIRMWARE = new TaskAction.Download(TaskAction.FIRMWARE_IMAGE, "http://f/i.bin",
                "u", "p", 1024, "i.bin", 5, null, null, "fw", "2.0");
        static final TimeWindowStruct WINDOW = new TimeWindowStruct(0, 600, TimeWindowStruct.AT_ANY_TIME, "", -1);
        static final QueuedTransferStruct QUEUED = new QueuedTransferStruct("fw", 1, true, TaskAction.FIRMWARE_IMAGE,
                1024, "i.bin");
        static final DeploymentUnitOperation INSTALL = new DeploymentUnitOperation.Install("http://f/a.ipk", "", "",
                "", "");
    }

    private static final List<TaskAction> WALKS = List.of(new TaskAction.Refresh("Device.WiFi."));

    @Test
    void everyActionHasACaseHere() {
        assertThat(Stream.concat(ONE_RPC.stream().map(RpcCase::action), WALKS.stream()).map(Object::getClass))
                .containsExactlyInAnyOrder(TaskAction.class.getPermittedSubclasses());
    }

    @Test
    void everyActionIsHandledByAHandlerOfItsOwn() {
        Stream.concat(ONE_RPC.stream().map(RpcCase::action), WALKS.stream())
                .forEach(a -> assertThat(TaskHandlers.of(a).action()).isSameAs(a));
        assertThat(ONE_RPC).allSatisfy(c -> assertThat(TaskHandlers.of(c.action())).isInstanceOf(RpcTaskHandler.class));
        assertThat(WALKS).allSatisfy(a -> assertThat(TaskHandlers.of(a)).isInstanceOf(WalkTaskHandler.class));
    }

    @Test
    void eachOneRpcActionSendsItsRequest() {
        assertThat(ONE_RPC).allSatisfy(c -> assertThat(rpc(c.action()).request()).isEqualTo(c.request()));
    }

    @Test
    void theMatchingAnswerCarriesTheResult() {
        assertThat(ONE_RPC).allSatisfy(c -> assertThat(resultOf(c.action(), c.answer())).contains(c.result()));
    }

    @Test
    void anyOtherAnswerCarriesNoResult() {
        CwmpFault fault = CwmpFault.acs(9002, "Internal error");
        for (RpcCase c : ONE_RPC) {
            assertThat(resultOf(c.action(), fault)).as(c.action().name() + " answered by a fault").isEmpty();
            ONE_RPC.stream().map(RpcCase::answer).filter(a -> a.getClass() != c.answer().getClass())
                    .forEach(other -> assertThat(resultOf(c.action(), other))
                            .as(c.action().name() + " answered by " + other.methodName()).isEmpty());
        }
    }

    @Test
    void readValuesAndNamesAreLearned() {
        assertThat(effectsOf(new TaskAction.GetParameterValues(List.of("Device.")),
                new GetParameterValuesResponse(List.of(V)))).containsExactly("value Device.X=1");
        assertThat(effectsOf(new TaskAction.GetParameterNames("Device.", false),
                new GetParameterNamesResponse(List.of(INFO)))).containsExactly("name Device.X writable=true");
    }

    @Test
    void writtenValuesAreLearnedOnceTheDeviceAcceptsThem() {
        ParameterValueStruct other = ParameterValueStruct.string("Device.Y", "2");
        assertThat(effectsOf(new TaskAction.SetParameterValues(List.of(V, other), ""), new SetParameterValuesResponse(0)))
                .containsExactly("value Device.X=1", "value Device.Y=2");
    }

    @Test
    void aNewInstanceIsLearnedThenWalkedBeforeAnythingElse() {
        assertThat(effectsOf(new TaskAction.AddObject("Device.T.", ""), new AddObjectResponse(7, 0)))
                .containsExactly("name Device.T.7. writable=true", "walk first Device.T.7.");
    }

    @Test
    void aDeletedInstanceIsForgotten() {
        assertThat(effectsOf(new TaskAction.DeleteObject("Device.T.7.", ""), new DeleteObjectResponse(0)))
                .containsExactly("forget Device.T.7.");
    }

    @Test
    void aRebootOrAFactoryResetTeachesNothingYet() {
        assertThat(effectsOf(new TaskAction.Reboot("ck"), new RebootResponse())).isEmpty();
        assertThat(effectsOf(new TaskAction.FactoryReset(), new FactoryResetResponse())).isEmpty();
    }

    @Test
    void anAcceptedRebootStartsARebootOperationWithItsCommandKey() {
        Task task = Fixtures.task(1, new TaskAction.Reboot("ck-1"));
        assertThat(operationOf(task, new RebootResponse())).contains(
                Operation.start(task.id(), task.deviceId(), OperationKind.REBOOT, "ck-1", T0, TIMEOUT));
    }

    @Test
    void anAcceptedFactoryResetStartsAFactoryResetOperationAndHoldsTheTasksAfterIt() {
        Task task = Fixtures.task(1, new TaskAction.FactoryReset());
        assertThat(operationOf(task, new FactoryResetResponse())).contains(
                Operation.start(task.id(), task.deviceId(), OperationKind.FACTORY_RESET, "", T0, TIMEOUT));
        assertThat(rpc(task.action()).holdsLaterTasks()).isTrue();
    }

    @Test
    void anAcceptedScheduleInformAwaitsTheScheduledInformForItsDelayAndTheOperationTimeout() {
        Task task = Fixtures.task(1, new TaskAction.ScheduleInform(90, "ck-s"));
        assertThat(operationOf(task, new ScheduleInformResponse())).contains(Operation.start(task.id(),
                task.deviceId(), OperationKind.SCHEDULED_INFORM, "ck-s", T0, TIMEOUT.plusSeconds(90)));
    }

    @Test
    void attributesAndMethodsTeachNothingAboutTheTree() {
        assertThat(effectsOf(new TaskAction.GetRPCMethods(), new GetRPCMethodsResponse(List.of("Reboot")))).isEmpty();
        assertThat(effectsOf(new TaskAction.GetParameterAttributes(List.of("Device.X")),
                new GetParameterAttributesResponse(List.of(ATTRIBUTE)))).isEmpty();
        assertThat(effectsOf(new TaskAction.SetParameterAttributes(List.of(ACTIVE)),
                new SetParameterAttributesResponse())).isEmpty();
    }

    @Test
    void everyOperationKindIsStartedByExactlyOneAction() {
        List<OperationKind> started = new ArrayList<>();
        int n = 0;
        for (RpcCase c : ONE_RPC) {
            operationOf(Fixtures.task(++n, c.action()), c.answer()).map(Operation::kind).ifPresent(started::add);
        }
        // the device-initiated kinds come from the CPE's own requests (CwmpSessionCpeRequestTest)
        assertThat(started).containsExactlyInAnyOrder(java.util.Arrays.stream(OperationKind.values())
                .filter(k -> !k.isDeviceInitiated()).toArray(OperationKind[]::new));
    }

    @Test
    void onlyAFactoryResetHoldsTheTasksAfterIt() {
        assertThat(ONE_RPC.stream().map(RpcCase::action).filter(a -> rpc(a).holdsLaterTasks()))
                .containsExactly(new TaskAction.FactoryReset());
    }

    @Test
    void aRefreshWalksItsPathOrTheWholeDataModel() {
        assertThat(walk(new TaskAction.Refresh("Device.WiFi.")).path("Device.")).isEqualTo("Device.WiFi.");
        assertThat(walk(new TaskAction.Refresh("")).path("Device.")).isEqualTo("Device.");
        assertThat(walk(new TaskAction.Refresh("")).path(null)).as("the root is not known yet").isEmpty();
        assertThat(walk(new TaskAction.Refresh("")).result(12)).isEqualTo(new TaskResult.Status(0, 12));
    }

    private static RpcTaskHandler<?> rpc(TaskAction action) {
        return (RpcTaskHandler<?>) TaskHandlers.of(action);
    }

    private static WalkTaskHandler walk(TaskAction action) {
        return (WalkTaskHandler) TaskHandlers.of(action);
    }

    private static Optional<TaskResult> resultOf(TaskAction action, CwmpMessage answer) {
        return rpc(action).resultOf(answer).map(TaskResult.class::cast);
    }

    private static List<String> effectsOf(TaskAction action, CwmpMessage answer) {
        RecordingEffects effects = new RecordingEffects();
        applyAnswer(rpc(action), answer, effects);
        return effects.seen;
    }

    private static <R extends TaskResult> void applyAnswer(RpcTaskHandler<R> handler, CwmpMessage answer,
                                                           SessionEffects effects) {
        handler.apply(handler.resultOf(answer).orElseThrow(), effects);
    }

    private static Optional<Operation> operationOf(Task task, CwmpMessage answer) {
        return operationOf(rpc(task.action()), task, answer);
    }

    private static <R extends TaskResult> Optional<Operation> operationOf(RpcTaskHandler<R> handler, Task task,
                                                                          CwmpMessage answer) {
        return handler.operationStarted(task, handler.resultOf(answer).orElseThrow(), T0, TIMEOUT);
    }

    /** The effects a handler asked for, in order, as readable lines. */
    private static final class RecordingEffects implements SessionEffects {
        final List<String> seen = new ArrayList<>();

        @Override
        public void learnValue(ParameterValueStruct value) {
            seen.add("value " + value.name() + "=" + value.value());
        }

        @Override
        public void learnName(ParameterInfoStruct name) {
            seen.add("name " + name.name() + " writable=" + name.writable());
        }

        @Override
        public void forget(String subtree) {
            seen.add("forget " + subtree);
        }

        @Override
        public void walkFirst(String path) {
            seen.add("walk first " + path);
        }

        @Override
        public void transferCancelled(String commandKey) {
            seen.add("cancelled " + commandKey);
        }
    }
}
