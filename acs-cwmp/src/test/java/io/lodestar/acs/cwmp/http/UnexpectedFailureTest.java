package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.session.SessionPolicy;
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

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * A request the ACS fails on by a bug of its own (here: an authenticator that throws) is answered 503 with
 * Retry-After, never with a 500: to a CPE a 500 means a SOAP fault, and this answer carries none.
 */
class UnexpectedFailureTest {

    private final CwmpCodec codec = CwmpCodec.standard();
    private EmbeddedChannel channel;

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aRequestTheAcsFailsOnUnexpectedlyIsAnswered503WithRetryAfterNot500() {
        SessionRegistry registry = new SessionRegistry(Duration.ofSeconds(30));
        SessionService sessions = new SessionService(mock(AcsStore.class), SessionPolicy.DEFAULT, registry,
                Clock.systemUTC(), "node-a", Duration.ofSeconds(60), request -> {
                    throw new IllegalStateException("an authenticator's bug");
                }, SessionListener.NONE);
        channel = new EmbeddedChannel(new CwmpRequestHandler(codec, sessions, registry));

        channel.writeInbound(informPost());
        FullHttpResponse response = channel.readOutbound();

        try {
            assertThat(response.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
            assertThat(response.headers().getInt(HttpHeaderNames.RETRY_AFTER)).isPositive();
        } finally {
            response.release();
        }
        assertThat(registry.size()).isZero();
    }

    private FullHttpRequest informPost() {
        Inform inform = new Inform(new DeviceIdStruct("Cisco", "00562B", "CP-8851", "FCH1234"),
                List.of(EventStruct.of("0 BOOTSTRAP")), 1, "2026-12-01T10:00:00Z", 0, List.of());
        byte[] body = codec.encode(new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("1"), inform));
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8");
        request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return request;
    }
}
