package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static io.lodestar.acs.core.session.Fixtures.DEVICE_ID;
import static io.lodestar.acs.core.session.Fixtures.T0;
import static io.lodestar.acs.core.session.Fixtures.inform;
import static io.lodestar.acs.core.session.Fixtures.known;
import static io.lodestar.acs.core.session.Fixtures.open;
import static io.lodestar.acs.core.session.Fixtures.play;
import static io.lodestar.acs.core.session.Fixtures.policy;
import static io.lodestar.acs.core.session.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

class CwmpSessionDiscoveryTest {

    /** Device.A.{x,y,z}, Device.B.1.v, Device.C: small enough to spell out every request. */
    private static FakeCpe small() {
        return new FakeCpe()
                .leaf("Device.A.x", "1")
                .leaf("Device.A.y", "2", "xsd:int", true)
                .leaf("Device.A.z", "3")
                .object("Device.B.", true)
                .object("Device.B.1.", true)
                .leaf("Device.B.1.v", "4", "xsd:boolean", true)
                .leaf("Device.C", "5");
    }

    /** 1000 leaves: Device.Big.{1..10}.Sub.{1..10}.P{1..10}, with mixed types and writability. */
    static FakeCpe big() {
        FakeCpe cpe = new FakeCpe();
        for (int i = 1; i <= 10; i++) {
            for (int j = 1; j <= 10; j++) {
                for (int k = 1; k <= 10; k++) {
                    cpe.leaf("Device.Big." + i + ".Sub." + j + ".P" + k, "v-" + i + "-" + j + "-" + k,
                            k % 2 == 0 ? "xsd:unsignedInt" : "xsd:string", k % 3 == 0);
                }
            }
        }
        return cpe;
    }

    private static CwmpSession newDevice(FakeCpe cpe, SessionPolicy policy, Instant now) {
        return open(inform(List.of("0 BOOTSTRAP", "1 BOOT"), Fixtures.informParams(cpe)), Optional.empty(),
                List.of(), policy, now);
    }

    /** A new device whose Inform carries only the root, so upserts hold exactly what discovery found. */
    private static CwmpSession newBareDevice(SessionPolicy policy, Instant now) {
        return open(inform(List.of("1 BOOT"), List.of()), Optional.of(rediscover()), List.of(), policy, now);
    }

    /** Registered, never heard from (a device that informed without finishing its discovery resumes level by level). */
    private static DeviceSnapshot rediscover() {
        DeviceSnapshot s = known(Map.of(), Set.of());
        return new DeviceSnapshot(s.device().toBuilder()
                .lastContact(new io.lodestar.acs.core.device.LastContact(null, null, List.of(), null, null))
                .build().withDiscovery(true, null), s.parameters());
    }

    @Test
    void levelByLevelAsksEachObjectsChildrenAndReadsLeavesInBatches() {
        FakeCpe cpe = small();
        Fixtures.Run run = play(newBareDevice(policy(DiscoveryMode.LEVEL_BY_LEVEL, 2, 1000), T0), cpe, T0);

        assertThat(run.requests()).containsExactly(
                new GetParameterNames("Device.", true),
                new GetParameterNames("Device.A.", true),
                new GetParameterValues(List.of("Device.C", "Device.A.x")),
                new GetParameterValues(List.of("Device.A.y", "Device.A.z")),
                new GetParameterNames("Device.B.", true),
                new GetParameterNames("Device.B.1.", true),
                new GetParameterValues(List.of("Device.B.1.v")));
    }

    @Test
    void discoveryStoresObjectsWithoutValueLeavesWithValuesAndReplacesTheSubtree() {
        FakeCpe cpe = small();
        Instant start = T0;
        Duration tick = Duration.ofSeconds(1);
        Fixtures.Run run = play(newBareDevice(policy(DiscoveryMode.LEVEL_BY_LEVEL, 2, 1000), start), cpe, start,
                tick);
        SessionChanges changes = run.changes();
        // the answers were taken at start + 1s ... start + 7s
        Instant end = start.plusSeconds(7);

        assertThat(changes.deletedSubtrees()).containsExactly("Device.");
        assertThat(changes.upserts().keySet()).containsExactlyInAnyOrder("Device.", "Device.A.", "Device.B.", "Device.B.1.",
                "Device.A.x", "Device.A.y", "Device.A.z", "Device.B.1.v", "Device.C");
        assertThat(run.upsert("Device.A.")).isEqualTo(new Parameter("Device.A.", null, null, false, start.plusSeconds(1)));
        assertThat(run.upsert("Device.B.1.")).isEqualTo(
                new Parameter("Device.B.1.", null, null, true, start.plusSeconds(5)));
        assertThat(run.upsert("Device.C")).isEqualTo(new Parameter("Device.C", "5", "xsd:string", false,
                start.plusSeconds(3)));
        assertThat(run.upsert("Device.A.y")).isEqualTo(new Parameter("Device.A.y", "2", "xsd:int", true,
                start.plusSeconds(4)));
        assertThat(run.upsert("Device.B.1.v")).isEqualTo(new Parameter("Device.B.1.v", "4", "xsd:boolean", true, end));
        assertThat(changes.device().discoveryRequired()).isFalse();
        assertThat(changes.device().discoveredAt()).isEqualTo(end);
        assertThat(changes.faults()).isEmpty();
    }

    @Test
    void aThousandParameterModelIsDiscoveredCompletely() {
        FakeCpe cpe = big();
        Fixtures.Run run = play(newBareDevice(policy(), T0), cpe, T0);

        Map<String, String> leaves = new TreeMap<>();
        Set<String> objects = new HashSet<>();
        run.changes().upserts().values().forEach(p -> {
            if (p.isObject()) {
                objects.add(p.path());
                assertThat(p.value()).isNull();
            } else {
                leaves.put(p.path(), p.value());
            }
        });
        assertThat(leaves).hasSize(1000).isEqualTo(cpe.values());
        // every object under the root, each asked for exactly once
        Set<String> expectedObjects = new HashSet<>(cpe.model().keySet());
        expectedObjects.removeIf(k -> !k.endsWith("."));
        // every object, the root included (it exists too, though no GetParameterNames lists it)
        assertThat(objects).isEqualTo(expectedObjects).hasSize(1 + 1 + 10 + 10 + 100);
        List<String> listed = run.requestsOf(GetParameterNames.class).stream()
                .map(GetParameterNames::parameterPath).toList();
        assertThat(listed).doesNotHaveDuplicates().hasSize(objects.size());
        for (Parameter p : run.changes().upserts().values()) {
            if (p.path().equals("Device.")) {
                continue; // the root's writability is never reported
            }
            FakeCpe.Entry e = cpe.model().get(p.path());
            assertThat(p.type()).as(p.path()).isEqualTo(e.type());
            assertThat(p.writable()).as(p.path()).isEqualTo(e.writable());
        }
        assertThat(run.changes().device().discoveryRequired()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 999, 1000, 5000})
    void valuesAreReadInFullBatchesExceptTheLast(int batch) {
        FakeCpe cpe = big();
        Fixtures.Run run = play(newBareDevice(policy(DiscoveryMode.LEVEL_BY_LEVEL, batch, 100_000), T0), cpe, T0);

        List<GetParameterValues> reads = run.requestsOf(GetParameterValues.class);
        assertThat(reads).hasSize((1000 + batch - 1) / batch);
        for (int i = 0; i < reads.size() - 1; i++) {
            assertThat(reads.get(i).parameterNames()).hasSize(batch);
        }
        assertThat(reads.get(reads.size() - 1).parameterNames()).hasSizeBetween(1, batch);
        List<String> asked = reads.stream().flatMap(r -> r.parameterNames().stream()).toList();
        assertThat(asked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(cpe.values().keySet());
    }

    @Test
    void fullTreeAsksForAllNamesOnceThenReadsValuesInBatches() {
        FakeCpe cpe = small();
        Fixtures.Run run = play(newBareDevice(policy(DiscoveryMode.FULL_TREE, 2, 1000), T0), cpe, T0);

        assertThat(run.requests()).containsExactly(
                new GetParameterNames("Device.", false),
                new GetParameterValues(List.of("Device.A.x", "Device.A.y")),
                new GetParameterValues(List.of("Device.A.z", "Device.B.1.v")),
                new GetParameterValues(List.of("Device.C")));
        // the CPE listed Device. itself too (as TR-069 says it must): it is not stored as found
        assertThat(run.changes().upserts().keySet()).containsExactlyInAnyOrder("Device.", "Device.A.", "Device.B.",
                "Device.B.1.", "Device.A.x", "Device.A.y", "Device.A.z", "Device.B.1.v", "Device.C");
        assertThat(run.changes().device().discoveryRequired()).isFalse();
    }

    @Test
    void fullTreeDiscoversTheThousandParameterModel() {
        FakeCpe cpe = big();
        Fixtures.Run run = play(newBareDevice(policy(DiscoveryMode.FULL_TREE, 100, 100_000), T0), cpe, T0);

        assertThat(run.requestsOf(GetParameterNames.class)).containsExactly(new GetParameterNames("Device.", false));
        assertThat(run.requestsOf(GetParameterValues.class)).hasSize(10);
        Map<String, String> leaves = new TreeMap<>();
        run.changes().upserts().values().stream().filter(p -> !p.isObject()).forEach(p -> leaves.put(p.path(), p.value()));
        assertThat(leaves).isEqualTo(cpe.values());
    }

    @Test
    void strayEntriesAreIgnoredAndNoObjectIsListedTwice() {
        FakeCpe cpe = small();
        cpe.override = r -> {
            if (r.equals(new GetParameterNames("Device.", true))) {
                return new GetParameterNamesResponse(List.of(
                        new ParameterInfoStruct("Device.", false),          // the object itself
                        new ParameterInfoStruct("Device.A.", false),
                        new ParameterInfoStruct("Device.A.", false),        // listed twice
                        new ParameterInfoStruct("Other.X", true),           // not under the path asked
                        new ParameterInfoStruct("Device.Bad Name", true),   // not a valid name
                        new ParameterInfoStruct("Device..Y", true),
                        new ParameterInfoStruct("Device.C", false)));
            }
            if (r.equals(new GetParameterNames("Device.A.", true))) {
                return new GetParameterNamesResponse(List.of(
                        new ParameterInfoStruct("Device.A.", false),
                        new ParameterInfoStruct("Device.A.x", false),
                        new ParameterInfoStruct("Device.C", false),         // already known from the parent
                        new ParameterInfoStruct("Device.Z.", false)));      // under the root, not under Device.A.
            }
            return null;
        };
        Fixtures.Run run = play(newBareDevice(policy(DiscoveryMode.LEVEL_BY_LEVEL, 10, 1000), T0), cpe, T0);

        assertThat(run.requests()).containsExactly(
                new GetParameterNames("Device.", true),
                new GetParameterNames("Device.A.", true),
                new GetParameterValues(List.of("Device.C", "Device.A.x")));
        assertThat(run.changes().upserts().keySet()).containsExactlyInAnyOrder("Device.", "Device.A.", "Device.C", "Device.A.x");
        assertThat(run.changes().faults()).isEmpty();
    }

    @Test
    void maxParametersStopsDiscoveryAndKeepsItRequired() {
        FakeCpe cpe = big();
        Fixtures.Run run = play(newBareDevice(policy(DiscoveryMode.LEVEL_BY_LEVEL, 64, 50), T0), cpe, T0);

        assertThat(run.changes().upserts()).hasSize(50);
        assertThat(run.changes().device().discoveryRequired()).isTrue();
        assertThat(run.changes().device().discoveredAt()).isNull();
        // a partial walk does not replace what is stored: nothing is deleted
        assertThat(run.changes().deletedSubtrees()).isEmpty();
        // every name it kept was read, and nothing beyond the limit was asked for
        List<String> asked = run.requestsOf(GetParameterValues.class).stream()
                .flatMap(r -> r.parameterNames().stream()).toList();
        assertThat(asked).allSatisfy(n -> assertThat(run.changes().upserts()).containsKey(n));
        run.changes().upserts().values().stream().filter(p -> !p.isObject())
                .forEach(p -> assertThat(p.value()).isEqualTo(cpe.value(p.path())));
    }

    @Test
    void maxParametersIsNotTruncationWhenTheModelFitsExactly() {
        FakeCpe cpe = small(); // 8 entries below Device.
        Fixtures.Run run = play(newBareDevice(policy(DiscoveryMode.LEVEL_BY_LEVEL, 64, 8), T0), cpe, T0);

        assertThat(run.changes().upserts()).hasSize(9); // 8 found, and the root object
        assertThat(run.changes().device().discoveryRequired()).isFalse();
    }

    @Test
    void aGetParameterNamesFaultSkipsThatObjectAndIsRecorded() {
        FakeCpe cpe = FakeCpe.standard();
        cpe.gpnFaults.add("Device.WiFi.SSID.");
        Fixtures.Run run = play(newBareDevice(policy(), T0), cpe, T0);

        assertThat(run.changes().faults()).containsExactly(new DeviceFault(DEVICE_ID, null, "GetParameterNames",
                9005, "Invalid parameter name", T0));
        assertThat(run.changes().upserts()).containsKeys("Device.WiFi.SSID.", "Device.WiFi.SSIDNumberOfEntries",
                "Device.DeviceInfo.UpTime");
        assertThat(run.changes().upserts().keySet()).noneMatch(k -> k.startsWith("Device.WiFi.SSID.1"));
        assertThat(run.requestsOf(GetParameterNames.class)).extracting(GetParameterNames::parameterPath)
                .doesNotContain("Device.WiFi.SSID.1.");
        assertThat(run.changes().device().discoveryRequired()).isFalse();
    }

    @Test
    void whatIsStoredUnderAnObjectThatCouldNotBeListedIsKept() {
        FakeCpe cpe = FakeCpe.standard();
        cpe.gpnFaults.add("Device.WiFi.SSID.");
        Instant earlier = T0.minus(Duration.ofDays(3));
        Map<String, Parameter> stored = new HashMap<>(Fixtures.storedModelOf(cpe, earlier));
        DeviceSnapshot snapshot = known(stored, Set.of());
        snapshot = new DeviceSnapshot(snapshot.device().withDiscovery(true, null), snapshot.parameters());
        Fixtures.Run run = play(open(inform("1 BOOT"), Optional.of(snapshot), List.of(), policy(), T0), cpe, T0);

        // the store deletes Device. and writes the upserts: the SSID rows it knew must be among them
        assertThat(run.changes().deletedSubtrees()).containsExactly("Device.");
        assertThat(run.upsert("Device.WiFi.SSID.1.SSID")).isEqualTo(stored.get("Device.WiFi.SSID.1.SSID"));
        assertThat(run.upsert("Device.WiFi.SSID.2.")).isEqualTo(stored.get("Device.WiFi.SSID.2."));
    }

    @Test
    void aFaultOnTheRootLeavesTheStoredModelAloneAndDiscoveryRequired() {
        FakeCpe cpe = FakeCpe.standard();
        cpe.gpnFaults.add("Device.");
        Map<String, Parameter> stored = Fixtures.storedModelOf(cpe, T0.minus(Duration.ofDays(3)));
        DeviceSnapshot snapshot = known(stored, Set.of());
        snapshot = new DeviceSnapshot(snapshot.device().withDiscovery(true, null), snapshot.parameters());
        Fixtures.Run run = play(open(inform(List.of("1 BOOT"), List.of()), Optional.of(snapshot), List.of(),
                policy(), T0), cpe, T0);

        assertThat(run.requests()).containsExactly(new GetParameterNames("Device.", true));
        assertThat(run.changes().faults()).hasSize(1);
        assertThat(run.changes().deletedSubtrees()).isEmpty();
        assertThat(run.changes().upserts()).isEmpty();
        assertThat(run.changes().device().discoveryRequired()).isTrue();
    }

    @Test
    void aFaultOnAValueBatchRetriesItNameByNameAndSkipsOnlyTheBadName() {
        FakeCpe cpe = FakeCpe.standard();
        cpe.gpvFaults.add("Device.DeviceInfo.UpTime");
        Fixtures.Run run = play(newBareDevice(policy(DiscoveryMode.LEVEL_BY_LEVEL, 4, 1000), T0), cpe, T0);

        List<GetParameterValues> reads = run.requestsOf(GetParameterValues.class);
        int failed = -1;
        for (int i = 0; i < reads.size(); i++) {
            if (reads.get(i).parameterNames().contains("Device.DeviceInfo.UpTime")) {
                failed = i;
                break;
            }
        }
        GetParameterValues batch = reads.get(failed);
        assertThat(batch.parameterNames()).hasSize(4);
        // the batch again, one name at a time, in order
        for (int i = 0; i < 4; i++) {
            assertThat(reads.get(failed + 1 + i)).isEqualTo(new GetParameterValues(List.of(batch.parameterNames().get(i))));
        }
        // the batches before it were not split
        for (int i = 0; i < failed; i++) {
            assertThat(reads.get(i).parameterNames()).hasSize(4);
        }
        assertThat(run.changes().faults()).containsExactly(new DeviceFault(DEVICE_ID, null, "GetParameterValues",
                9005, "Invalid parameter name", T0));
        // the bad name is still known by name; everything else has its value
        assertThat(run.upsert("Device.DeviceInfo.UpTime")).isEqualTo(
                new Parameter("Device.DeviceInfo.UpTime", null, null, false, T0));
        Map<String, String> leaves = new TreeMap<>();
        run.changes().upserts().values().stream().filter(p -> !p.isObject()).forEach(p -> leaves.put(p.path(), p.value()));
        Map<String, String> expected = new TreeMap<>(cpe.values());
        expected.put("Device.DeviceInfo.UpTime", null);
        assertThat(leaves).isEqualTo(expected);
        assertThat(run.changes().device().discoveryRequired()).isFalse();
    }

    @Test
    void aMismatchedAnswerDuringDiscoveryIsAFaultForThatRequest() {
        FakeCpe cpe = small();
        cpe.override = r -> r.equals(new GetParameterNames("Device.B.", true))
                ? new io.lodestar.acs.core.rpc.RebootResponse() : null;
        Fixtures.Run run = play(newBareDevice(policy(), T0), cpe, T0);

        assertThat(run.changes().faults()).singleElement()
                .satisfies(f -> assertThat(f.method()).isEqualTo("GetParameterNames"));
        assertThat(run.changes().upserts()).containsKeys("Device.B.", "Device.A.x").doesNotContainKey("Device.B.1.");
    }

    @Test
    void withoutAKnownRootDiscoveryStartsFromTheEmptyPath() {
        FakeCpe cpe = small();
        CwmpSession session = open(inform(List.of("1 BOOT"), List.of()), Optional.empty(), List.of(), policy(), T0);
        Fixtures.Run run = play(session, cpe, T0);

        assertThat(run.requests().get(0)).isEqualTo(new GetParameterNames("", true));
        assertThat(run.requests().get(1)).isEqualTo(new GetParameterNames("Device.", true));
        assertThat(run.changes().deletedSubtrees()).containsExactly("");
        assertThat(run.changes().upserts()).containsKeys("Device.", "Device.A.x", "Device.B.1.v");
        assertThat(run.changes().device().discoveryRequired()).isFalse();
        assertThat(run.changes().device().dataModelRoot()).isEqualTo("Device.");
    }

    @Test
    void rediscoveryReplacesTheStoredRootOnly() {
        FakeCpe cpe = small();
        Map<String, Parameter> stored = new HashMap<>();
        stored.put("Device.Gone.X", new Parameter("Device.Gone.X", "1", "xsd:string", true, T0.minusSeconds(60)));
        DeviceSnapshot snapshot = known(stored, Set.of());
        snapshot = new DeviceSnapshot(snapshot.device().withDiscovery(true, null), snapshot.parameters());
        Fixtures.Run run = play(open(inform(List.of("2 PERIODIC"), List.of()), Optional.of(snapshot), List.of(),
                policy(), T0), cpe, T0);

        assertThat(run.changes().forgetLearned()).isFalse();
        assertThat(run.changes().deletedSubtrees()).containsExactly("Device.");
        assertThat(run.changes().upserts()).doesNotContainKey("Device.Gone.X").containsKey("Device.A.x");
    }

    @Test
    void discoveryComesBeforeTasksInTheSameSession() {
        FakeCpe cpe = small();
        CwmpSession session = open(inform(List.of("1 BOOT"), List.of()), Optional.of(rediscover()),
                List.of(task(1, new TaskAction.GetParameterValues(List.of("Device.C")))), policy(), T0);
        Fixtures.Run run = play(session, cpe, T0);

        assertThat(run.requests().get(0)).isEqualTo(new GetParameterNames("Device.", true));
        assertThat(run.requests().get(run.requests().size() - 1))
                .isEqualTo(new GetParameterValues(List.of("Device.C")));
        assertThat(run.task(Fixtures.taskId(1)).status()).isEqualTo(TaskStatus.DONE);
        assertThat(run.changes().device().discoveryRequired()).isFalse();
    }

    @Test
    void aSessionOfAnAlreadyDiscoveredDeviceDoesNoDiscovery() {
        FakeCpe cpe = small();
        Fixtures.Run run = play(open(inform("2 PERIODIC"), Optional.of(known(Map.of(), Set.of())), List.of(),
                policy(), T0), cpe, T0);

        assertThat(run.requests()).isEmpty();
        assertThat(cpe.received).isEmpty();
    }

    @Test
    void sameInputsGiveTheSameOutputs() {
        List<List<CwmpMessage.AcsRequest>> requests = new ArrayList<>();
        List<SessionChanges> changes = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            FakeCpe cpe = FakeCpe.standard();
            cpe.gpvFaults.add("Device.DeviceInfo.UpTime");
            CwmpSession session = open(inform(List.of("0 BOOTSTRAP", "1 BOOT"), Fixtures.informParams(cpe)),
                    Optional.empty(), List.of(
                            task(2, new TaskAction.SetParameterValues(List.of(
                                    ParameterValueStruct.string("Device.WiFi.SSID.1.SSID", "x")), "k2")),
                            task(1, new TaskAction.AddObject("Device.WiFi.SSID.", "k1")),
                            task(3, new TaskAction.Refresh("Device.ManagementServer."))),
                    policy(DiscoveryMode.LEVEL_BY_LEVEL, 3, 1000), T0);
            Fixtures.Run run = play(session, cpe, T0, Duration.ofMillis(250));
            requests.add(run.requests());
            changes.add(run.changes());
        }
        assertThat(requests.get(1)).isEqualTo(requests.get(0));
        assertThat(changes.get(1)).isEqualTo(changes.get(0));
        assertThat(changes.get(0).tasks()).hasSize(3);
    }

    @Test
    void newDeviceDiscoveryIncludesTheInformValues() {
        FakeCpe cpe = FakeCpe.standard();
        Fixtures.Run run = play(newDevice(cpe, policy(), T0), cpe, T0);

        assertThat(run.upsert("Device.DeviceInfo.SoftwareVersion"))
                .isEqualTo(new Parameter("Device.DeviceInfo.SoftwareVersion", "2.0.1", "xsd:string", false, T0));
    }
}
