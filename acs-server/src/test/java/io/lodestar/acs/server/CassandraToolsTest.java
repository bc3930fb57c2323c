package io.lodestar.acs.server;

import io.lodestar.acs.cassandra.node.CassandraNode;
import io.lodestar.acs.cassandra.node.SharedCassandra;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.server.cli.LodestarCommand;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.store.DeviceQuery;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode as an operator uses it: two ACS nodes on one real Cassandra serve simulated phones, and the
 * command-line tools, pointed at the same keyspace by settings, search the fleet by an indexed parameter and
 * queue a task while the nodes run; the device's next session, on the other node, runs it.
 */
class CassandraToolsTest {

    private static final String KEYSPACE = "cluster_tools";

    private record Run(int exitCode, String out, String err) {}

    private static Run lodestar(CassandraNode cassandra, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-s", "store.type=cassandra",
                "-s", "store.cassandra.contact-points=127.0.0.1:" + cassandra.contactPoint().getPort(),
                "-s", "store.cassandra.local-datacenter=" + cassandra.localDatacenter(),
                "-s", "store.cassandra.keyspace=" + KEYSPACE,
                "-s", "store.cassandra.consistency=LOCAL_ONE",
                // a list the nodes do not have: the tools search by what the keyspace records instead
                "-s", "store.indexed-parameters=Device.DeviceInfo.ModelName"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new LodestarCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theToolsSearchTheClusterAndQueueATaskWhileTheNodesRun() throws Exception {
        CassandraNode cassandra = SharedCassandra.node();
        try (LodestarServer a = TwoAcsNodesTest.acsNode(cassandra, KEYSPACE, "node-a");
             LodestarServer b = TwoAcsNodesTest.acsNode(cassandra, KEYSPACE, "node-b");
             Simulator simulator = new Simulator(2)) {
            List<SimulatedCpe> phones = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SimulatedCpe phone = simulator.cpe(TwoAcsNodesTest.url(i % 2 == 0 ? a : b),
                        DataModel.ipPhone(String.format("TOOL%05d", i)));
                phones.add(phone);
                assertThat(phone.runSession().get(60, TimeUnit.SECONDS).ok()).isTrue();
            }
            DeviceId third = AcsHarness.idOf(phones.get(2));

            // an operator acting through node a (the command line does so through node a's API once it serves one)
            io.lodestar.acs.service.Services viaA = io.lodestar.acs.service.Services.over(a.store(), java.time.Clock.systemUTC());
            assertThat(viaA.devices().search(DeviceQuery.ALL.withParameter("Device.DeviceInfo.SerialNumber", "TOOL00002"),
                    null, 10)).extracting(d -> d.id()).containsExactly(third);
            viaA.tasks().queue(third, new io.lodestar.acs.core.task.TaskAction.Reboot("tool-reboot"),
                    io.lodestar.acs.service.QueueOptions.timeToLive(java.time.Duration.ofDays(1)));

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
