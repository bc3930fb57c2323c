package io.lodestar.acs.server;

import io.lodestar.acs.cassandra.node.CassandraNode;
import io.lodestar.acs.cassandra.node.SharedCassandra;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.Settings;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ACS nodes on one real Cassandra node (default session leases: quorum claims) never run two sessions of one
 * device at once; of two sessions racing for a device one is served, and the other when the CPE retries.
 */
class TwoAcsNodesTest {

    static LodestarServer acsNode(CassandraNode cassandra, String keyspace, String nodeId) throws Exception {
        // a data directory of its own: the admin token is written there, never into the working directory
        Path data = Files.createTempDirectory("lodestar-" + nodeId);
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "cwmp.bind", "127.0.0.1", "cwmp.port", "0", "api.port", "0", "files.port", "0",
                "store.type", "cassandra",
                "store.cassandra.contact-points", "127.0.0.1:" + cassandra.contactPoint().getPort(),
                "store.cassandra.local-datacenter", cassandra.localDatacenter(),
                "store.cassandra.keyspace", keyspace,
                "store.cassandra.consistency", "LOCAL_ONE",
                "cluster.node-id", nodeId));
        settings.put("store.path", data.toString());
        settings.put("cwmp.auth.mode", "off");
        return LodestarServer.start(AcsConfig.from(Settings.load(null, Map.of(), settings)));
    }

    static URI url(LodestarServer acs) {
        return URI.create("http://127.0.0.1:" + acs.cwmpPort() + "/");
    }

    @Test
    void aDeviceInSessionOnOneNodeIsAskedToRetryByTheOther() throws Exception {
        CassandraNode cassandra = SharedCassandra.node();
        try (LodestarServer a = acsNode(cassandra, "two_nodes_a", "node-a");
             LodestarServer b = acsNode(cassandra, "two_nodes_a", "node-b")) {
            RawCpe onA = new RawCpe(url(a));
            RawCpe onB = new RawCpe(url(b));

            assertThat(RawCpe.messageOf(onA.send(RawCpe.inform("TWO0001", EventStruct.BOOTSTRAP))))
                    .isInstanceOf(InformResponse.class);
            HttpResponse<byte[]> refused = onB.send(RawCpe.inform("TWO0001", EventStruct.PERIODIC));

            assertThat(refused.statusCode()).isEqualTo(500);
            CwmpFault fault = (CwmpFault) RawCpe.messageOf(refused);
            assertThat(fault.faultCode()).isEqualTo(CwmpFault.RETRY_REQUEST);
            assertThat(fault.faultString()).contains("another ACS node");

            // A's session ends; now B may serve the device
            assertThat(RawCpe.messageOf(onA.send(null))).isInstanceOf(GetParameterNames.class);
            assertThat(onA.send(new GetParameterNamesResponse(List.of())).statusCode()).isEqualTo(204);
            assertThat(RawCpe.messageOf(onB.send(RawCpe.inform("TWO0001", EventStruct.PERIODIC))))
                    .isInstanceOf(InformResponse.class);
        }
    }

    @Test
    void phonesThatInformBothNodesAtOnceAreServedOneSessionAtATime() throws Exception {
        CassandraNode cassandra = SharedCassandra.node();
        try (LodestarServer a = acsNode(cassandra, "two_nodes_b", "node-a");
             LodestarServer b = acsNode(cassandra, "two_nodes_b", "node-b");
             Simulator simulator = new Simulator(2)) {
            List<SimulatedCpe> onA = new ArrayList<>();
            List<SimulatedCpe> viaBs = new ArrayList<>();
            List<CompletableFuture<SessionReport>> first = new ArrayList<>();
            List<CompletableFuture<SessionReport>> second = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                DataModel model = DataModel.ipPhone(String.format("BOTH%05d", i));
                SimulatedCpe viaA = simulator.cpe(url(a), model);
                SimulatedCpe viaB = simulator.cpe(url(b), model);
                onA.add(viaA);
                viaBs.add(viaB);
                first.add(viaA.runSession());
                second.add(viaB.runSession(List.of(EventStruct.of(EventStruct.PERIODIC))));
            }
            CompletableFuture.allOf(first.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
            CompletableFuture.allOf(second.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);

            for (int i = 0; i < onA.size(); i++) {
                SessionReport viaA = first.get(i).join();
                SessionReport viaB = second.get(i).join();
                // each refusal is the lease's doing: fault 8005 from the node that lost the race
                for (SessionReport r : List.of(viaA, viaB)) {
                    if (!r.ok()) {
                        assertThat(r.failure()).contains("8005");
                    }
                }
                // of a racing pair one is served: the earlier claim waits for the later to withdraw
                assertThat(viaA.ok() || viaB.ok()).as("phone %d: a session of the pair served (%s, %s)", i,
                        viaA.failure(), viaB.failure()).isTrue();
                // and the refused one, retried as the CPE does, is served too
                if (!viaA.ok()) {
                    assertThat(onA.get(i).runSession().get(60, TimeUnit.SECONDS).ok()).as("phone %d retried on A", i)
                            .isTrue();
                }
                if (!viaB.ok()) {
                    assertThat(viaBs.get(i).runSession(List.of(EventStruct.of(EventStruct.PERIODIC)))
                            .get(60, TimeUnit.SECONDS).ok()).as("phone %d retried on B", i).isTrue();
                }
            }
            // whatever node served them, every device's whole tree is stored
            for (int i = 0; i < onA.size(); i++) {
                AcsHarness.assertStoredEqualsCpe(b.store(), onA.get(i), "");
            }
        }
    }
}
