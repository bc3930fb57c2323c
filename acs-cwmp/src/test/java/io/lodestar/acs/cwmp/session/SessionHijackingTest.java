package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.cwmp.event.SessionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.CPE_ADDRESS;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.PHONE_ID;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.inform;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions cannot be hijacked or held (issue 18 item 3): a session is bound to its device and to the peer whose
 * Inform opened it; a device whose session stalled gets a new one.
 */
class SessionHijackingTest {

    private static final String ELSEWHERE = "198.51.100.66";
    private static final DeviceIdStruct OTHER = new DeviceIdStruct("Cisco", "00562B", "CP-8851", "OTHER01");

    @TempDir
    Path dir;

    private EmbeddedSessionFixture fixture;
    private SessionService service;

    @BeforeEach
    void setUp() {
        fixture = new EmbeddedSessionFixture(dir);
        service = fixture.service(Duration.ofSeconds(10), SessionListener.NONE);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private LiveSession open() {
        CpeReply reply = service.handle(null, inform("1", "1 BOOT"), CPE_ADDRESS);
        assertThat(((CpeReply.Message) reply).envelope().message()).isInstanceOf(InformResponse.class);
        return ((CpeReply.Message) reply).session();
    }

    private static CwmpEnvelope invented() {
        return new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("lodestar-1"), new GetParameterValuesResponse(
                List.of(ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", "evil"))));
    }

    @Test
    void aSessionsCookieFromAnotherPeerDrivesNothing() {
        LiveSession session = open();

        CpeReply reply = service.handle(session, invented(), ELSEWHERE);
        CpeReply empty = service.handle(session, null, ELSEWHERE);

        assertThat(((CwmpFault) ((CpeReply.Message) reply).envelope().message()).faultCode())
                .isEqualTo(CwmpFault.INVALID_ARGUMENTS);
        assertThat(((CpeReply.Message) reply).session()).isNull();
        assertThat(empty).isInstanceOfSatisfying(CpeReply.HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(session.isClosed()).as("the real session goes on").isFalse();
        assertThat(fixture.registry.byDevice(PHONE_ID)).contains(session);
        assertThat(fixture.store.findDevice(PHONE_ID)).as("nothing stored for the intruder").isEmpty();
        // the real CPE carries on undisturbed
        assertThat(service.handle(session, null, CPE_ADDRESS)).isNotNull();
        assertThat(fixture.store.findDevice(PHONE_ID)).isEmpty();
    }

    @Test
    void anInformOfAnotherDeviceCarryingASessionsCookieNeverTouchesThatSession() {
        LiveSession session = open();
        Inform otherInform = new Inform(OTHER, List.of(EventStruct.of("1 BOOT")), 1, "2026-12-01T10:00:00Z", 0,
                List.of());

        CpeReply reply = service.handle(session,
                new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("2"), otherInform), CPE_ADDRESS);

        assertThat(((CpeReply.Message) reply).envelope().message()).isInstanceOf(InformResponse.class);
        assertThat(((CpeReply.Message) reply).session()).isNotSameAs(session);
        assertThat(session.isClosed()).as("the first device's session is untouched").isFalse();
        assertThat(fixture.registry.byDevice(PHONE_ID)).contains(session);
        assertThat(fixture.registry.byDevice(new DeviceId("00562B-CP%2D8851-OTHER01"))).isPresent();
    }

    @Test
    void anInformFromAnotherPeerCarryingTheDevicesOwnCookieDoesNotEndTheLiveSession() {
        LiveSession session = open();

        CpeReply reply = service.handle(session, inform("2", "1 BOOT"), ELSEWHERE);

        assertThat(((CwmpFault) ((CpeReply.Message) reply).envelope().message()).faultCode())
                .isEqualTo(CwmpFault.RETRY_REQUEST);
        assertThat(session.isClosed()).isFalse();
    }

    @Test
    void aNewInformOfADeviceWhoseSessionStalledReplacesIt() {
        LiveSession stalled = open();
        fixture.advance(Duration.ofSeconds(5));
        CpeReply tooSoon = service.handle(null, inform("2", "1 BOOT"), ELSEWHERE);
        assertThat(((CwmpFault) ((CpeReply.Message) tooSoon).envelope().message()).faultCode())
                .as("a session alive 5 s ago is not taken over").isEqualTo(CwmpFault.RETRY_REQUEST);

        fixture.advance(Duration.ofSeconds(6)); // 11 s of silence: stalled
        CpeReply reply = service.handle(null, inform("3", "1 BOOT"), ELSEWHERE);

        assertThat(((CpeReply.Message) reply).envelope().message()).isInstanceOf(InformResponse.class);
        assertThat(stalled.isClosed()).isTrue();
        assertThat(fixture.registry.byDevice(PHONE_ID)).contains(((CpeReply.Message) reply).session());
    }

    @Test
    void aLiveSessionIsNotTakenOverByRepeatedInforms() {
        LiveSession session = open();
        for (int i = 0; i < 5; i++) {
            fixture.advance(Duration.ofSeconds(4));
            session.touch(fixture.now()); // the real CPE keeps talking
            CpeReply intruder = service.handle(null, inform("x" + i, "1 BOOT"), ELSEWHERE);
            assertThat(((CwmpFault) ((CpeReply.Message) intruder).envelope().message()).faultCode())
                    .isEqualTo(CwmpFault.RETRY_REQUEST);
        }
    }
}
