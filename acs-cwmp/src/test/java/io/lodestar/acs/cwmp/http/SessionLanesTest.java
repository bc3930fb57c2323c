package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.InformResponse;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static io.lodestar.acs.cwmp.http.LiveEndpoint.encode;
import static io.lodestar.acs.cwmp.http.LiveEndpoint.idOf;
import static io.lodestar.acs.cwmp.http.LiveEndpoint.messageOf;
import static io.lodestar.acs.cwmp.http.LiveEndpoint.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

/**
 * The queue in front of the session engine: a woken device's session goes before a storm's, a storm past the
 * reserved places is shed before it queues, over real HTTP against the real endpoint.
 */
class SessionLanesTest {

    @TempDir
    Path data;

    private LiveEndpoint acs;
    private final CountDownLatch release = new CountDownLatch(1);
    /** The devices whose sessions the store was asked to open, in order. */
    private final List<DeviceId> loads = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        release.countDown();
        if (acs != null) {
            acs.close();
        }
    }

    /** A store whose device loads are recorded, and those of the "blocker" devices wait for the latch. */
    private UnaryOperator<AcsStore> recordingStore() {
        return store -> {
            AcsStore spied = spy(store);
            doAnswer(call -> {
                DeviceId id = call.getArgument(0);
                loads.add(id);
                if (id.value().contains("blocker")) {
                    release.await(30, TimeUnit.SECONDS);
                }
                return call.callRealMethod();
            }).when(spied).loadSnapshot(any());
            return spied;
        };
    }

    private static HttpClient cpe() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private CompletableFuture<HttpResponse<byte[]>> informLater(String serial, String event) {
        acs.known(serial);
        HttpClient cpe = cpe();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return post(cpe, acs.url(), encode(LiveEndpoint.inform(serial, event, 1)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void requestsAreServedWokenSessionsFirstThenSessionsInProgressThenNewSessionsEachInArrivalOrder() {
        PriorityBlockingQueue<SessionLanes.Job> queue = new PriorityBlockingQueue<>();
        Runnable nothing = () -> { };
        queue.add(new SessionLanes.Job(SessionLanes.Lane.NEW, 1, nothing));
        queue.add(new SessionLanes.Job(SessionLanes.Lane.IN_SESSION, 2, nothing));
        queue.add(new SessionLanes.Job(SessionLanes.Lane.NEW, 3, nothing));
        queue.add(new SessionLanes.Job(SessionLanes.Lane.PREFERRED, 4, nothing));
        queue.add(new SessionLanes.Job(SessionLanes.Lane.IN_SESSION, 5, nothing));

        List<Long> order = new ArrayList<>();
        while (!queue.isEmpty()) {
            order.add(queue.poll().arrival());
        }
        assertThat(order).containsExactly(4L, 2L, 5L, 1L, 3L);
    }

    @Test
    void aWokenDevicesInformIsTakenBeforeTheBootStormQueuedAheadOfIt() throws Exception {
        acs = new LiveEndpoint(data, LiveEndpoint.testLimits(), recordingStore(), 1, null);
        CompletableFuture<HttpResponse<byte[]>> blocker = informLater("blocker", EventStruct.PERIODIC);
        await().atMost(Duration.ofSeconds(10)).until(() -> loads.contains(idOf("blocker"))); // the one worker is held
        List<CompletableFuture<HttpResponse<byte[]>>> storm = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            storm.add(informLater("boot-" + i, EventStruct.BOOT));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> acs.server.queuedRequests() == 10);
        CompletableFuture<HttpResponse<byte[]>> woken = informLater("woken", EventStruct.CONNECTION_REQUEST);
        await().atMost(Duration.ofSeconds(10)).until(() -> acs.server.queuedRequests() == 11);

        release.countDown();

        assertThat(messageOf(woken.get(30, TimeUnit.SECONDS))).isInstanceOf(InformResponse.class);
        for (CompletableFuture<HttpResponse<byte[]>> boot : storm) {
            assertThat(boot.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(blocker.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(loads.get(0)).isEqualTo(idOf("blocker"));
        assertThat(loads.get(1)).as("the first session opened after the held one").isEqualTo(idOf("woken"));
    }

    @Test
    void aStormPastTheReservedPlacesIsAnswered503WhileEveryWorkerIsBusyAndAWokenDeviceStillGetsIn() throws Exception {
        acs = new LiveEndpoint(data, LiveEndpoint.testLimits().withSessions(3, 2), recordingStore(), 1, null);
        HttpClient first = cpe();
        acs.known("p1");
        assertThat(messageOf(post(first, acs.url(), encode(LiveEndpoint.inform("p1", EventStruct.PERIODIC, 1)))))
                .isInstanceOf(InformResponse.class);
        CompletableFuture<HttpResponse<byte[]>> blocker = informLater("blocker", EventStruct.CONNECTION_REQUEST);
        await().atMost(Duration.ofSeconds(10)).until(() -> loads.contains(idOf("blocker")));

        // the only worker is held by the blocker's opening: a periodic Inform is refused without waiting for it
        HttpResponse<byte[]> refused = informLater("late", EventStruct.PERIODIC).get(10, TimeUnit.SECONDS);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(acs.shed).containsExactly(ShedReason.TOO_MANY_SESSIONS);
        assertThat(loads).doesNotContain(idOf("late"));

        CompletableFuture<HttpResponse<byte[]>> woken = informLater("woken", EventStruct.CONNECTION_REQUEST);
        release.countDown();
        assertThat(messageOf(woken.get(30, TimeUnit.SECONDS))).isInstanceOf(InformResponse.class);
        assertThat(blocker.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aDeviceBeingWokenIsAdmittedInTheReservedPlacesEvenWhenItInformsWithABoot() throws Exception {
        Set<DeviceId> waking = Set.of(idOf("rebooted"));
        acs = new LiveEndpoint(data, LiveEndpoint.testLimits().withSessions(2, 1), UnaryOperator.identity(), 2,
                new io.lodestar.acs.cwmp.http.CwmpServer.WakingDevices() {
                    @Override
                    public boolean waking(DeviceId device) {
                        return waking.contains(device);
                    }

                    @Override
                    public boolean any() {
                        return true;
                    }
                });
        HttpClient first = cpe();
        acs.known("p1");
        assertThat(post(first, acs.url(), encode(LiveEndpoint.inform("p1", EventStruct.PERIODIC, 1))).statusCode())
                .isEqualTo(200);

        assertThat(informLater("other", EventStruct.BOOT).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
        assertThat(messageOf(informLater("rebooted", EventStruct.BOOT).get(10, TimeUnit.SECONDS)))
                .isInstanceOf(InformResponse.class);
    }

    @Test
    void aCpeThatClosesItsConnectionWhileItsInformIsHandledHasThatSessionEndedSoItsRetryIsServed() throws Exception {
        acs = new LiveEndpoint(data, LiveEndpoint.testLimits(), recordingStore(), 2, null);
        acs.known("blocker-gave-up");
        byte[] inform = encode(LiveEndpoint.inform("blocker-gave-up", EventStruct.PERIODIC, 1));
        try (RawConnection gaveUp = new RawConnection(acs.server.port())) {
            gaveUp.send("POST / HTTP/1.1\r\nHost: acs\r\nContent-Type: text/xml\r\nContent-Length: " + inform.length
                    + "\r\n\r\n");
            gaveUp.send(inform);
            await().atMost(Duration.ofSeconds(10)).until(() -> loads.contains(idOf("blocker-gave-up")));
        } // the CPE's own time-out: it closes the connection while the ACS still opens its session
        await().atMost(Duration.ofSeconds(10)).until(() -> acs.server.openConnections() == 0);
        release.countDown();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !acs.store.informs(idOf("blocker-gave-up"), 10).isEmpty());
        assertThat(acs.server.sessionsInProgress()).isZero();

        // its retry at once (well within the session idle time-out) opens a session: no fault 8005
        HttpClient retry = cpe();
        HttpResponse<byte[]> answer = post(retry, acs.url(), inform);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(messageOf(answer)).isInstanceOf(InformResponse.class);
        assertThat(post(retry, acs.url(), new byte[0]).statusCode()).isEqualTo(204);
    }

    @Test
    void aRequestWhoseCpeGaveUpWhileItWaitedForAWorkerIsDroppedAndItsSessionEnded() throws Exception {
        acs = new LiveEndpoint(data, LiveEndpoint.testLimits(), recordingStore(), 1, null);
        HttpClient started = cpe();
        acs.known("started");
        assertThat(post(started, acs.url(), encode(LiveEndpoint.inform("started", EventStruct.PERIODIC, 1)))
                .statusCode()).isEqualTo(200);
        CompletableFuture<HttpResponse<byte[]>> blocker = informLater("blocker", EventStruct.PERIODIC);
        await().atMost(Duration.ofSeconds(10)).until(() -> loads.contains(idOf("blocker")));
        acs.known("queued");
        byte[] inform = encode(LiveEndpoint.inform("queued", EventStruct.BOOT, 1));
        try (RawConnection gaveUp = new RawConnection(acs.server.port())) {
            gaveUp.send("POST / HTTP/1.1\r\nHost: acs\r\nContent-Type: text/xml\r\nContent-Length: " + inform.length
                    + "\r\n\r\n");
            gaveUp.send(inform);
            await().atMost(Duration.ofSeconds(10)).until(() -> acs.server.queuedRequests() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> acs.server.openConnections() == 3);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> acs.server.openConnections() == 2);
        release.countDown();
        assertThat(blocker.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> acs.server.queuedRequests() == 0);
        assertThat(loads).as("no session opened for a CPE that is gone").doesNotContain(idOf("queued"));
        assertThat(post(started, acs.url(), new byte[0]).statusCode()).isEqualTo(204);
    }
}
