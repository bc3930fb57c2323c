package io.lodestar.acs.server;

import io.lodestar.acs.api.MemoryTokenStore;
import io.lodestar.acs.cassandra.node.CassandraNode;
import io.lodestar.acs.cassandra.node.SharedCassandra;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.Settings;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.store.DeviceQuery;
import io.lodestar.acs.store.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode as an operator uses it: two ACS nodes on one real Cassandra serve simulated phones, and the
 * command line, through node a's API, searches the fleet by an indexed parameter and queues a task while the
 * nodes run; the device's next session, on the other node, runs it.
 */
class CassandraToolsTest {

    private static final String KEYSPACE = "cluster_tools";

    @TempDir
    Path data;

    /** A cluster node whose API keeps its tokens in {@code tokens} (the Cassandra engine keeps none yet). */
    private LodestarServer node(CassandraNode cassandra, String nodeId, TokenStore tokens) throws InterruptedException {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("cwmp.auth.mode", "off"));
        settings.putAll(Map.of(
                "cwmp.bind", "127.0.0.1", "cwmp.port", "0", "api.port", "0",
                "store.path", data.resolve(nodeId).toString(),
                "store.type", "cassandra",
                "store.cassandra.contact-points", "127.0.0.1:" + cassandra.contactPoint().getPort(),
                "store.cassandra.local-datacenter", cassandra.localDatacenter(),
                "store.cassandra.keyspace", KEYSPACE,
                "store.cassandra.consistency", "LOCAL_ONE",
                "cluster.node-id", nodeId));
        settings.put("files.port", "0");
        return LodestarServer.start(AcsConfig.from(Settings.load(null, Map.of(), settings)), tokens);
    }

    /** {@code lodestar ARGS} through a node's API, with the admin token its first start wrote. */
    private LodestarCli lodestar(LodestarServer node, String nodeId, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", "http://127.0.0.1:" + node.apiPort(), "--data", data.resolve(nodeId).toString()));
        return LodestarCli.run(all.toArray(String[]::new));
    }

    @Test
    void theToolsSearchTheClusterAndQueueATaskWhileTheNodesRun() throws Exception {
        CassandraNode cassandra = SharedCassandra.node();
        TokenStore tokens = new MemoryTokenStore();
        try (LodestarServer a = node(cassandra, "node-a", tokens);
             LodestarServer b = node(cassandra, "node-b", tokens);
             Simulator simulator = new Simulator(2)) {
            List<SimulatedCpe> phones = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SimulatedCpe phone = simulator.cpe(TwoAcsNodesTest.url(i % 2 == 0 ? a : b),
                        DataModel.ipPhone(String.format("TOOL%05d", i)));
                phones.add(phone);
                assertThat(phone.runSession().get(60, TimeUnit.SECONDS).ok()).isTrue();
            }
            DeviceId third = AcsHarness.idOf(phones.get(2));

            // an operator acting through node a's API, with the ACS nodes running
            LodestarCli search = lodestar(a, "node-a", "devices", "--filter", "Device.DeviceInfo.SerialNumber = \"TOOL00002\"");
            assertThat(search.exitCode()).as(search.err()).isZero();
            assertThat(search.out()).contains(third.value()).endsWith("1 device(s)\n");
            LodestarCli all = lodestar(a, "node-a", "devices");
            assertThat(all.out()).endsWith("4 device(s)\n");

            LodestarCli queued = lodestar(a, "node-a", "task", third.value(), "reboot", "--key", "tool-reboot");
            assertThat(queued.exitCode()).as(queued.err()).isZero();
            assertThat(queued.out()).contains("reboot for " + third.value() + ": PENDING");

            // the phone informed node a before; node b runs the task queued by the tool
            SimulatedCpe viaB = simulator.cpe(TwoAcsNodesTest.url(b), phones.get(2).model());
            SessionReport report = viaB.runSession(List.of(
                    io.lodestar.acs.core.rpc.EventStruct.of(io.lodestar.acs.core.rpc.EventStruct.PERIODIC)))
                    .get(60, TimeUnit.SECONDS);
            assertThat(report.ok()).as(report.failure()).isTrue();
            assertThat(report.rpcMethods()).contains("Reboot");
            List<Task> tasks = b.store().tasks(third);
            assertThat(tasks).singleElement().extracting(Task::status).isEqualTo(TaskStatus.DONE);

            // both nodes answer the same search
            assertThat(a.store().findDevices(DeviceQuery.ALL.withParameter("Device.DeviceInfo.SerialNumber",
                    "TOOL00002"), null, 10)).hasSize(1);
        }
    }
}
