package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.TransferComplete;
import io.lodestar.acs.core.rpc.TransferCompleteResponse;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.store.AcsStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The CWMP session rules the endpoint keeps: cwmp:ID matching, mandatory headers, CPE requests mid-session, timeouts. */
class SessionRulesTest {

    private static final DeviceIdStruct PHONE = new DeviceIdStruct("Cisco", "00562B", "CP-8851", "FCH1234");
    private static final String ADDRESS = "127.0.0.1";

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
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        service = new SessionService(store, SessionPolicy.DEFAULT, registry, clock, "node-a", Duration.ofSeconds(60));
    }

    private static CwmpEnvelope informWith(CwmpHeader header) {
        Inform inform = new Inform(PHONE, List.of(EventStruct.of(EventStruct.BOOTSTRAP)), 1, "2026-12-01T10:00:00Z",
                0, List.of(ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", "12.0.1")));
        return new CwmpEnvelope(CwmpVersion.V1_2, header, inform);
    }

    private static CwmpEnvelope envelope(String id, CwmpMessage message) {
        return new CwmpEnvelope(CwmpVersion.V1_2, CwmpHeader.withId(id), message);
    }

    private static CpeReply.Message message(CpeReply reply) {
        assertThat(reply).isInstanceOf(CpeReply.Message.class);
        return (CpeReply.Message) reply;
    }

    private LiveSession open() {
        return message(service.handle(null, informWith(CwmpHeader.withId("i1")), ADDRESS)).session();
    }

    private SessionChanges committed() {
        ArgumentCaptor<SessionChanges> changes = ArgumentCaptor.forClass(SessionChanges.class);
        verify(store, org.mockito.Mockito.atLeastOnce()).commit(changes.capture());
        return changes.getValue();
    }

    @Test
    void anAnswerWithAnotherRequestsIdIsAFaultNotTheAnswer() {
        LiveSession session = open();
        CpeReply.Message gpn = message(service.handle(session, null, ADDRESS));
        assertThat(gpn.envelope().message()).isInstanceOf(GetParameterNames.class);
        String sentId = gpn.envelope().header().id();

        // the right kind of answer, but for some other request: not taken, the walk does not learn from it
        CpeReply reply = service.handle(session, envelope(sentId + "-other", new GetParameterNamesResponse(List.of(
                new ParameterInfoStruct("Device.Wrong.", false)))), ADDRESS);

        assertThat(reply).isInstanceOf(CpeReply.SessionEnded.class);
        SessionChanges changes = committed();
        assertThat(changes.upserts()).doesNotContainKey("Device.Wrong.");
        assertThat(changes.faults()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(CwmpFault.INVALID_ARGUMENTS);
            assertThat(f.message()).contains(sentId + "-other", sentId);
        });
    }

    @Test
    void anAnswerWithTheRequestsIdOrWithoutAnIdIsTheAnswer() {
        LiveSession session = open();
        CpeReply.Message gpn = message(service.handle(session, null, ADDRESS));
        GetParameterNames asked = (GetParameterNames) gpn.envelope().message();
        assertThat(asked.parameterPath()).isEqualTo("Device.");

        CpeReply.Message next = message(service.handle(session, envelope(gpn.envelope().header().id(),
                new GetParameterNamesResponse(List.of(new ParameterInfoStruct("Device.DeviceInfo.", false)))),
                ADDRESS));
        assertThat(next.envelope().message()).isEqualTo(new GetParameterNames("Device.DeviceInfo.", true));

        CpeReply end = service.handle(session, new CwmpEnvelope(CwmpVersion.V1_2, CwmpHeader.EMPTY,
                new GetParameterNamesResponse(List.of())), ADDRESS);
        assertThat(end).isInstanceOf(CpeReply.SessionEnded.class);
        assertThat(committed().faults()).isEmpty();
    }

    @Test
    void aCpeRequestWhileTheAcsWaitsForAnAnswerIsAnsweredAndTheAnswerStillCounts() {
        LiveSession session = open();
        CpeReply.Message gpn = message(service.handle(session, null, ADDRESS));

        CpeReply.Message tc = message(service.handle(session, envelope("tc-1",
                new TransferComplete("k", FaultStruct.NONE, "", "")), ADDRESS));
        assertThat(tc.envelope().message()).isEqualTo(new TransferCompleteResponse());
        assertThat(tc.envelope().header().id()).isEqualTo("tc-1");

        CpeReply end = service.handle(session, envelope(gpn.envelope().header().id(),
                new GetParameterNamesResponse(List.of())), ADDRESS);
        assertThat(end).isInstanceOf(CpeReply.SessionEnded.class);
        assertThat(committed().faults()).isEmpty();
    }

    @Test
    void anInformWithAMandatoryHeaderWeDoNotUnderstandGetsTheSoapMustUnderstandFaultAndOpensNothing() {
        CwmpHeader header = new CwmpHeader("i1", null, null, null, null, null, List.of("{urn:example}Billing"));

        CpeReply.Message reply = message(service.handle(null, informWith(header), ADDRESS));

        CwmpFault fault = (CwmpFault) reply.envelope().message();
        assertThat(fault.soapFaultCode()).isEqualTo("MustUnderstand");
        assertThat(fault.faultString()).contains("{urn:example}Billing");
        assertThat(reply.envelope().header().id()).isEqualTo("i1");
        assertThat(reply.session()).isNull();
        assertThat(registry.size()).isZero();
        verify(store, never()).loadSnapshot(any());
    }

    @Test
    void aMessageWithAMandatoryHeaderWeDoNotUnderstandInASessionIsNotProcessedAndTheSessionGoesOn() {
        LiveSession session = open();
        CpeReply.Message gpn = message(service.handle(session, null, ADDRESS));
        CwmpHeader header = new CwmpHeader(gpn.envelope().header().id(), null, null, null, null, null,
                List.of("{urn:example}Billing"));

        CpeReply.Message fault = message(service.handle(session, new CwmpEnvelope(CwmpVersion.V1_2, header,
                new GetParameterNamesResponse(List.of(new ParameterInfoStruct("Device.X.", false)))), ADDRESS));
        assertThat(((CwmpFault) fault.envelope().message()).soapFaultCode()).isEqualTo("MustUnderstand");
        assertThat(fault.session()).isSameAs(session);
        assertThat(session.isClosed()).isFalse();

        // sent again without the header, it is the answer
        CpeReply end = service.handle(session, envelope(gpn.envelope().header().id(),
                new GetParameterNamesResponse(List.of())), ADDRESS);
        assertThat(end).isInstanceOf(CpeReply.SessionEnded.class);
    }

    @Test
    void aCwmp14InformIsToldTheVersionTheSessionUses() {
        CwmpHeader header = new CwmpHeader("i1", null, null, 40, "1.0,1.2,1.4", null);
        Inform inform = (Inform) informWith(header).message();

        CpeReply.Message reply = message(service.handle(null, new CwmpEnvelope(CwmpVersion.V1_4, header, inform),
                ADDRESS));

        assertThat(reply.envelope().message()).isEqualTo(new InformResponse(1));
        assertThat(reply.envelope().header().useCwmpVersion()).isEqualTo("1.4");
        assertThat(reply.envelope().version()).isEqualTo(CwmpVersion.V1_4);
    }

    @Test
    void aSessionEndsAfterTheShorterSessionTimeoutTheCpeAskedFor() {
        CwmpHeader header = new CwmpHeader("i1", null, null, 10, null, null);
        message(service.handle(null, informWith(header), ADDRESS));

        now.set(now.get().plusSeconds(9));
        service.endIdleSessions();
        assertThat(registry.size()).isEqualTo(1);

        now.set(now.get().plusSeconds(2));
        service.endIdleSessions();
        assertThat(registry.size()).as("idle 11 s, past the CPE's 10 s").isZero();
    }

    @Test
    void aLongerSessionTimeoutThanConfiguredIsNotHonouredBeyondTheConfiguredOne() {
        CwmpHeader header = new CwmpHeader("i1", null, null, 3600, null, null);
        message(service.handle(null, informWith(header), ADDRESS));

        now.set(now.get().plusSeconds(31));
        service.endIdleSessions();
        assertThat(registry.size()).as("the session lease outlives only the configured timeout").isZero();
        assertThat(registry.byDevice(new DeviceId("x"))).isEmpty();
    }
}
