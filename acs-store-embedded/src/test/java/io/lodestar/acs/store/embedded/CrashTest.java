package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.parameter.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kill -9 in the middle of a stream of commits: every commit the child acknowledged (commit() returned) must
 * be there after a restart, intact, and no commit may be there in part.
 */
class CrashTest {

    private static final int ACKS = 200;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyAcknowledgedCommitSurvivesSigkill() throws Exception {
        Path dir = tmp.resolve("store");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        AtomicLong lastAck = new AtomicLong(-1);
        AtomicBoolean opened = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("open")) {
                        opened.set(true);
                    } else if (line.chars().allMatch(Character::isDigit) && !line.isEmpty()) {
                        long n = Long.parseLong(line);
                        assertThat(n).isEqualTo(lastAck.get() + 1);
                        lastAck.set(n);
                    } // anything else is not ours: logback's status lines when the classpath has two configurations
                }
            } catch (java.io.IOException e) {
                // the pipe closes when the child dies
            }
        }, "crash-child-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(40)).until(() -> lastAck.get() >= ACKS / 2 || !child.isAlive());
            assertThat(child.isAlive()).as("the child writes").isTrue();

            // a read-only inspection while another process holds the store open for writing
            long seenBeforeOpen = lastAck.get();
            try (RocksAcsStore inspector = RocksAcsStore.openReadOnly(dir)) {
                for (long n = 0; n <= seenBeforeOpen; n++) {
                    assertThat(inspector.parameters(CrashWriter.device(n), CrashWriter.path(n)))
                            .as("commit %d seen read-only", n).hasSize(1);
                }
            }

            await().atMost(Duration.ofSeconds(40)).until(() -> lastAck.get() >= ACKS || !child.isAlive());
            assertThat(child.isAlive()).isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        reader.join(10_000);
        assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        long acked = lastAck.get();
        assertThat(acked).isGreaterThanOrEqualTo(ACKS);

        try (RocksAcsStore store = RocksAcsStore.open(dir)) {
            // every acknowledged commit is there, intact
            for (long n = 0; n <= acked; n++) {
                DeviceId dev = CrashWriter.device(n);
                assertThat(store.parameters(dev, CrashWriter.path(n)))
                        .as("parameter of commit %d", n)
                        .containsExactly(new Parameter(CrashWriter.path(n), CrashWriter.payload(n), "xsd:string",
                                true, CrashWriter.at(n)));
                assertThat(store.findTask(CrashWriter.task(n).id())).as("task of commit %d", n)
                        .contains(CrashWriter.task(n));
            }
            // no commit is there in part: whatever the in-flight commits left is whole or absent
            for (long n = acked + 1; n <= acked + 64; n++) {
                boolean parameter = !store.parameters(CrashWriter.device(n), CrashWriter.path(n)).isEmpty();
                boolean task = store.findTask(CrashWriter.task(n).id()).isPresent();
                assertThat(parameter).as("commit %d is all or nothing", n).isEqualTo(task);
            }
            for (int d = 0; d < CrashWriter.DEVICES; d++) {
                DeviceId dev = CrashWriter.device(d);
                Map<String, Parameter> ps = store.loadSnapshot(dev).orElseThrow().parameters();
                long last = Long.parseLong(ps.get("Device.Last").value());
                assertThat(last).isGreaterThanOrEqualTo(acked - CrashWriter.DEVICES + 1);
                assertThat(ps).containsKey(CrashWriter.path(last));
                List<InformRecord> informs = store.informs(dev, 1);
                assertThat(informs).containsExactly(CrashWriter.inform(last));
            }
        }
    }
}
