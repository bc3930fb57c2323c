package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.cwmp.auth.AllowAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.lodestar.acs.cwmp.http.LiveEndpoint.encode;
import static io.lodestar.acs.cwmp.http.LiveEndpoint.faultCodeOf;
import static io.lodestar.acs.cwmp.http.LiveEndpoint.inform;
import static io.lodestar.acs.cwmp.http.LiveEndpoint.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile senders over real sockets against the real endpoint: each gets its clean answer, and a normal session
 * succeeds right after.
 */
class HostileInputTest {

    @TempDir
    Path data;

    private LiveEndpoint acs;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LiveEndpoint start(EndpointLimits limits) throws InterruptedException {
        acs = new LiveEndpoint(data, limits);
        return acs;
    }

    @AfterEach
    void stop() {
        if (acs != null) {
            acs.close();
        }
    }

    private static String head(int contentLength) {
        return "POST / HTTP/1.1\r\nHost: acs\r\nContent-Type: text/xml\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    @Test
    void aBodySentOneByteAtATimeIsCutOffWith408AtTheRequestDeadline() throws Exception {
        start(LiveEndpoint.testLimits().withRequestTimeout(Duration.ofSeconds(1)));
        try (RawConnection slow = new RawConnection(acs.server.port())) {
            slow.send(head(8 * 1024 * 1024));
            int sent = 0;
            while (slow.trySend((byte) ' ') && sent < 10_000) { // a byte every 5 ms: never idle, never done
                sent++;
                Thread.sleep(5); // the sender's pace, not a wait for the ACS
            }
            assertThat(slow.readUntilClosed()).startsWith("HTTP/1.1 408");
        }
        acs.aNormalSessionSucceeds("after-slow-body");
    }

    @Test
    void headersSentOneByteAtATimeAreCutOffAtTheRequestDeadline() throws Exception {
        start(LiveEndpoint.testLimits().withRequestTimeout(Duration.ofSeconds(1)));
        try (RawConnection slow = new RawConnection(acs.server.port())) {
            byte[] headers = "POST / HTTP/1.1\r\nHost: acs\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                    .repeat(40).getBytes(StandardCharsets.US_ASCII);
            int i = 0;
            while (i < headers.length && slow.trySend(headers[i])) {
                i++;
                Thread.sleep(5); // the sender's pace
            }
            assertThat(slow.readUntilClosed()).startsWith("HTTP/1.1 408");
        }
        acs.aNormalSessionSucceeds("after-slow-headers");
    }

    @Test
    void bodiesBeyondTheBufferedBytesBoundGet503AndTheirConnectionsClose() throws Exception {
        start(LiveEndpoint.testLimits().withMaxBufferedBytes(256 * 1024));
        List<RawConnection> senders = new ArrayList<>();
        try {
            // ten senders each hold 64 KiB of an 8 MiB body: together more than the 256 KiB bound
            for (int i = 0; i < 10; i++) {
                RawConnection sender = new RawConnection(acs.server.port());
                senders.add(sender);
                sender.send(head(8 * 1024 * 1024));
                sendQuietly(sender, new byte[64 * 1024]);
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<String> refused = new ArrayList<>();
                for (RawConnection sender : senders) {
                    String answer = sender.receivedSoFar();
                    if (!answer.isEmpty()) {
                        refused.add(answer);
                    }
                }
                // at most four fit under the bound; every other one is refused, and says when to come back
                assertThat(refused).hasSizeGreaterThanOrEqualTo(6).allSatisfy(answer -> assertThat(answer)
                        .startsWith("HTTP/1.1 503").contains("retry-after: "));
            });
        } finally {
            for (RawConnection sender : senders) {
                sender.close();
            }
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> acs.aNormalSessionSucceeds("after-many-bodies"));
    }

    private static boolean sendQuietly(RawConnection connection, byte[] bytes) {
        try {
            connection.send(bytes);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aConnectionBeyondTheBoundGets503WithRetryAfter() throws Exception {
        start(LiveEndpoint.testLimits().withMaxConnections(3));
        List<RawConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(new RawConnection(acs.server.port()));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (RawConnection extra = new RawConnection(acs.server.port())) {
                    assertThat(extra.readUntilClosed()).startsWith("HTTP/1.1 503").contains("Retry-After: ");
                }
            });
        } finally {
            for (RawConnection c : held) {
                c.close();
            }
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> acs.aNormalSessionSucceeds("after-many-connections"));
    }

    @Test
    void transferEncodingGzipChunkedGets400() throws Exception {
        start(LiveEndpoint.testLimits());
        byte[] body = encode(inform("te-gzip", EventStruct.PERIODIC, 1));
        try (RawConnection cpe = new RawConnection(acs.server.port())) {
            cpe.send("POST / HTTP/1.1\r\nHost: acs\r\nContent-Type: text/xml\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                    + Integer.toHexString(body.length) + "\r\n");
            cpe.send(body);
            cpe.send("\r\n0\r\n\r\n");
            String answer = cpe.readUntilClosed();
            assertThat(answer).startsWith("HTTP/1.1 400").contains("Transfer-Encoding");
        }
        acs.aNormalSessionSucceeds("after-te-gzip");
    }

    @Test
    void aSerialNumberOf498CharactersGetsFault8003() throws Exception {
        start(LiveEndpoint.testLimits());
        HttpResponse<byte[]> answer = post(http, acs.url(), encode(inform("S".repeat(498), EventStruct.PERIODIC, 1)));

        assertThat(answer.statusCode()).isEqualTo(500); // a SOAP fault's status
        assertThat(faultCodeOf(answer)).isEqualTo(CwmpFault.INVALID_ARGUMENTS);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("SerialNumber");
        acs.aNormalSessionSucceeds("after-long-serial");
    }

    @Test
    void anInformOf50000ParametersGetsFault8004() throws Exception {
        start(LiveEndpoint.testLimits());
        Inform huge = inform("huge-inform", EventStruct.PERIODIC, 50_000);

        HttpResponse<byte[]> answer = post(http, acs.url(), encode(huge));

        assertThat(faultCodeOf(answer)).isEqualTo(CwmpFault.RESOURCES_EXCEEDED);
        assertThat(acs.server.sessionsInProgress()).isZero();
        acs.aNormalSessionSucceeds("after-huge-inform");
    }

    @Test
    void aSessionThatSendsMoreThanItsBoundGetsFault8004AndEnds() throws Exception {
        start(LiveEndpoint.testLimits().withSessionMemory(5000, 16 * 1024));
        acs.known("chatty");
        HttpResponse<byte[]> informed = post(http, acs.url(), encode(inform("chatty", EventStruct.PERIODIC, 1)));
        assertThat(informed.statusCode()).isEqualTo(200);

        HttpResponse<byte[]> answer = post(http, acs.url(), " ".repeat(20 * 1024).getBytes(StandardCharsets.US_ASCII));

        assertThat(faultCodeOf(answer)).isEqualTo(CwmpFault.RESOURCES_EXCEEDED);
        assertThat(acs.server.sessionsInProgress()).isZero();
        acs.aNormalSessionSucceeds("after-chatty");
    }

    @Test
    void aDeviceStaysWithinSessionMaxParametersAcrossSessions() throws Exception {
        SessionPolicy policy = SessionPolicy.DEFAULT;
        policy = new SessionPolicy(policy.identityScheme(), policy.autoRegister(), policy.discoveryMode(),
                policy.valuesPerRequest(), 100, policy.retryPolicy(), policy.operationTimeout());
        acs = new LiveEndpoint(data, LiveEndpoint.testLimits(), TlsSettings.OFF, AllowAll.INSTANCE,
                UnaryOperator.identity(), policy);
        acs.known("inventive");
        for (String session : List.of("A", "B", "C")) { // each Inform names 60 parameters never seen before
            HttpResponse<byte[]> informed = post(http, acs.url(),
                    encode(inform("inventive", EventStruct.PERIODIC, 60, "Device.X_Made_Up_" + session + ".P")));
            assertThat(informed.statusCode()).isEqualTo(200);
            assertThat(post(http, acs.url(), new byte[0]).statusCode()).isEqualTo(204);
        }

        List<?> stored = acs.store.parameters(LiveEndpoint.idOf("inventive"), "");
        assertThat(stored).hasSize(100);
        acs.aNormalSessionSucceeds("after-inventive");
    }

    @Test
    void aNamespaceHoldingALineFeedCannotForgeALogLine() {
        String message = "unknown namespace urn:x\n2026-12-06 INFO forged line";

        assertThat(LogSafe.text(message)).doesNotContain("\n").contains("urn:x\\n2026-12-06");
        assertThat(LogSafe.text("a\r\u2028b\u0000")).isEqualTo("a\\r\\u2028b\\u0000");
    }
}
