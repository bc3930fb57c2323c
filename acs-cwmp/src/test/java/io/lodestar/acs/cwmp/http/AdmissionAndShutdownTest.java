package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.cwmp.auth.AllowAll;
import io.lodestar.acs.store.AcsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import static io.lodestar.acs.cwmp.http.LiveEndpoint.encode;
import static io.lodestar.acs.cwmp.http.LiveEndpoint.inform;
import static io.lodestar.acs.cwmp.http.LiveEndpoint.messageOf;
import static io.lodestar.acs.cwmp.http.LiveEndpoint.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

/** Admission control, the graceful stop and the idle sweep, against the real endpoint over real HTTP. */
class AdmissionAndShutdownTest {

    @TempDir
    Path data;

    private LiveEndpoint acs;

    @AfterEach
    void stop() {
        if (acs != null) {
            acs.close();
        }
    }

    private static HttpClient cpe() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private HttpResponse<byte[]> inform(HttpClient cpe, String serial, String event) throws Exception {
        acs.known(serial);
        return post(cpe, acs.url(), encode(LiveEndpoint.inform(serial, event, 1)));
    }

    private static void assertRetryLater(HttpResponse<byte[]> answer) {
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).get().satisfies(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
    }

    @Test
    void pastTheBoundPeriodicSessionsWaitWhileConnectionRequestsAndTransferCompletesAreAdmitted() throws Exception {
        acs = new LiveEndpoint(data, LiveEndpoint.testLimits().withSessions(3, 1));
        HttpClient first = cpe();
        HttpClient second = cpe();
        assertThat(messageOf(inform(first, "p1", EventStruct.PERIODIC))).isInstanceOf(InformResponse.class);
        assertThat(messageOf(inform(second, "p2", EventStruct.PERIODIC))).isInstanceOf(InformResponse.class);

        assertRetryLater(inform(cpe(), "p3", EventStruct.PERIODIC)); // the last place is reserved
        HttpClient woken = cpe();
        assertThat(messageOf(inform(woken, "woken", EventStruct.CONNECTION_REQUEST))).isInstanceOf(InformResponse.class);
        assertRetryLater(inform(cpe(), "transfer", EventStruct.TRANSFER_COMPLETE)); // now full for everyone

        // the sessions in flight are never refused: they finish, and then a periodic one gets in
        for (HttpClient started : List.of(first, second, woken)) {
            assertThat(post(started, acs.url(), new byte[0]).statusCode()).isEqualTo(204);
        }
        acs.aNormalSessionSucceeds("p3");
    }

    @Test
    void aStoppingEndpointRefusesNewSessionsWith503AndLetsEveryStartedOneFinishAndBeStored() throws Exception {
        acs = new LiveEndpoint(data, LiveEndpoint.testLimits().withShutdownGrace(Duration.ofSeconds(30)));
        List<HttpClient> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpClient cpe = cpe();
            assertThat(inform(cpe, "in-flight-" + i, EventStruct.PERIODIC).statusCode()).isEqualTo(200);
            started.add(cpe);
        }

        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(acs.server::stopGracefully);
        await().atMost(Duration.ofSeconds(10)).until(acs.server::isStopping);

        assertRetryLater(inform(cpe(), "newcomer", EventStruct.PERIODIC));
        assertThat(stopped).isNotDone();
        for (HttpClient cpe : started) {
            assertThat(post(cpe, acs.url(), new byte[0]).statusCode()).isEqualTo(204);
        }
        assertThat(stopped.get()).as("every session finished within the grace").isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(acs.store.informs(LiveEndpoint.idOf("in-flight-" + i), 10)).isNotEmpty();
        }
        assertThat(acs.store.informs(LiveEndpoint.idOf("newcomer"), 10)).isEmpty();
    }

    @Test
    void whenTheStoreIsSlowerThanItsBoundNewSessionsGet503WhileStartedOnesFinish() throws Exception {
        AtomicBoolean slow = new AtomicBoolean(true);
        // the seam: a store whose device loads take 300 ms while "slow" (a struggling disk or Cassandra node)
        UnaryOperator<AcsStore> slowStore = store -> {
            AcsStore spied = spy(store);
            doAnswer(call -> {
                if (slow.get()) {
                    Thread.sleep(300);
                }
                return call.callRealMethod();
            }).when(spied).loadSnapshot(any());
            return spied;
        };
        acs = new LiveEndpoint(data, LiveEndpoint.testLimits().withMaxStoreLatency(Duration.ofMillis(100)),
                TlsSettings.OFF, AllowAll.INSTANCE, slowStore);
        HttpClient started = cpe();
        assertThat(messageOf(inform(started, "started", EventStruct.PERIODIC))).isInstanceOf(InformResponse.class);

        assertRetryLater(inform(cpe(), "newcomer", EventStruct.PERIODIC));
        assertThat(acs.shed).containsExactly(ShedReason.STORE_SLOW);
        // a connection request's session passes a slow store (an operator is waiting)
        HttpClient woken = cpe();
        assertThat(messageOf(inform(woken, "woken", EventStruct.CONNECTION_REQUEST))).isInstanceOf(InformResponse.class);

        // the started sessions finish and are stored
        assertThat(post(started, acs.url(), new byte[0]).statusCode()).isEqualTo(204);
        assertThat(post(woken, acs.url(), new byte[0]).statusCode()).isEqualTo(204);
        assertThat(acs.store.informs(LiveEndpoint.idOf("started"), 10)).isNotEmpty();
        assertThat(acs.store.informs(LiveEndpoint.idOf("newcomer"), 10)).isEmpty();

        // once the store is fast again, the next openings bring the average under the bound
        slow.set(false);
        HttpClient again = cpe();
        assertThat(messageOf(inform(again, "woken", EventStruct.CONNECTION_REQUEST))).isInstanceOf(InformResponse.class);
        assertThat(post(again, acs.url(), new byte[0]).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpClient cpe = cpe();
            HttpResponse<byte[]> answer = inform(cpe, "newcomer", EventStruct.CONNECTION_REQUEST);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(post(cpe, acs.url(), new byte[0]).statusCode()).isEqualTo(204);
            acs.aNormalSessionSucceeds("after-slow");
        });
    }

    @Test
    void theIdleSweepSurvivesAFailureAndKeepsEndingIdleSessions() throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        UnaryOperator<AcsStore> failingOnce = store -> {
            AcsStore spied = spy(store);
            doAnswer(call -> {
                if (armed.getAndSet(false)) {
                    throw new IllegalStateException("disk on fire");
                }
                return call.callRealMethod();
            }).when(spied).commit(any());
            return spied;
        };
        acs = new LiveEndpoint(data, LiveEndpoint.testLimits(), TlsSettings.OFF, AllowAll.INSTANCE, failingOnce);

        assertThat(inform(cpe(), "abandoned-1", EventStruct.PERIODIC).statusCode()).isEqualTo(200);
        armed.set(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> acs.server.sessionsInProgress() == 0); // its end threw
        assertThat(armed).isFalse();
        assertThat(inform(cpe(), "abandoned-2", EventStruct.PERIODIC).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> acs.server.sessionsInProgress() == 0); // swept all the same

        assertThat(acs.store.informs(LiveEndpoint.idOf("abandoned-2"), 10)).isNotEmpty();
    }
}
