package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The store while its (only) Cassandra node is down: every method fails quickly with
 * {@link StoreUnavailableException}, and the same store instance works again once the node is back (the driver
 * reconnects by itself).
 */
class CassandraOutageTest {

    private static final String KEYSPACE = "outage";
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456789Z");

    @RegisterExtension
    static final CassandraKeyspace keyspace = CassandraKeyspace.keptAcrossTests(KEYSPACE);

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void unavailableWhileTheNodeIsDownThenBackWithoutReopening() {
        Duration requestTimeout = Duration.ofSeconds(2);
        Device d = Device.register(new DeviceId("outage-1"), T0);
        Parameter p = new Parameter("Device.A", "1", "xsd:string", true, T0);
        try (CassandraAcsStore store = CassandraAcsStore.open(keyspace.config()
                .withRequestTimeout(requestTimeout))) {
            store.commit(new SessionChanges.Builder(d).upsert(p).build());

            keyspace.cassandra().node.stop();
            try {
                long start = System.nanoTime();
                unavailable(() -> store.loadSnapshot(d.id()));
                unavailable(() -> store.findDevice(d.id()));
                unavailable(() -> store.commit(new SessionChanges.Builder(d).build()));
                unavailable(() -> store.addTask(Task.queue(d.id(), new TaskAction.Reboot("r"), T0, Duration.ofDays(1))));
                unavailable(() -> store.listDevices(null, 10));
                unavailable(() -> store.acquireLease(d.id(), "node-a", Duration.ofMinutes(1)));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).as("six calls, each bounded by the request timeout")
                        .isLessThan(requestTimeout.multipliedBy(6).plusSeconds(5));
            } finally {
                keyspace.cassandra().node.start();
            }

            // the same instance: the driver reconnects by itself
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .ignoreException(StoreUnavailableException.class)
                    .until(() -> store.findDevice(d.id()).isPresent());
            assertThat(store.parameters(d.id(), "")).containsExactly(p);
            Parameter q = new Parameter("Device.B", "2", "xsd:string", false, T0);
            store.commit(new SessionChanges.Builder(d).upsert(q).build());
            assertThat(store.loadSnapshot(d.id()).orElseThrow().parameters()).containsValues(p, q);
            assertThat(store.acquireLease(d.id(), "node-a", Duration.ofMinutes(1))).isTrue();
            assertThat(store.listDevices(null, 10)).extracting(Device::id).containsExactly(d.id());
        }
    }

    private static void unavailable(Executable call) {
        long start = System.nanoTime();
        assertThatThrownBy(call::execute).isInstanceOf(StoreUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
