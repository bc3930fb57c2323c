package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.cwmp.auth.AuthenticationOutcome;
import io.lodestar.acs.cwmp.auth.CpeCredentials;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.cwmp.session.SessionRegistry;
import io.lodestar.acs.cwmp.session.SessionService;
import io.lodestar.acs.store.AcsStore;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/** The HTTP side of CPE authentication: credentials in, challenges and refusals out. */
class CwmpRequestHandlerAuthenticationTest {

    private static final String CHALLENGE = "Digest realm=\"lodestar\", qop=\"auth\", nonce=\"n1\"";

    private final CwmpCodec codec = CwmpCodec.standard();
    private final AcsStore store = mock(AcsStore.class);
    private final AtomicReference<CpeCredentials> received = new AtomicReference<>();
    private EmbeddedChannel channel;

    private EmbeddedChannel endpoint(AuthenticationOutcome verdict) {
        SessionRegistry registry = new SessionRegistry(Duration.ofSeconds(30));
        SessionService sessions = new SessionService(store, SessionPolicy.DEFAULT, registry, Clock.systemUTC(),
                "node-a", Duration.ofSeconds(60), request -> {
                    received.set(request.credentials());
                    return verdict;
                }, SessionListener.NONE);
        channel = new EmbeddedChannel(new CwmpRequestHandler(codec, sessions, registry));
        return channel;
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private FullHttpRequest informPost(String authorization) {
        Inform inform = new Inform(new DeviceIdStruct("Cisco", "00562B", "CP-8851", "FCH1234"),
                List.of(EventStruct.of("1 BOOT")), 1, "2026-12-01T10:00:00Z", 0, List.of());
        byte[] body = codec.encode(new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("1"), inform));
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8");
        request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (authorization != null) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
        return request;
    }

    @Test
    void aChallengedInformIsAnswered401WithEveryWwwAuthenticateChallenge() {
        EmbeddedChannel endpoint = endpoint(AuthenticationOutcome.challenge(CHALLENGE, "Basic realm=\"lodestar\""));

        endpoint.writeInbound(informPost(null));
        FullHttpResponse response = endpoint.readOutbound();

        try {
            assertThat(response.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
            assertThat(response.headers().getAll(HttpHeaderNames.WWW_AUTHENTICATE))
                    .containsExactly(CHALLENGE, "Basic realm=\"lodestar\"");
            assertThat(response.headers().get(HttpHeaderNames.SET_COOKIE)).isNull();
            assertThat(endpoint.isOpen()).isTrue(); // the CPE answers the challenge on the same connection
        } finally {
            response.release();
        }
        assertThat(received.get().authorization()).isNull();
        assertThat(received.get().clientCertificates()).isEmpty();
        assertThat(received.get().overTls()).isFalse();
        verifyNoInteractions(store);
    }

    @Test
    void theAuthorizationHeaderReachesTheAuthenticator() {
        EmbeddedChannel endpoint = endpoint(AuthenticationOutcome.refused(
                CwmpFault.acs(CwmpFault.REQUEST_DENIED, "Request denied: wrong password")));
        String authorization = "Digest username=\"cpe\", realm=\"lodestar\", nonce=\"n1\", response=\"x\"";

        endpoint.writeInbound(informPost(authorization));
        FullHttpResponse response = endpoint.readOutbound();

        try {
            assertThat(response.status()).isEqualTo(HttpResponseStatus.INTERNAL_SERVER_ERROR);
            assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("8001");
        } finally {
            response.release();
        }
        assertThat(received.get().authorization()).isEqualTo(authorization);
        assertThat(received.get().clientCertificates()).isEmpty();
        verifyNoInteractions(store);
    }
}
