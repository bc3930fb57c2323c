package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.cwmp.auth.AuthenticationOutcome;
import io.lodestar.acs.cwmp.auth.AuthenticationRequest;
import io.lodestar.acs.cwmp.auth.CpeAuthenticator;
import io.lodestar.acs.cwmp.auth.CpeCredentials;
import io.lodestar.acs.cwmp.event.RecordingListener;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.store.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.CPE_ADDRESS;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.PHONE;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.PHONE_ID;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.inform;
import static org.assertj.core.api.Assertions.assertThat;

/** The CPE authenticator's place in the session service, over a real embedded store. */
class SessionServiceAuthenticationTest {

    private static final String DIGEST_CHALLENGE = "Digest realm=\"lodestar\", qop=\"auth\", nonce=\"abc\"";

    @TempDir
    Path dir;

    private EmbeddedSessionFixture fixture;
    private final RecordingListener recorded = new RecordingListener();
    private final AtomicReference<AuthenticationOutcome> verdict =
            new AtomicReference<>(AuthenticationOutcome.accepted());
    private final AtomicReference<AuthenticationRequest> asked = new AtomicReference<>();
    private SessionService service;

    @BeforeEach
    void setUp() {
        fixture = new EmbeddedSessionFixture(dir);
        CpeAuthenticator authenticator = request -> {
            asked.set(request);
            return verdict.get();
        };
        service = fixture.service(authenticator, recorded);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theAuthenticatorIsAskedWithTheInformItsDeviceIdTheAddressAndTheCredentials() {
        CpeCredentials credentials = CpeCredentials.authorization("Basic Y3BlOnNlY3JldA==");

        CpeReply reply = service.handle(null, inform("1", "1 BOOT"), CPE_ADDRESS, credentials);

        assertThat(((CpeReply.Message) reply).envelope().message()).isInstanceOf(InformResponse.class);
        assertThat(asked.get().inform().deviceId()).isEqualTo(PHONE);
        assertThat(asked.get().deviceId()).isEqualTo(PHONE_ID);
        assertThat(asked.get().remoteAddress()).isEqualTo(CPE_ADDRESS);
        assertThat(asked.get().credentials()).isEqualTo(credentials);
    }

    @Test
    void aChallengeAnswersTheInformWith401AndItsWwwAuthenticateAndStoresNothing() {
        verdict.set(AuthenticationOutcome.challenge(DIGEST_CHALLENGE, "Basic realm=\"lodestar\""));

        CpeReply reply = service.handle(null, inform("1", "1 BOOT"), CPE_ADDRESS);

        assertThat(reply).isInstanceOfSatisfying(CpeReply.Unauthorized.class, unauthorized ->
                assertThat(unauthorized.wwwAuthenticate()).containsExactly(DIGEST_CHALLENGE, "Basic realm=\"lodestar\""));
        assertThat(fixture.store.findDevice(PHONE_ID)).isEmpty();
        assertThat(fixture.store.informs(PHONE_ID, 10)).isEmpty();
        assertThat(fixture.registry.size()).isZero();
        assertThat(recorded.kinds()).containsExactly("Ended");
        SessionEvent.Ended ended = recorded.of(SessionEvent.Ended.class).get(0);
        assertThat(ended.outcome()).isEqualTo(SessionEvent.Outcome.REFUSED);
        assertThat(ended.sessionId()).isNull();
    }

    @Test
    void aRefusalWithAFaultAnswersTheInformWithThatFaultAndStoresNothing() {
        CwmpFault denied = CwmpFault.acs(CwmpFault.REQUEST_DENIED, "Request denied: unknown client certificate");
        verdict.set(AuthenticationOutcome.refused(denied));

        CpeReply reply = service.handle(null, inform("7", "1 BOOT"), CPE_ADDRESS);

        assertThat(reply).isInstanceOfSatisfying(CpeReply.Message.class, message -> {
            assertThat(message.envelope().message()).isEqualTo(denied);
            assertThat(message.envelope().header().id()).isEqualTo("7");
            assertThat(message.session()).isNull();
        });
        assertThat(fixture.store.findDevice(PHONE_ID)).isEmpty();
        assertThat(fixture.registry.size()).isZero();
        assertThat(recorded.of(SessionEvent.Ended.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(denied.faultString()));
    }

    @Test
    void aKnownDeviceRefusedKeepsWhatIsStoredAboutItUntouched() {
        Device before = fixture.storeKnownPhone();
        verdict.set(AuthenticationOutcome.challenge(DIGEST_CHALLENGE));
        fixture.advance(Duration.ofMinutes(5));

        service.handle(null, inform("1", "2 PERIODIC"), CPE_ADDRESS);

        assertThat(fixture.store.findDevice(PHONE_ID)).contains(before);
        assertThat(fixture.store.informs(PHONE_ID, 10)).isEmpty();
    }

    @Test
    void aRefusedInformOnTheCookieOfASessionInProgressLeavesThatSessionAlone() {
        LiveSession session = ((CpeReply.Message) service.handle(null, inform("1", "1 BOOT"), CPE_ADDRESS)).session();
        verdict.set(AuthenticationOutcome.challenge(DIGEST_CHALLENGE));

        CpeReply reply = service.handle(session, inform("2", "1 BOOT"), "198.51.100.9");

        assertThat(reply).isInstanceOf(CpeReply.Unauthorized.class);
        assertThat(session.isClosed()).isFalse();
        assertThat(fixture.registry.byDevice(PHONE_ID)).contains(session);
        assertThat(fixture.store.findDevice(PHONE_ID)).isEmpty();
    }

    @Test
    void anAuthenticatorThatCannotReachTheStoreGets503AndStoresNothing() {
        SessionService unreachable = fixture.service(request -> {
            throw new StoreUnavailableException("credentials unreachable", null);
        }, recorded);

        CpeReply reply = unreachable.handle(null, inform("1", "1 BOOT"), CPE_ADDRESS);

        assertThat(reply).isInstanceOfSatisfying(CpeReply.HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.retryAfterSeconds()).isPositive();
        });
        assertThat(fixture.store.findDevice(PHONE_ID)).isEmpty();
        assertThat(recorded.of(SessionEvent.Ended.class).get(0).outcome())
                .isEqualTo(SessionEvent.Outcome.STORE_UNAVAILABLE);
    }

    @Test
    void withoutAnAuthenticatorEveryCpeIsLetIn() {
        SessionService defaults = new SessionService(fixture.store,
                SessionPolicy.DEFAULT, fixture.registry, fixture.clock, "node-a",
                Duration.ofSeconds(60));

        CpeReply reply = defaults.handle(null, inform("1", "1 BOOT"), CPE_ADDRESS);

        assertThat(((CpeReply.Message) reply).envelope().message()).isInstanceOf(InformResponse.class);
    }
}
