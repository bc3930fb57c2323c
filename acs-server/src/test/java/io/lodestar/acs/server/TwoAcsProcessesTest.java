package io.lodestar.acs.server;

import io.lodestar.acs.cassandra.node.CassandraNode;
import io.lodestar.acs.cassandra.node.SharedCassandra;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.cassandra.CassandraAcsStore;
import io.lodestar.acs.store.cassandra.CassandraStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two ACS processes, started as a user starts them ({@code lodestar run -s store.type=cassandra}), on one
 * real Cassandra node: they apply the schema side by side, never serve one device in two sessions at once, and of
 * two sessions racing for a device serve one at once and the other when the CPE retries.
 */
class TwoAcsProcessesTest {

    @TempDir
    Path work;

    private Process acs(CassandraNode cassandra, String nodeId, int port) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.lodestar.acs.server.cli.LodestarCommand", "run", "--bind", "127.0.0.1",
                "--cwmp-port", String.valueOf(port), "--data", work.resolve(nodeId).toString(),
                "-s", "store.type=cassandra",
                "-s", "store.cassandra.contact-points=127.0.0.1:" + cassandra.contactPoint().getPort(),
                "-s", "store.cassandra.local-datacenter=" + cassandra.localDatacenter(),
                "-s", "store.cassandra.keyspace=two_processes",
                "-s", "cluster.node-id=" + nodeId, "-s", "api.port=0", "-s", "files.port=0",
                "-s", "cwmp.auth.mode=off")
                .redirectErrorStream(true).redirectOutput(work.resolve(nodeId + ".log").toFile()).start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /**
     * Waits for the process's CWMP port. A process that ended fails the test at once with its log; the bound is
     * generous because two JVMs applying a schema on a busy 2-core CI machine can take over a minute.
     */
    private void awaitListening(Process process, String nodeId, int port) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(240)).failFast("the ACS process exited", () -> !process.isAlive())
                    .ignoreExceptions().until(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return true;
                }
            });
        } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError("ACS " + nodeId + " is not listening on " + port + "; its log:\n"
                    + java.nio.file.Files.readString(work.resolve(nodeId + ".log")), e);
        }
    }

    @Test
    void twoProcessesOnOneClusterNeverDoubleASession() throws Exception {
        CassandraNode cassandra = SharedCassandra.node();
        int portA = freePort();
        int portB = freePort();
        Process a = acs(cassandra, "proc-a", portA);
        Process b = acs(cassandra, "proc-b", portB);
        try (Simulator simulator = new Simulator(2)) {
            awaitListening(a, "proc-a", portA);
            awaitListening(b, "proc-b", portB);
            URI urlA = URI.create("http://127.0.0.1:" + portA + "/");
            URI urlB = URI.create("http://127.0.0.1:" + portB + "/");

            // a device held by process A is refused by process B
            RawCpe onA = new RawCpe(urlA);
            assertThat(RawCpe.messageOf(onA.send(RawCpe.inform("PROC0001", EventStruct.BOOTSTRAP))))
                    .isInstanceOf(InformResponse.class);
            HttpResponse<byte[]> refused = new RawCpe(urlB).send(RawCpe.inform("PROC0001", EventStruct.PERIODIC));
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(((CwmpFault) RawCpe.messageOf(refused)).faultCode()).isEqualTo(CwmpFault.RETRY_REQUEST);

            // phones informing both processes at once: one session at a time, each tree stored whole
            List<SimulatedCpe> phones = new ArrayList<>();
            List<SimulatedCpe> phonesViaB = new ArrayList<>();
            List<CompletableFuture<SessionReport>> viaA = new ArrayList<>();
            List<CompletableFuture<SessionReport>> viaB = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                DataModel model = DataModel.ipPhone(String.format("PROC1%04d", i));
                SimulatedCpe phone = simulator.cpe(urlA, model);
                phones.add(phone);
                viaA.add(phone.runSession());
                SimulatedCpe phoneViaB = simulator.cpe(urlB, model);
                phonesViaB.add(phoneViaB);
                viaB.add(phoneViaB.runSession(List.of(EventStruct.of(EventStruct.PERIODIC))));
            }
            CompletableFuture.allOf(viaA.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
            CompletableFuture.allOf(viaB.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);

            CassandraStoreConfig config = CassandraStoreConfig.of(
                    List.of("127.0.0.1:" + cassandra.contactPoint().getPort()), cassandra.localDatacenter())
                    .withKeyspace("two_processes");
            try (AcsStore store = CassandraAcsStore.open(config)) {
                for (int i = 0; i < phones.size(); i++) {
                    SessionReport first = viaA.get(i).join();
                    SessionReport second = viaB.get(i).join();
                    for (SessionReport r : List.of(first, second)) {
                        if (!r.ok()) {
                            assertThat(r.failure()).contains("8005");
                        }
                    }
                    // of a racing pair one is served: the earlier claim waits for the later to withdraw
                    assertThat(first.ok() || second.ok()).as("phone %d: a session of the pair served (%s, %s)", i,
                            first.failure(), second.failure()).isTrue();
                    // and the refused one, retried as the CPE does, is served too
                    if (!first.ok()) {
                        assertThat(phones.get(i).runSession().get(60, TimeUnit.SECONDS).ok())
                                .as("phone %d retried on A", i).isTrue();
                    }
                    if (!second.ok()) {
                        assertThat(phonesViaB.get(i).runSession(List.of(EventStruct.of(EventStruct.PERIODIC)))
                                .get(60, TimeUnit.SECONDS).ok()).as("phone %d retried on B", i).isTrue();
                    }
                    AcsHarness.assertStoredEqualsCpe(store, phones.get(i), "");
                }
            }
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
            a.waitFor(30, TimeUnit.SECONDS);
            b.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
