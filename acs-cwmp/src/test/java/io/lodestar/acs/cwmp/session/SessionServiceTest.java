package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.TransferComplete;
import io.lodestar.acs.core.rpc.TransferCompleteResponse;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.StoreUnavailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The session orchestration with the store as a Mockito seam; the engine itself is real. */
class SessionServiceTest {

    private static final DeviceIdStruct PHONE = new DeviceIdStruct("Cisco", "00562B", "CP-8851", "FCH1234");
    private static final DeviceId PHONE_ID = new DeviceId("00562B-CP%2D8851-FCH1234");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    private AcsStore store;
    private SessionRegistry registry;
    private SessionService service;

    @BeforeEach
    void setUp() {
        store = mock(AcsStore.class);
        when(store.loadSnapshot(any())).thenReturn(Optional.empty());
        when(store.pendingTasks(any())).thenReturn(List.of());
        when(store.acquireLease(any(), any(), any())).thenReturn(true);
        when(store.renewLease(any(), any(), any())).thenReturn(true);
        // a session ends through the contract's default: its commit, then its release, each seen by the mock
        org.mockito.Mockito.doCallRealMethod().when(store).commitAndReleaseLease(any(), any());
        // and opens through it: its snapshot, pending tasks and operations, each seen (and stubbed) on the mock
        org.mockito.Mockito.doCallRealMethod().when(store).loadSessionStart(any());
        org.mockito.Mockito.doCallRealMethod().when(store).acquireLeaseAndLoadSessionStart(any(), any(), any());
        registry = new SessionRegistry(Duration.ofSeconds(30));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        service = new SessionService(store, SessionPolicy.DEFAULT, registry, clock, "node-a", Duration.ofSeconds(60));
    }

    private static CwmpEnvelope inform(String id, String... events) {
        List<EventStruct> ev = java.util.Arrays.stream(events).map(EventStruct::of).toList();
        Inform inform = new Inform(PHONE, ev, 1, "2026-12-01T10:00:00Z", 0,
                List.of(ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", "12.0.1")));
        return new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId(id), inform);
    }

    @Test
    void informOpensASessionAnsweredWithInformResponseEchoingTheId() {
        CpeReply reply = service.handle(null, inform("abc", "2 PERIODIC"), "127.0.0.1");

        assertThat(reply).isInstanceOf(CpeReply.Message.class);
        CpeReply.Message message = (CpeReply.Message) reply;
        assertThat(message.envelope().message()).isEqualTo(new InformResponse(1));
        assertThat(message.envelope().header().id()).isEqualTo("abc");
        assertThat(message.newSession()).isTrue();
        assertThat(registry.byDevice(PHONE_ID)).contains(message.session());
    }

    @Test
    void aSecondInformOfADeviceInSessionIsAskedToRetry() {
        service.handle(null, inform("1", "2 PERIODIC"), "127.0.0.1");

        CpeReply second = service.handle(null, inform("2", "2 PERIODIC"), "127.0.0.2");

        CwmpFault fault = (CwmpFault) ((CpeReply.Message) second).envelope().message();
        assertThat(fault.faultCode()).isEqualTo(CwmpFault.RETRY_REQUEST);
        assertThat(fault.faultString()).contains(PHONE_ID.value());
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void anInformOnItsOwnSessionRestartsIt() {
        LiveSession first = ((CpeReply.Message) service.handle(null, inform("1", "2 PERIODIC"), "127.0.0.1")).session();

        CpeReply again = service.handle(first, inform("2", "1 BOOT"), "127.0.0.1");

        assertThat(((CpeReply.Message) again).envelope().message()).isInstanceOf(InformResponse.class);
        assertThat(first.isClosed()).isTrue();
        verify(store).commit(any());
    }

    @Test
    void aMessageBeforeInformGetsFault8003AndAnEmptyPostGets400() {
        CwmpEnvelope tc = new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("9"),
                new TransferComplete("k", FaultStruct.NONE, "", ""));

        CpeReply reply = service.handle(null, tc, "127.0.0.1");
        CpeReply empty = service.handle(null, null, "127.0.0.1");

        CwmpFault fault = (CwmpFault) ((CpeReply.Message) reply).envelope().message();
        assertThat(fault.faultCode()).isEqualTo(CwmpFault.INVALID_ARGUMENTS);
        assertThat(((CpeReply.Message) reply).envelope().header().id()).isEqualTo("9");
        assertThat(empty).isInstanceOfSatisfying(CpeReply.HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void aStoreThatCannotLoadGives503WithRetryAfter() {
        when(store.loadSnapshot(any())).thenThrow(new StoreUnavailableException("down", null));

        CpeReply reply = service.handle(null, inform("1", "2 PERIODIC"), "127.0.0.1");

        assertThat(reply).isInstanceOfSatisfying(CpeReply.HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.retryAfterSeconds()).isPositive();
        });
        assertThat(registry.size()).isZero();
    }

    @Test
    void theCpesRequestsAreAnsweredAndTheEndCommitsOnceThen204() {
        LiveSession session = ((CpeReply.Message) service.handle(null, inform("1", "1 BOOT"), "127.0.0.1")).session();

        CpeReply tcReply = service.handle(session, new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("tc1"),
                new TransferComplete("k", FaultStruct.NONE, "", "")), "127.0.0.1");
        assertThat(((CpeReply.Message) tcReply).envelope().message()).isInstanceOf(TransferCompleteResponse.class);
        assertThat(((CpeReply.Message) tcReply).envelope().header().id()).isEqualTo("tc1");

        // a new device: the engine starts discovery with GetParameterNames
        CpeReply first = service.handle(session, null, "127.0.0.1");
        assertThat(((CpeReply.Message) first).envelope().message()).isInstanceOf(GetParameterNames.class);
        CpeReply end = service.handle(session, new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.EMPTY,
                new GetParameterNamesResponse(List.of())), "127.0.0.1");

        assertThat(end).isInstanceOf(CpeReply.SessionEnded.class);
        ArgumentCaptor<SessionChanges> changes = ArgumentCaptor.forClass(SessionChanges.class);
        verify(store).commit(changes.capture());
        assertThat(changes.getValue().device().id()).isEqualTo(PHONE_ID);
        assertThat(changes.getValue().inform().events()).containsExactly(EventStruct.of("1 BOOT"));
        assertThat(registry.size()).isZero();
    }

    @Test
    void aFailedCommitAnswers503AndFreesTheDevice() {
        doThrow(new StoreUnavailableException("down", null)).when(store).commit(any());
        LiveSession session = ((CpeReply.Message) service.handle(null, inform("1", "2 PERIODIC"), "127.0.0.1")).session();
        service.handle(session, null, "127.0.0.1"); // GetParameterNames

        CpeReply end = service.handle(session, new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.EMPTY,
                new GetParameterNamesResponse(List.of())), "127.0.0.1");

        assertThat(end).isInstanceOfSatisfying(CpeReply.HttpError.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(registry.byDevice(PHONE_ID)).isEmpty();
    }

    @Test
    void idleSessionsEndAndStoreWhatTheyLearned() {
        service.handle(null, inform("1", "2 PERIODIC"), "127.0.0.1");
        service.endIdleSessions();
        verify(store, never()).commit(any());

        now.set(now.get().plusSeconds(31));
        service.endIdleSessions();

        verify(store).commit(any());
        assertThat(registry.size()).isZero();
    }

    @Test
    void aDeviceLeasedByAnotherNodeIsAskedToRetry() {
        when(store.acquireLease(PHONE_ID, "node-a", Duration.ofSeconds(60))).thenReturn(false);

        CpeReply reply = service.handle(null, inform("1", "2 PERIODIC"), "127.0.0.1");

        CwmpFault fault = (CwmpFault) ((CpeReply.Message) reply).envelope().message();
        assertThat(fault.faultCode()).isEqualTo(CwmpFault.RETRY_REQUEST);
        assertThat(fault.faultString()).contains("another ACS node");
        assertThat(registry.size()).isZero();
    }

    @Test
    void theLeaseIsRenewedWhileTheSessionLivesAndReleasedAtItsEnd() {
        LiveSession session = ((CpeReply.Message) service.handle(null, inform("1", "2 PERIODIC"), "127.0.0.1")).session();
        now.set(now.get().plusSeconds(25)); // past a third of the lease's life
        service.handle(session, null, "127.0.0.1");
        verify(store).renewLease(PHONE_ID, "node-a", Duration.ofSeconds(60));

        service.handle(session, new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.EMPTY,
                new GetParameterNamesResponse(List.of())), "127.0.0.1");

        verify(store).releaseLease(PHONE_ID, "node-a");
    }

    @Test
    void aLostLeaseDropsTheSessionWithoutWritingIt() {
        LiveSession session = ((CpeReply.Message) service.handle(null, inform("1", "2 PERIODIC"), "127.0.0.1")).session();
        when(store.renewLease(any(), any(), any())).thenReturn(false);
        now.set(now.get().plusSeconds(25));

        CpeReply reply = service.handle(session, null, "127.0.0.1");

        assertThat(reply).isInstanceOfSatisfying(CpeReply.HttpError.class, e -> assertThat(e.status()).isEqualTo(503));
        verify(store, never()).commit(any());
        assertThat(registry.size()).isZero();
    }

    @Test
    void aStoreThatCannotGrantLeasesGives503() {
        when(store.acquireLease(any(), any(), any())).thenThrow(new StoreUnavailableException("down", null));

        CpeReply reply = service.handle(null, inform("1", "2 PERIODIC"), "127.0.0.1");

        assertThat(reply).isInstanceOfSatisfying(CpeReply.HttpError.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(registry.size()).isZero();
        verify(store, never()).releaseLease(any(), any()); // nothing was taken
    }

    @Test
    void aPrerequisiteThatCannotBeReadGivesTheLeaseBackAndGives503() {
        io.lodestar.acs.core.task.Task first = io.lodestar.acs.core.task.Task.queue(PHONE_ID,
                new io.lodestar.acs.core.task.TaskAction.Reboot("first"), Instant.parse("2026-01-01T00:00:00Z"),
                Duration.ofDays(1));
        io.lodestar.acs.core.task.Task second = io.lodestar.acs.core.task.Task.queue(PHONE_ID,
                new io.lodestar.acs.core.task.TaskAction.Reboot("second"), Instant.parse("2026-01-01T00:00:01Z"),
                Duration.ofDays(1)).after(first.id());
        when(store.pendingTasks(any())).thenReturn(List.of(second)); // its prerequisite ended in an earlier session
        when(store.findTask(first.id())).thenThrow(new StoreUnavailableException("down", null));

        CpeReply reply = service.handle(null, inform("1", "2 PERIODIC"), "127.0.0.1");

        assertThat(reply).isInstanceOfSatisfying(CpeReply.HttpError.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(registry.size()).isZero();
        verify(store).releaseLease(PHONE_ID, "node-a");
    }

    @Test
    void rpcSummariesCountRepeats() {
        assertThat(SessionLog.summarize(List.of("GetParameterNames", "GetParameterNames", "GetParameterValues")))
                .isEqualTo("GetParameterNames x2, GetParameterValues");
        assertThat(SessionLog.summarize(List.of())).isEmpty();
    }
}
