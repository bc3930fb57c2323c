package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.operation.OperationStatus;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.FactoryResetResponse;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.RebootResponse;
import io.lodestar.acs.core.session.DiscoveryMode;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.core.task.RetryPolicy;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.cwmp.auth.AllowAll;
import io.lodestar.acs.cwmp.event.CompositeSessionListener;
import io.lodestar.acs.cwmp.event.RecordingListener;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.cwmp.event.SessionEvent.Outcome;
import io.lodestar.acs.cwmp.event.ThrowingListener;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.CPE_ADDRESS;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.PHONE_ID;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.answer;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.inform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

/** What a session listener is told, over a real embedded store. */
class SessionServiceListenerTest {

    private static final CwmpFault INVALID_NAME = new CwmpFault("Client", 9005, "Invalid parameter name", List.of());
    /** A fault that retrying may cure, so the task is retried. */
    private static final CwmpFault INTERNAL_ERROR = new CwmpFault("Server", 9002, "Internal error", List.of());

    @TempDir
    Path dir;

    private EmbeddedSessionFixture fixture;
    private final RecordingListener recorded = new RecordingListener();
    private SessionService service;

    @BeforeEach
    void setUp() {
        fixture = new EmbeddedSessionFixture(dir);
        service = fixture.service(AllowAll.INSTANCE, recorded);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private LiveSession open(SessionService over, String event) {
        return ((CpeReply.Message) over.handle(null, inform("1", event), CPE_ADDRESS)).session();
    }

    @Test
    void aSessionWithATaskIsToldOpenedRpcSentRpcAnsweredTaskFinishedThenEnded() {
        fixture.storeKnownPhone();
        Task task = fixture.queue(new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.UpTime")));

        LiveSession session = open(service, "2 PERIODIC");
        CpeReply request = service.handle(session, null, CPE_ADDRESS);
        assertThat(((CpeReply.Message) request).envelope().message()).isInstanceOf(GetParameterValues.class);
        CpeReply end = service.handle(session, answer(new GetParameterValuesResponse(
                List.of(ParameterValueStruct.string("Device.DeviceInfo.UpTime", "42")))), CPE_ADDRESS);

        assertThat(end).isInstanceOf(CpeReply.SessionEnded.class);
        assertThat(recorded.kinds()).containsExactly("Opened", "RpcSent", "RpcAnswered", "TaskFinished", "Ended");
        assertThat(recorded.events()).allSatisfy(e -> {
            assertThat(e.deviceId()).isEqualTo(PHONE_ID);
            assertThat(e.sessionId()).isEqualTo(session.id());
        });
        SessionEvent.Opened opened = recorded.of(SessionEvent.Opened.class).get(0);
        assertThat(opened.events()).containsExactly(EventStruct.of("2 PERIODIC"));
        assertThat(opened.remoteAddress()).isEqualTo(CPE_ADDRESS);
        assertThat(recorded.of(SessionEvent.RpcSent.class).get(0).method()).isEqualTo("GetParameterValues");
        SessionEvent.RpcAnswered answered = recorded.of(SessionEvent.RpcAnswered.class).get(0);
        assertThat(answered.method()).isEqualTo("GetParameterValues");
        assertThat(answered.isFault()).isFalse();
        SessionEvent.TaskFinished finished = recorded.of(SessionEvent.TaskFinished.class).get(0);
        assertThat(finished.taskId()).isEqualTo(task.id());
        assertThat(finished.status()).isEqualTo(TaskStatus.DONE);
        assertThat(finished.result()).isInstanceOf(TaskResult.Values.class);
        assertThat(fixture.store.findTask(task.id())).hasValueSatisfying(
                t -> assertThat(t.status()).isEqualTo(TaskStatus.DONE));
        SessionEvent.Ended ended = recorded.of(SessionEvent.Ended.class).get(0);
        assertThat(ended.outcome()).isEqualTo(Outcome.OK);
        assertThat(ended.reason()).isNull();
        assertThat(ended.parametersWritten()).isEqualTo(2); // the Inform's SoftwareVersion and the UpTime read
    }

    @Test
    void aThrowingListenerDoesNotBreakTheSessionAndTheListenersAfterItAreStillTold() {
        fixture.storeKnownPhone();
        Task task = fixture.queue(new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.UpTime")));
        SessionService withBrokenListener = fixture.service(AllowAll.INSTANCE,
                CompositeSessionListener.of(new ThrowingListener(), recorded));

        LiveSession session = open(withBrokenListener, "2 PERIODIC");
        withBrokenListener.handle(session, null, CPE_ADDRESS);
        CpeReply end = withBrokenListener.handle(session, answer(new GetParameterValuesResponse(
                List.of(ParameterValueStruct.string("Device.DeviceInfo.UpTime", "42")))), CPE_ADDRESS);

        assertThat(end).isInstanceOf(CpeReply.SessionEnded.class);
        assertThat(fixture.store.findTask(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
        assertThat(recorded.kinds()).containsExactly("Opened", "RpcSent", "RpcAnswered", "TaskFinished", "Ended");
        assertThat(fixture.registry.size()).isZero();
    }

    @Test
    void aServiceWhoseOnlyListenerThrowsStillEndsItsSessionsNormally() {
        SessionService withBrokenListener = fixture.service(AllowAll.INSTANCE, new ThrowingListener());

        LiveSession session = open(withBrokenListener, "1 BOOT");
        CpeReply discovery = withBrokenListener.handle(session, null, CPE_ADDRESS);
        CpeReply end = withBrokenListener.handle(session, answer(
                new GetParameterNamesResponse(List.of())), CPE_ADDRESS);

        assertThat(((CpeReply.Message) discovery).envelope().message().methodName()).isEqualTo("GetParameterNames");
        assertThat(end).isInstanceOf(CpeReply.SessionEnded.class);
        assertThat(fixture.store.findDevice(PHONE_ID)).isPresent();
    }

    @Test
    void aTaskAnsweredWithAFaultIsToldAsAFaultedAnswerButNotAsFinishedWhileItWillBeRetried() {
        fixture.storeKnownPhone();
        Task task = fixture.queue(new TaskAction.GetParameterValues(List.of("Device.Nope.")));

        LiveSession session = open(service, "2 PERIODIC");
        service.handle(session, null, CPE_ADDRESS);
        service.handle(session, answer(INTERNAL_ERROR), CPE_ADDRESS);

        assertThat(recorded.kinds()).containsExactly("Opened", "RpcSent", "RpcAnswered", "Ended");
        SessionEvent.RpcAnswered answered = recorded.of(SessionEvent.RpcAnswered.class).get(0);
        assertThat(answered.isFault()).isTrue();
        assertThat(answered.faultCode()).isEqualTo(9002);
        assertThat(fixture.store.findTask(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void aTaskThatFailsForGoodIsToldFinishedWithItsFault() {
        SessionService oneTry = fixture.service(fixture.store, new SessionPolicy(IdentityScheme.OUI_PRODUCTCLASS_SERIAL,
                true, DiscoveryMode.LEVEL_BY_LEVEL, 64, 100_000, new RetryPolicy(1, Duration.ofSeconds(1),
                Duration.ofSeconds(1))), AllowAll.INSTANCE, recorded);
        fixture.storeKnownPhone();
        fixture.queue(new TaskAction.GetParameterValues(List.of("Device.Nope.")));

        LiveSession session = open(oneTry, "2 PERIODIC");
        oneTry.handle(session, null, CPE_ADDRESS);
        oneTry.handle(session, answer(INVALID_NAME), CPE_ADDRESS);

        SessionEvent.TaskFinished finished = recorded.of(SessionEvent.TaskFinished.class).get(0);
        assertThat(finished.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(finished.fault().code()).isEqualTo(9005);
        assertThat(finished.result()).isNull();
    }

    @Test
    void aRebootIsToldAsAnOperationStartedAndTheInformThatReportsItAsEnded() {
        fixture.storeKnownPhone();
        Task task = fixture.queue(new TaskAction.Reboot("fw-42"));
        LiveSession first = open(service, "2 PERIODIC");
        assertThat(((CpeReply.Message) service.handle(first, null, CPE_ADDRESS)).envelope().message())
                .isInstanceOf(Reboot.class);
        service.handle(first, answer(new RebootResponse()), CPE_ADDRESS);

        assertThat(recorded.kinds()).containsExactly("Opened", "RpcSent", "RpcAnswered", "TaskFinished",
                "OperationStarted", "Ended");
        SessionEvent.OperationStarted started = recorded.of(SessionEvent.OperationStarted.class).get(0);
        assertThat(started.operation().taskId()).isEqualTo(task.id());
        assertThat(started.operation().kind()).isEqualTo(OperationKind.REBOOT);

        fixture.advance(Duration.ofMinutes(1));
        LiveSession second = ((CpeReply.Message) service.handle(null, inform("2", EventStruct.of("1 BOOT"),
                new EventStruct("M Reboot", "fw-42")), CPE_ADDRESS)).session();
        service.handle(second, null, CPE_ADDRESS);

        assertThat(recorded.kinds().subList(6, recorded.kinds().size()))
                .containsExactly("Opened", "OperationEnded", "Ended");
        SessionEvent.OperationEnded ended = recorded.of(SessionEvent.OperationEnded.class).get(0);
        assertThat(ended.operation().status()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(ended.sessionId()).isEqualTo(second.id());
    }

    @Test
    void aFactoryResetEndedByTheBootstrapIsToldOnceWhenTheBootstrapIsStoredNotAgainAtTheEnd() {
        fixture.storeKnownPhone();
        fixture.queue(new TaskAction.FactoryReset());
        LiveSession first = open(service, "2 PERIODIC");
        service.handle(first, null, CPE_ADDRESS);
        service.handle(first, answer(new FactoryResetResponse()), CPE_ADDRESS);
        assertThat(recorded.of(SessionEvent.OperationStarted.class)).hasSize(1);

        fixture.advance(Duration.ofMinutes(1));
        LiveSession second = open(service, "0 BOOTSTRAP");
        // the bootstrap's checkpoint is stored before the InformResponse: the reset's end is durable already
        assertThat(recorded.kinds().subList(6, recorded.kinds().size())).containsExactly("Opened", "OperationEnded");
        service.handle(second, null, CPE_ADDRESS); // discovery of the device's new life
        service.handle(second, answer(new GetParameterNamesResponse(List.of())), CPE_ADDRESS);

        assertThat(recorded.kinds().subList(6, recorded.kinds().size()))
                .containsExactly("Opened", "OperationEnded", "RpcSent", "RpcAnswered", "Ended");
        assertThat(recorded.of(SessionEvent.OperationEnded.class).get(0).operation().kind())
                .isEqualTo(OperationKind.FACTORY_RESET);
    }

    @Test
    void aSessionWhoseWriteFailsTellsNoFinishedTaskOnlyItsEndAsStoreUnavailable() {
        fixture.storeKnownPhone();
        fixture.queue(new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.UpTime")));
        AcsStore failingCommits = mock(AcsStore.class, delegatesTo(fixture.store));
        doThrow(new StoreUnavailableException("down", null)).when(failingCommits).commit(any());
        org.mockito.Mockito.doCallRealMethod().when(failingCommits).commitAndReleaseLease(any(), any());
        SessionService over = fixture.service(failingCommits, SessionPolicy.DEFAULT, AllowAll.INSTANCE, recorded);

        LiveSession session = open(over, "2 PERIODIC");
        over.handle(session, null, CPE_ADDRESS);
        CpeReply end = over.handle(session, answer(new GetParameterValuesResponse(
                List.of(ParameterValueStruct.string("Device.DeviceInfo.UpTime", "42")))), CPE_ADDRESS);

        assertThat(end).isInstanceOfSatisfying(CpeReply.HttpError.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(recorded.kinds()).containsExactly("Opened", "RpcSent", "RpcAnswered", "Ended");
        SessionEvent.Ended ended = recorded.of(SessionEvent.Ended.class).get(0);
        assertThat(ended.outcome()).isEqualTo(Outcome.STORE_UNAVAILABLE);
        assertThat(ended.parametersWritten()).isZero();
    }

    @Test
    void anIdleSessionIsToldAbandonedWithItsReason() {
        LiveSession session = open(service, "2 PERIODIC");

        fixture.advance(Duration.ofSeconds(31));
        service.endIdleSessions();

        SessionEvent.Ended ended = recorded.of(SessionEvent.Ended.class).get(0);
        assertThat(ended.sessionId()).isEqualTo(session.id());
        assertThat(ended.outcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(ended.reason()).isEqualTo("idle timeout");
        assertThat(ended.duration()).isEqualTo(Duration.ofSeconds(31));
        assertThat(ended.parametersWritten()).isEqualTo(1);
    }

    @Test
    void anInformTurnedAwayIsToldOnlyAsAnEndWithoutSession() {
        SessionService closedDoor = fixture.service(fixture.store, new SessionPolicy(
                IdentityScheme.OUI_PRODUCTCLASS_SERIAL, false, DiscoveryMode.LEVEL_BY_LEVEL, 64, 100_000,
                RetryPolicy.DEFAULT), AllowAll.INSTANCE, recorded);

        closedDoor.handle(null, inform("1", "1 BOOT"), CPE_ADDRESS);

        assertThat(recorded.kinds()).containsExactly("Ended");
        SessionEvent.Ended ended = recorded.of(SessionEvent.Ended.class).get(0);
        assertThat(ended.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(ended.sessionId()).isNull();
        assertThat(ended.reason()).contains("not registered");
    }
}
