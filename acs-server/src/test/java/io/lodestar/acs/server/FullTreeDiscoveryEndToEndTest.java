package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.rpc.CpeRpcHandler.FullTreeNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 1,002-parameter gateway of ../shared learned over real HTTP: with one GetParameterNames for the whole tree
 * (the default), level by level when the gateway faults or flattens NextLevel=false, and level by level from the
 * start when a quirk in the data directory says so. Each test prints the round trips and the session's time
 * (the figures of docs/discovery.md).
 */
class FullTreeDiscoveryEndToEndTest {

    @TempDir
    Path data;

    private static long count(SessionReport report, String method) {
        return report.rpcMethods().stream().filter(method::equals).count();
    }

    private static void print(String how, SessionReport report) {
        System.out.printf("discovery figures: %s: GetParameterNames=%d GetParameterValues=%d round trips=%d "
                        + "(with Inform and the final empty POST: %d HTTP exchanges) time=%d ms%n", how,
                count(report, "GetParameterNames"), count(report, "GetParameterValues"), report.rpcMethods().size(),
                report.httpStatuses().size(), report.duration().toMillis());
    }

    @Test
    void theGatewayIsLearnedWithOneGetParameterNamesByDefault() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe gateway = acs.gateway();

            SessionReport report = AcsHarness.ok(gateway);

            print("full tree (default)", report);
            assertThat(count(report, "GetParameterNames")).isEqualTo(1);
            assertThat(gateway.rpcHandler().fullTreeNamesAsked()).isEqualTo(1);
            acs.assertStoredEqualsCpe(gateway, "");
            assertThat(acs.store().findDevice(AcsHarness.idOf(gateway)).orElseThrow().discoveryRequired()).isFalse();
        }
    }

    @Test
    void theLevelWalkSettingAsksOnceForEveryObject() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("session.discovery", "level-by-level"))) {
            SimulatedCpe gateway = acs.gateway();

            SessionReport report = AcsHarness.ok(gateway);

            print("level by level (session.discovery=level-by-level)", report);
            assertThat(count(report, "GetParameterNames")).isGreaterThan(100);
            assertThat(gateway.rpcHandler().fullTreeNamesAsked()).isZero();
            acs.assertStoredEqualsCpe(gateway, "");
        }
    }

    @Test
    void aGatewayThatFaultsTheWholeTreeListingIsWalkedLevelByLevelInTheSameSession() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe gateway = acs.gateway();
            gateway.rpcHandler().fullTreeNames(FullTreeNames.FAULTED);

            SessionReport report = AcsHarness.ok(gateway);

            print("full tree faulted 9004, fallen back", report);
            assertThat(report.rpcMethods()).startsWith("GetParameterNames", "GetParameterNames");
            assertThat(count(report, "GetParameterNames")).isGreaterThan(100);
            acs.assertStoredEqualsCpe(gateway, "");
            DeviceId id = AcsHarness.idOf(gateway);
            assertThat(acs.store().findDevice(id).orElseThrow().discoveryRequired()).isFalse();
            assertThat(acs.store().faults(id, 10)).extracting(DeviceFault::code).contains(9004);
        }
    }

    @Test
    void aGatewayThatIgnoresNextLevelFalseIsWalkedOnLevelByLevel() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe gateway = acs.gateway();
            gateway.rpcHandler().fullTreeNames(FullTreeNames.NEXT_LEVEL_ONLY);

            SessionReport report = AcsHarness.ok(gateway);

            print("full tree answered one level deep, walked on", report);
            acs.assertStoredEqualsCpe(gateway, "");
        }
    }

    @Test
    void aQuirkInTheDataDirectoryMakesTheAcsWalkTheGatewayLevelByLevelWithItsBatchSize() throws Exception {
        Files.writeString(data.resolve("quirks.properties"), """
                # this gateway (in the test) cannot list its whole tree
                quirk.bm632w.oui = 202BC1
                quirk.bm632w.product-class = BM632w
                quirk.bm632w.software-version = V100R001*
                quirk.bm632w.discovery = level-by-level
                quirk.bm632w.values-per-request = 500
                """);
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe gateway = acs.gateway();
            gateway.rpcHandler().fullTreeNames(FullTreeNames.FAULTED);

            SessionReport report = AcsHarness.ok(gateway);

            assertThat(gateway.rpcHandler().fullTreeNamesAsked()).isZero();
            assertThat(count(report, "GetParameterValues")).isLessThanOrEqualTo(3);
            acs.assertStoredEqualsCpe(gateway, "");
            assertThat(acs.store().faults(AcsHarness.idOf(gateway), 10)).isEmpty();
        }
    }
}
