package io.lodestar.acs.store;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceIdentity;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.lodestar.acs.store.StoreTestData.T0;
import static io.lodestar.acs.store.StoreTestData.changes;
import static io.lodestar.acs.store.StoreTestData.fault;
import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static io.lodestar.acs.store.StoreTestData.id;
import static io.lodestar.acs.store.StoreTestData.inform;
import static io.lodestar.acs.store.StoreTestData.object;
import static io.lodestar.acs.store.StoreTestData.param;
import static io.lodestar.acs.store.StoreTestData.session;
import static io.lodestar.acs.store.StoreTestData.task;
import static io.lodestar.acs.store.StoreTestData.withParams;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promises of {@link DeviceStore}: devices, their summaries and parameters as reads show them, register,
 * tags, deletion and listing. Searches are in {@link DeviceSearchContract}; what {@link AcsStore#commit} writes,
 * and the inform and fault history it keeps, in {@link CommitContract}. An engine's test implements this with
 * the other contracts its store fulfils (see {@link StoreFixture}).
 */
public interface DeviceStoreContract extends StoreFixture {

    // ---- unknown devices ----------------------------------------------------------------------------------

    @Test
    default void unknownDeviceIsEmptyEverywhere() {
        DeviceId nobody = id("nobody");
        assertThat(store().loadSnapshot(nobody)).isEmpty();
        assertThat(store().findDevice(nobody)).isEmpty();
        assertThat(store().parameters(nobody, "")).isEmpty();
        assertThat(store().informs(nobody, 10)).isEmpty();
        assertThat(store().faults(nobody, 10)).isEmpty();
        assertThat(store().tasks(nobody)).isEmpty();
        assertThat(store().pendingTasks(nobody)).isEmpty();
        assertThat(store().operations(nobody)).isEmpty();
        assertThat(store().setTags(nobody, Set.of("x"))).isEmpty();
        assertThat(store().deleteDevice(nobody)).isFalse();
        assertThat(store().listDevices(null, 10)).isEmpty();
        assertThat(store().findDevice(nobody)).as("setTags must not create a device").isEmpty();
    }

    // ---- device summary -----------------------------------------------------------------------------------

    @Test
    default void fullDeviceSummaryRoundTrips() {
        Device d = fullDevice("dev-full");
        store().commit(withParams(d));
        assertThat(store().findDevice(d.id())).contains(d);
        assertThat(store().loadSnapshot(d.id())).contains(new DeviceSnapshot(d, Map.of()));
    }

    @Test
    default void minimalDeviceSummaryRoundTrips() {
        Device d = Device.register(id("dev-min"), T0);
        assertThat(d.deviceIdStruct()).isNull();
        store().commit(withParams(d));
        assertThat(store().findDevice(d.id())).contains(d);
    }

    @Test
    default void unusualDeviceIdsRoundTripAndStayApart() {
        List<String> ids = List.of("a", "a-b", "a\u0000b", "a\u0001", "a.b", "ü-Ω-\uD83D\uDE80", "x".repeat(512));
        for (String s : ids) {
            store().commit(withParams(fullDevice(s), param("Device.Id", s)));
        }
        for (String s : ids) {
            assertThat(store().findDevice(id(s))).map(Device::id).contains(id(s));
            assertThat(store().parameters(id(s), "")).extracting(Parameter::value).containsExactly(s);
        }
        assertThat(store().listDevices(null, 100)).extracting(Device::id)
                .containsExactlyElementsOf(ids.stream().map(DeviceId::new).sorted().toList());
    }

    // ---- parameters ---------------------------------------------------------------------------------------

    @Test
    default void snapshotHoldsDeviceAndEveryParameter() {
        Device d = fullDevice("dev-snap");
        seedTree(d);
        DeviceSnapshot s = store().loadSnapshot(d.id()).orElseThrow();
        assertThat(s.device()).isEqualTo(d);
        assertThat(s.parameters()).hasSize(13);
        assertThat(s.parameters().get("Device.IP.Interface.1.Name")).isEqualTo(param("Device.IP.Interface.1.Name", "wan"));
        s.parameters().forEach((path, p) -> assertThat(p.path()).isEqualTo(path));
    }

    @Test
    default void nullValuesTypesAndWritabilityRoundTrip() {
        Device d = fullDevice("dev-nulls");
        List<Parameter> ps = List.of(
                new Parameter("Device.A", null, null, null, T0),
                new Parameter("Device.B", "", "xsd:string", false, T0.plusNanos(1)),
                new Parameter("Device.C", "42", "xsd:unsignedInt", true, T0.minusSeconds(10)),
                new Parameter("Device.D", "x", null, null, Instant.EPOCH.minusSeconds(5)),
                new Parameter("Device.E.", null, null, true, T0));
        store().commit(changes(d, false, Set.of(), ps));
        assertThat(store().parameters(d.id(), "")).containsExactlyElementsOf(ps);
        assertThat(store().parameters(d.id(), "Device.A").get(0).value()).isNull();
        assertThat(store().parameters(d.id(), "Device.B").get(0).value()).isEmpty();
    }

    @Test
    default void unicodeAndVeryLongValuesRoundTrip() {
        Device d = fullDevice("dev-unicode");
        String unicode = "Grüße, 世界, Ελληνικά, emoji \uD83D\uDE80\uD83D\uDC4D, tab\tnul\u0000end";
        String longValue = "0123456789abcdef".repeat(64 * 1024); // 1 MiB
        store().commit(withParams(d, param("Device.Unicode", unicode), param("Device.Long", longValue),
                param("Device.Path.Ünïcödé", "path")));
        assertThat(store().parameters(d.id(), "Device.Unicode").get(0).value()).isEqualTo(unicode);
        assertThat(store().parameters(d.id(), "Device.Long").get(0).value()).isEqualTo(longValue);
        assertThat(store().parameters(d.id(), "Device.Path.").get(0).path()).isEqualTo("Device.Path.Ünïcödé");
        restart();
        assertThat(store().loadSnapshot(d.id()).orElseThrow().parameters().get("Device.Long").value())
                .isEqualTo(longValue);
    }

    @Test
    default void objectsAndLeavesAreBothStored() {
        Device d = fullDevice("dev-objects");
        seedTree(d);
        List<Parameter> all = store().parameters(d.id(), "");
        assertThat(all.stream().filter(Parameter::isObject).map(Parameter::path)).containsExactly(
                "Device.", "Device.IP.", "Device.IP.Interface.", "Device.IP.Interface.1.",
                "Device.IP.Interface.10.", "Device.IP.Interface.2.");
        assertThat(all.stream().filter(p -> !p.isObject())).hasSize(7).allSatisfy(p -> assertThat(p.value()).isNotNull());
        assertThat(all.stream().filter(Parameter::isObject)).allSatisfy(p -> assertThat(p.value()).isNull());
    }

    @Test
    default void parametersUnderAnObjectPrefixIncludeTheObjectItselfInPathOrder() {
        Device d = fullDevice("dev-prefix");
        seedTree(d);
        assertThat(paths(d.id(), "Device.IP.Interface.1.")).containsExactly(
                "Device.IP.Interface.1.", "Device.IP.Interface.1.Enable", "Device.IP.Interface.1.Name");
        assertThat(paths(d.id(), "Device.IP.Interface.")).containsExactly(
                "Device.IP.Interface.", "Device.IP.Interface.1.", "Device.IP.Interface.1.Enable",
                "Device.IP.Interface.1.Name", "Device.IP.Interface.10.", "Device.IP.Interface.10.Name",
                "Device.IP.Interface.2.", "Device.IP.Interface.2.Name");
        assertThat(paths(d.id(), "Device.DeviceInfo.")).containsExactly(
                "Device.DeviceInfo.SoftwareVersion", "Device.DeviceInfo.SoftwareVersionExtra");
        assertThat(paths(d.id(), "Device.Nothing.")).isEmpty();
    }

    @Test
    default void parametersOfAFullPathAreExactlyThatParameter() {
        Device d = fullDevice("dev-exact");
        seedTree(d);
        assertThat(paths(d.id(), "Device.DeviceInfo.SoftwareVersion"))
                .containsExactly("Device.DeviceInfo.SoftwareVersion");
        assertThat(paths(d.id(), "Device.IP.Interface")).as("a leaf path is not a string prefix").isEmpty();
        assertThat(paths(d.id(), "Device.DeviceInfo.Missing")).isEmpty();
    }

    @Test
    default void parametersOfTheEmptyPrefixAreAllInPathOrder() {
        Device d = fullDevice("dev-all");
        seedTree(d);
        List<String> all = paths(d.id(), "");
        assertThat(all).hasSize(13).isSorted();
        assertThat(all).isEqualTo(store().loadSnapshot(d.id()).orElseThrow().parameters().keySet().stream()
                .sorted().toList());
    }

    @Test
    default void parametersOfDevicesWithPrefixIdsStayApart() {
        store().commit(withParams(fullDevice("abc"), param("Device.X", "abc")));
        store().commit(withParams(fullDevice("abcd"), param("Device.X", "abcd")));
        store().commit(withParams(fullDevice("ab"), param("Device.X", "ab")));
        assertThat(store().parameters(id("abc"), "")).extracting(Parameter::value).containsExactly("abc");
        assertThat(store().loadSnapshot(id("abc")).orElseThrow().parameters()).hasSize(1);
        store().commit(changes(fullDevice("abc"), true, Set.of(), List.of()));
        assertThat(store().parameters(id("abcd"), "")).hasSize(1);
        assertThat(store().parameters(id("ab"), "")).hasSize(1);
    }

    // ---- register, tags, delete ---------------------------------------------------------------------------

    @Test
    default void registerStoresANewDevice() {
        Device d = Device.register(id("pre-1"), T0).withTags(Set.of("batch-7"));
        assertThat(store().register(d)).isEqualTo(d);
        assertThat(store().findDevice(d.id())).contains(d);
        assertThat(store().loadSnapshot(d.id())).contains(new DeviceSnapshot(d, Map.of()));
    }

    @Test
    default void registerKeepsAnExistingDevice() {
        Device d = fullDevice("pre-2");
        seedTree(d);
        Device again = Device.register(d.id(), T0.plusSeconds(999));
        assertThat(store().register(again)).isEqualTo(d);
        assertThat(store().findDevice(d.id())).contains(d);
        assertThat(store().parameters(d.id(), "")).hasSize(13);
    }

    @Test
    default void setTagsReplacesTheTags() {
        Device d = fullDevice("dev-tags");
        seedTree(d);
        assertThat(store().setTags(d.id(), Set.of("a", "b"))).contains(d.withTags(Set.of("a", "b")));
        assertThat(store().findDevice(d.id())).map(Device::tags).contains(Set.of("a", "b"));
        assertThat(store().loadSnapshot(d.id()).orElseThrow().device().tags()).containsExactlyInAnyOrder("a", "b");
        assertThat(store().setTags(d.id(), Set.of())).map(Device::tags).contains(Set.of());
        assertThat(store().findDevice(d.id())).contains(d.withTags(Set.of()));
        assertThat(store().parameters(d.id(), "")).hasSize(13);
    }

    @Test
    default void deleteDeviceRemovesEverythingOfThatDeviceOnly() {
        Device d = fullDevice("dev-del");
        Device other = fullDevice("dev-del-other");
        for (Device x : List.of(d, other)) {
            seedTree(x);
            Task t = store().addTask(task(x.id().value(), new TaskAction.FactoryReset(), T0));
            store().commit(session(x).inform(inform(x.id().value(), T0, 0))
                    .fault(fault(x.id().value(), t.id(), 9001, T0)).build());
        }
        List<Task> tasksOfD = store().tasks(d.id());
        assertThat(store().deleteDevice(d.id())).isTrue();
        assertThat(store().findDevice(d.id())).isEmpty();
        assertThat(store().loadSnapshot(d.id())).isEmpty();
        assertThat(store().parameters(d.id(), "")).isEmpty();
        assertThat(store().tasks(d.id())).isEmpty();
        assertThat(store().findTask(tasksOfD.get(0).id())).isEmpty();
        assertThat(store().cancelTask(tasksOfD.get(0).id(), T0)).isEmpty();
        assertThat(store().informs(d.id(), 10)).isEmpty();
        assertThat(store().faults(d.id(), 10)).isEmpty();
        assertThat(store().listDevices(null, 10)).extracting(Device::id).containsExactly(other.id());
        assertThat(store().deleteDevice(d.id())).isFalse();
        // the other device is untouched
        assertThat(store().parameters(other.id(), "")).hasSize(13);
        assertThat(store().tasks(other.id())).hasSize(1);
        assertThat(store().informs(other.id(), 10)).hasSize(1);
        assertThat(store().faults(other.id(), 10)).hasSize(1);
        // and the deleted one can come back, with nothing of its past
        store().commit(withParams(d, param("Device.New", "1")));
        assertThat(paths(d.id(), "")).containsExactly("Device.New");
        assertThat(store().tasks(d.id())).isEmpty();
    }

    // ---- listing ------------------------------------------------------------------------------------------

    @Test
    default void listDevicesPagesInIdOrder() {
        List<DeviceId> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(id(String.format("dev-%03d", i)));
        }
        List<DeviceId> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(i -> store().register(Device.register(i, T0)));

        List<DeviceId> seen = new ArrayList<>();
        DeviceId after = null;
        List<Device> page;
        int pages = 0;
        do {
            page = store().listDevices(after, 10);
            assertThat(page.size()).isLessThanOrEqualTo(10);
            page.forEach(d -> seen.add(d.id()));
            after = page.isEmpty() ? after : page.get(page.size() - 1).id();
            pages++;
        } while (!page.isEmpty());
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(4);
        assertThat(store().listDevices(id("dev-010"), 3)).extracting(Device::id)
                .containsExactly(id("dev-011"), id("dev-012"), id("dev-013"));
        assertThat(store().listDevices(id("dev-0105"), 1)).extracting(Device::id)
                .as("after need not be stored").containsExactly(id("dev-011"));
        assertThat(store().listDevices(id("dev-024"), 10)).isEmpty();
        assertThat(store().listDevices(null, 0)).isEmpty();
        assertThat(store().listDevices(null, 100)).hasSize(25);
    }

    // ---- reads right after writes -------------------------------------------------------------------------

    /** Reads every view of the device, as a session and the API would (filling any cache a store has). */
    private void readEverything(DeviceId id) {
        store().loadSnapshot(id);
        store().findDevice(id);
        store().parameters(id, "");
        store().parameters(id, "Device.B.");
    }

    /** The snapshot, the summary and the parameter list agree, and hold exactly {@code paths}. */
    private void assertViews(DeviceId id, String... paths) {
        DeviceSnapshot s = store().loadSnapshot(id).orElseThrow();
        assertThat(store().findDevice(id)).contains(s.device());
        assertThat(store().parameters(id, "")).containsExactlyElementsOf(
                s.parameters().values().stream().sorted(Comparator.comparing(Parameter::path)).toList());
        assertThat(paths(id, "")).containsExactly(paths);
    }

    @Test
    default void readsRightAfterEveryKindOfWriteShowIt() {
        Device d = fullDevice("dev-fresh");
        store().register(Device.register(d.id(), T0));
        readEverything(d.id());
        store().commit(withParams(d, param("Device.A", "1"), object("Device.B."), param("Device.B.C", "2")));
        assertViews(d.id(), "Device.A", "Device.B.", "Device.B.C");
        assertThat(store().findDevice(d.id())).as("the session's device, with the tags registered")
                .contains(d.withTags(Set.of()));

        readEverything(d.id());
        store().commit(changes(d, false, Set.of("Device.B."), List.of(param("Device.D", "3"))));
        assertViews(d.id(), "Device.A", "Device.D");
        assertThat(store().parameters(d.id(), "Device.B.")).isEmpty();

        readEverything(d.id());
        store().commit(changes(d, false, Set.of(), List.of(param("Device.A", "changed"))));
        assertThat(store().loadSnapshot(d.id()).orElseThrow().parameters().get("Device.A").value())
                .isEqualTo("changed");
        assertThat(store().parameters(d.id(), "Device.A").get(0).value()).isEqualTo("changed");

        readEverything(d.id());
        store().commit(changes(d, true, Set.of(), List.of(param("Device.E", "4"))));
        assertViews(d.id(), "Device.E");

        readEverything(d.id());
        store().setTags(d.id(), Set.of("fresh"));
        assertViews(d.id(), "Device.E");
        assertThat(store().loadSnapshot(d.id()).orElseThrow().device().tags()).containsExactly("fresh");

        readEverything(d.id());
        Device upgraded = new Device(new DeviceIdentity(d.id(), d.deviceIdStruct(), d.registeredAt()),
                new LastContact(T0.plusSeconds(1), null, List.of(), null, "1.4"),
                new Reachability(null), new Inventory("Device.", "9.9", null),
                new DiscoveryState(false, null), Set.of());
        store().commit(withParams(upgraded));
        assertThat(store().findDevice(d.id())).contains(upgraded.withTags(Set.of("fresh")));
        assertViews(d.id(), "Device.E");

        readEverything(d.id());
        assertThat(store().register(Device.register(d.id(), T0))).isEqualTo(upgraded.withTags(Set.of("fresh")));
        assertViews(d.id(), "Device.E");

        readEverything(d.id());
        store().deleteDevice(d.id());
        assertThat(store().loadSnapshot(d.id())).isEmpty();
        assertThat(store().findDevice(d.id())).isEmpty();
        assertThat(store().parameters(d.id(), "")).isEmpty();

        readEverything(d.id());
        Device again = Device.register(d.id(), T0.plusSeconds(5));
        store().register(again);
        assertThat(store().loadSnapshot(d.id())).contains(new DeviceSnapshot(again, Map.of()));
    }
}
