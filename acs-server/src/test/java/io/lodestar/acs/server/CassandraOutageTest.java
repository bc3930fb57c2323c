package io.lodestar.acs.server;

import io.lodestar.acs.cassandra.node.CassandraNode;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Cassandra node stops and comes back during a simulator run: new sessions get 503 with Retry-After,
 * a session in flight ends without a partial write, and the ACS recovers by itself.
 */
class CassandraOutageTest {

    @TempDir
    Path dir;

    @Test
    void anOutageIsRefusedCleanlyAndTheAcsRecoversByItself() throws Exception {
        try (CassandraNode cassandra = CassandraNode.builder().directory(dir.resolve("cassandra")).build().start();
             LodestarServer acs = TwoAcsNodesTest.acsNode(cassandra, "outage", "node-a");
             Simulator simulator = new Simulator(2)) {
            SimulatedCpe before = simulator.cpe(TwoAcsNodesTest.url(acs), DataModel.ipPhone("OUT00001"));
            assertThat(before.runSession().get(60, TimeUnit.SECONDS).ok()).isTrue();

            // a session is in flight when the node goes away
            RawCpe inFlight = new RawCpe(TwoAcsNodesTest.url(acs));
            assertThat(inFlight.send(RawCpe.inform("OUT-INFLIGHT", EventStruct.PERIODIC)).statusCode()).isEqualTo(200);
            assertThat(RawCpe.messageOf(inFlight.send(null))).isInstanceOf(GetParameterNames.class);

            cassandra.stop();

            // the session's end cannot be stored: the CPE is told to come back, nothing partial is written
            HttpResponse<byte[]> end = inFlight.send(new GetParameterNamesResponse(List.of()));
            assertThat(end.statusCode()).isEqualTo(503);
            assertThat(end.headers().firstValue("Retry-After")).isPresent();
            // new sessions are refused with 503 and a Retry-After
            HttpResponse<byte[]> refused = new RawCpe(TwoAcsNodesTest.url(acs))
                    .send(RawCpe.inform("OUT00002", EventStruct.BOOTSTRAP));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            SessionReport duringOutage = simulator.cpe(TwoAcsNodesTest.url(acs), DataModel.ipPhone("OUT00003"))
                    .runSession().get(60, TimeUnit.SECONDS);
            assertThat(duringOutage.ok()).isFalse();
            assertThat(duringOutage.httpStatuses()).contains(503);

            cassandra.start();

            // the ACS recovers by itself: same process, same store
            SimulatedCpe after = simulator.cpe(TwoAcsNodesTest.url(acs), DataModel.ipPhone("OUT00004"));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> after.runSession().get(60, TimeUnit.SECONDS).ok());
            AcsHarness.assertStoredEqualsCpe(acs.store(), after, "");
            AcsHarness.assertStoredEqualsCpe(acs.store(), before, "");
            // nothing of the session whose end could not be stored is there: it was not acknowledged
            assertThat(acs.store().findDevice(new DeviceId("00D09E-Box-OUT%2DINFLIGHT"))).isEmpty();
        }
    }
}
