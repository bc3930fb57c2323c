package io.lodestar.acs.store;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.operation.OperationStatus;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link AcsStore} fulfils: one test per promise of {@link DeviceStore}, {@link TaskStore},
 * {@link OperationStore} and {@link AcsStore}, and per rule of {@link SessionChanges}. A storage engine's test extends this class,
 * returns a fresh, empty store from {@link #newStore()} and the same storage opened again from {@link #reopen()}.
 * It ships in this module's test-jar.
 */
public abstract class AcsStoreContract {

    /** A fixed instant with nanoseconds, so that round trips prove full precision. */
    protected static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456789Z");

    /** The store under test, opened before each test and closed after it. */
    protected AcsStore store;

    /** The parameters every store under test indexes (opened by {@link #newStore()} and {@link #reopen()}). */
    protected static final IndexedParameters INDEXED = IndexedParameters.of("Device.DeviceInfo.SerialNumber",
            "Device.Ethernet.Interface.1.MACAddress", "Device.Services.VoiceService.1.SIP.Client.1.AuthUserName");

    /** A fresh, empty store that indexes {@link #INDEXED}. */
    protected abstract AcsStore newStore();

    /**
     * The storage of the last {@link #newStore()} opened again, indexing {@code indexed}, after the contract
     * has closed the store it had (a restart, possibly with another list of indexed parameters).
     */
    protected abstract AcsStore reopen(IndexedParameters indexed);

    /** The storage of the last {@link #newStore()} opened again with the same indexed parameters. */
    protected final AcsStore reopen() {
        return reopen(INDEXED);
    }

    /** How many Informs per device the store keeps; the contract checks that exactly this many survive. */
    protected int informHistoryLimit() {
        return 50;
    }

    /** How many faults per device the store keeps. */
    protected int faultHistoryLimit() {
        return 100;
    }

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** Closes the store and opens its storage again. */
    protected final void restart() {
        restart(INDEXED);
    }

    /** Closes the store and opens its storage again, indexing {@code indexed}. */
    protected final void restart(IndexedParameters indexed) {
        store.close();
        store = null;
        store = reopen(indexed);
    }

    // ---- fixtures ---------------------------------------------------------------------------------------

    protected static DeviceId id(String value) {
        return new DeviceId(value);
    }

    /** A device with every field set. */
    protected static Device fullDevice(String id) {
        return new Device(id(id), new DeviceIdStruct("Acme Networks", "00D09E", "RG-7", "SN" + id),
                T0.minusSeconds(86_400), T0, T0.minusSeconds(3600),
                List.of(EventStruct.of(EventStruct.BOOT), new EventStruct(EventStruct.M_REBOOT, "cmd-42")),
                "192.0.2.17", "http://192.0.2.17:7547/cr", "1.4", "Device.", "4.2.1", "HW-B", false,
                T0.minusSeconds(60), Set.of("lab", "floor-3"));
    }

    protected static Parameter param(String path, String value) {
        return new Parameter(path, value, "xsd:string", true, T0);
    }

    protected static Parameter object(String path) {
        return new Parameter(path, null, null, false, T0);
    }

    protected static SessionChanges.Builder session(Device device) {
        return new SessionChanges.Builder(device);
    }

    protected static SessionChanges withParams(Device device, Parameter... params) {
        SessionChanges.Builder b = session(device);
        for (Parameter p : params) {
            b.upsert(p);
        }
        return b.build();
    }

    protected static SessionChanges changes(Device device, boolean forgetLearned, Set<String> deleted,
                                            List<Parameter> upserts) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        upserts.forEach(p -> map.put(p.path(), p));
        return new SessionChanges(device, forgetLearned, deleted, map, List.of(), List.of(), null);
    }

    protected static Task task(String device, TaskAction action, Instant at) {
        return Task.queue(id(device), action, at, Duration.ofDays(7));
    }

    protected static InformRecord inform(String device, Instant at, int retry) {
        return new InformRecord(id(device), at, List.of(EventStruct.of(EventStruct.PERIODIC)), "198.51.100.4",
                retry);
    }

    protected static DeviceFault fault(String device, TaskId task, int code, Instant at) {
        return new DeviceFault(id(device), task, "SetParameterValues", code, "fault " + code, at);
    }

    /** A reboot the device accepted at {@code at} (its task created then), in progress. */
    protected static Operation reboot(String device, Instant at) {
        return Operation.start(TaskId.create(at), id(device), OperationKind.REBOOT, "reboot-" + at.toEpochMilli(), at,
                Duration.ofHours(1));
    }

    private List<String> paths(DeviceId id, String prefix) {
        return store.parameters(id, prefix).stream().map(Parameter::path).toList();
    }

    private void seedTree(Device d) {
        store.commit(withParams(d,
                object("Device."),
                object("Device.IP."),
                object("Device.IP.Interface."),
                object("Device.IP.Interface.1."),
                param("Device.IP.Interface.1.Enable", "true"),
                param("Device.IP.Interface.1.Name", "wan"),
                object("Device.IP.Interface.10."),
                param("Device.IP.Interface.10.Name", "lan10"),
                object("Device.IP.Interface.2."),
                param("Device.IP.Interface.2.Name", "lan"),
                param("Device.IP.InterfaceNumberOfEntries", "3"),
                param("Device.DeviceInfo.SoftwareVersion", "4.2.1"),
                param("Device.DeviceInfo.SoftwareVersionExtra", "x")));
    }

    // ---- unknown devices --------------------------------------------------------------------------------

    @Test
    void unknownDeviceIsEmptyEverywhere() {
        DeviceId nobody = id("nobody");
        assertThat(store.loadSnapshot(nobody)).isEmpty();
        assertThat(store.findDevice(nobody)).isEmpty();
        assertThat(store.parameters(nobody, "")).isEmpty();
        assertThat(store.informs(nobody, 10)).isEmpty();
        assertThat(store.faults(nobody, 10)).isEmpty();
        assertThat(store.tasks(nobody)).isEmpty();
        assertThat(store.pendingTasks(nobody)).isEmpty();
        assertThat(store.operations(nobody)).isEmpty();
        assertThat(store.setTags(nobody, Set.of("x"))).isEmpty();
        assertThat(store.deleteDevice(nobody)).isFalse();
        assertThat(store.listDevices(null, 10)).isEmpty();
        assertThat(store.findDevice(nobody)).as("setTags must not create a device").isEmpty();
    }

    // ---- device summary ---------------------------------------------------------------------------------

    @Test
    void fullDeviceSummaryRoundTrips() {
        Device d = fullDevice("dev-full");
        store.commit(withParams(d));
        assertThat(store.findDevice(d.id())).contains(d);
        assertThat(store.loadSnapshot(d.id())).contains(new DeviceSnapshot(d, Map.of()));
    }

    @Test
    void minimalDeviceSummaryRoundTrips() {
        Device d = Device.register(id("dev-min"), T0);
        assertThat(d.deviceIdStruct()).isNull();
        store.commit(withParams(d));
        assertThat(store.findDevice(d.id())).contains(d);
    }

    @Test
    void unusualDeviceIdsRoundTripAndStayApart() {
        List<String> ids = List.of("a", "a-b", "a\u0000b", "a\u0001", "a.b", "ü-Ω-\uD83D\uDE80", "x".repeat(512));
        for (String s : ids) {
            store.commit(withParams(fullDevice(s), param("Device.Id", s)));
        }
        for (String s : ids) {
            assertThat(store.findDevice(id(s))).map(Device::id).contains(id(s));
            assertThat(store.parameters(id(s), "")).extracting(Parameter::value).containsExactly(s);
        }
        assertThat(store.listDevices(null, 100)).extracting(Device::id)
                .containsExactlyElementsOf(ids.stream().map(DeviceId::new).sorted().toList());
    }

    @Test
    void commitReplacesTheDeviceSummary() {
        Device d = fullDevice("dev-replace");
        store.commit(withParams(d));
        Device later = new Device(d.id(), d.deviceIdStruct(), d.registeredAt(), T0.plusSeconds(300), null,
                List.of(EventStruct.of(EventStruct.PERIODIC)), "192.0.2.99", null, "1.0", "Device.", "4.3", null,
                true, null, d.tags());
        store.commit(withParams(later));
        assertThat(store.findDevice(d.id())).contains(later);
    }

    // ---- parameters -------------------------------------------------------------------------------------

    @Test
    void snapshotHoldsDeviceAndEveryParameter() {
        Device d = fullDevice("dev-snap");
        seedTree(d);
        DeviceSnapshot s = store.loadSnapshot(d.id()).orElseThrow();
        assertThat(s.device()).isEqualTo(d);
        assertThat(s.parameters()).hasSize(13);
        assertThat(s.parameters().get("Device.IP.Interface.1.Name")).isEqualTo(param("Device.IP.Interface.1.Name", "wan"));
        s.parameters().forEach((path, p) -> assertThat(p.path()).isEqualTo(path));
    }

    @Test
    void nullValuesTypesAndWritabilityRoundTrip() {
        Device d = fullDevice("dev-nulls");
        List<Parameter> ps = List.of(
                new Parameter("Device.A", null, null, null, T0),
                new Parameter("Device.B", "", "xsd:string", false, T0.plusNanos(1)),
                new Parameter("Device.C", "42", "xsd:unsignedInt", true, T0.minusSeconds(10)),
                new Parameter("Device.D", "x", null, null, Instant.EPOCH.minusSeconds(5)),
                new Parameter("Device.E.", null, null, true, T0));
        store.commit(changes(d, false, Set.of(), ps));
        assertThat(store.parameters(d.id(), "")).containsExactlyElementsOf(ps);
        assertThat(store.parameters(d.id(), "Device.A").get(0).value()).isNull();
        assertThat(store.parameters(d.id(), "Device.B").get(0).value()).isEmpty();
    }

    @Test
    void unicodeAndVeryLongValuesRoundTrip() {
        Device d = fullDevice("dev-unicode");
        String unicode = "Grüße, 世界, Ελληνικά, emoji \uD83D\uDE80\uD83D\uDC4D, tab\tnul\u0000end";
        String longValue = "0123456789abcdef".repeat(64 * 1024); // 1 MiB
        store.commit(withParams(d, param("Device.Unicode", unicode), param("Device.Long", longValue),
                param("Device.Path.Ünïcödé", "path")));
        assertThat(store.parameters(d.id(), "Device.Unicode").get(0).value()).isEqualTo(unicode);
        assertThat(store.parameters(d.id(), "Device.Long").get(0).value()).isEqualTo(longValue);
        assertThat(store.parameters(d.id(), "Device.Path.").get(0).path()).isEqualTo("Device.Path.Ünïcödé");
        restart();
        assertThat(store.loadSnapshot(d.id()).orElseThrow().parameters().get("Device.Long").value())
                .isEqualTo(longValue);
    }

    @Test
    void objectsAndLeavesAreBothStored() {
        Device d = fullDevice("dev-objects");
        seedTree(d);
        List<Parameter> all = store.parameters(d.id(), "");
        assertThat(all.stream().filter(Parameter::isObject).map(Parameter::path)).containsExactly(
                "Device.", "Device.IP.", "Device.IP.Interface.", "Device.IP.Interface.1.",
                "Device.IP.Interface.10.", "Device.IP.Interface.2.");
        assertThat(all.stream().filter(p -> !p.isObject())).hasSize(7).allSatisfy(p -> assertThat(p.value()).isNotNull());
        assertThat(all.stream().filter(Parameter::isObject)).allSatisfy(p -> assertThat(p.value()).isNull());
    }

    @Test
    void parametersUnderAnObjectPrefixIncludeTheObjectItselfInPathOrder() {
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
    void parametersOfAFullPathAreExactlyThatParameter() {
        Device d = fullDevice("dev-exact");
        seedTree(d);
        assertThat(paths(d.id(), "Device.DeviceInfo.SoftwareVersion"))
                .containsExactly("Device.DeviceInfo.SoftwareVersion");
        assertThat(paths(d.id(), "Device.IP.Interface")).as("a leaf path is not a string prefix").isEmpty();
        assertThat(paths(d.id(), "Device.DeviceInfo.Missing")).isEmpty();
    }

    @Test
    void parametersOfTheEmptyPrefixAreAllInPathOrder() {
        Device d = fullDevice("dev-all");
        seedTree(d);
        List<String> all = paths(d.id(), "");
        assertThat(all).hasSize(13).isSorted();
        assertThat(all).isEqualTo(store.loadSnapshot(d.id()).orElseThrow().parameters().keySet().stream()
                .sorted().toList());
    }

    @Test
    void parametersOfDevicesWithPrefixIdsStayApart() {
        store.commit(withParams(fullDevice("abc"), param("Device.X", "abc")));
        store.commit(withParams(fullDevice("abcd"), param("Device.X", "abcd")));
        store.commit(withParams(fullDevice("ab"), param("Device.X", "ab")));
        assertThat(store.parameters(id("abc"), "")).extracting(Parameter::value).containsExactly("abc");
        assertThat(store.loadSnapshot(id("abc")).orElseThrow().parameters()).hasSize(1);
        store.commit(changes(fullDevice("abc"), true, Set.of(), List.of()));
        assertThat(store.parameters(id("abcd"), "")).hasSize(1);
        assertThat(store.parameters(id("ab"), "")).hasSize(1);
    }

    @Test
    void anUpsertReplacesTheStoredParameterAndOthersStay() {
        Device d = fullDevice("dev-upsert");
        seedTree(d);
        Parameter changed = new Parameter("Device.IP.Interface.1.Name", "wan0", "xsd:string", false, T0.plusSeconds(9));
        store.commit(withParams(d, changed));
        assertThat(store.parameters(d.id(), "Device.IP.Interface.1.Name")).containsExactly(changed);
        assertThat(store.parameters(d.id(), "")).hasSize(13);
    }

    // ---- session changes: order of application ---------------------------------------------------------

    @Test
    void forgetLearnedDeletesEveryParameterBeforeTheUpserts() {
        Device d = fullDevice("dev-forget");
        seedTree(d);
        Parameter fresh = param("Device.DeviceInfo.SoftwareVersion", "5.0");
        store.commit(changes(d, true, Set.of(), List.of(fresh, object("Device."))));
        assertThat(store.parameters(d.id(), "")).containsExactly(object("Device."), fresh);
    }

    @Test
    void forgetLearnedWithBuilderBootstrap() {
        Device d = fullDevice("dev-bootstrap");
        seedTree(d);
        store.commit(session(d).forgetLearned().upsert(param("Device.New", "1")).build());
        assertThat(paths(d.id(), "")).containsExactly("Device.New");
    }

    @Test
    void aDeletedSubtreeGoesWithItsObjectButNotItsNeighbours() {
        Device d = fullDevice("dev-subtree");
        seedTree(d);
        store.commit(changes(d, false, Set.of("Device.IP.Interface.1."), List.of()));
        assertThat(paths(d.id(), "Device.IP.")).containsExactly(
                "Device.IP.", "Device.IP.Interface.", "Device.IP.Interface.10.", "Device.IP.Interface.10.Name",
                "Device.IP.Interface.2.", "Device.IP.Interface.2.Name", "Device.IP.InterfaceNumberOfEntries");
    }

    @Test
    void severalDeletedSubtreesInOneCommit() {
        Device d = fullDevice("dev-subtrees");
        seedTree(d);
        store.commit(changes(d, false, Set.of("Device.IP.Interface.2.", "Device.DeviceInfo.", "Device.Absent."),
                List.of()));
        assertThat(paths(d.id(), "")).containsExactly("Device.", "Device.IP.", "Device.IP.Interface.",
                "Device.IP.Interface.1.", "Device.IP.Interface.1.Enable", "Device.IP.Interface.1.Name",
                "Device.IP.Interface.10.", "Device.IP.Interface.10.Name", "Device.IP.InterfaceNumberOfEntries");
    }

    @Test
    void theEmptyDeletedSubtreeMeansEverything() {
        Device d = fullDevice("dev-subtree-all");
        seedTree(d);
        store.commit(withParams(fullDevice("dev-subtree-other"), param("Device.Keep", "1")));
        store.commit(changes(d, false, Set.of(""), List.of()));
        assertThat(store.parameters(d.id(), "")).isEmpty();
        assertThat(store.findDevice(d.id())).isPresent();
        assertThat(paths(id("dev-subtree-other"), "")).containsExactly("Device.Keep");
    }

    @Test
    void upsertsAreWrittenAfterTheDeletes() {
        Device d = fullDevice("dev-rewalk");
        seedTree(d);
        // a re-walked subtree: everything under it is deleted, then what the walk found is written
        List<Parameter> walked = List.of(object("Device.IP.Interface.1."), param("Device.IP.Interface.1.Name", "wan1"),
                param("Device.IP.Interface.1.Alias", "cpe-1"));
        store.commit(changes(d, false, Set.of("Device.IP.Interface.1."), walked));
        assertThat(store.parameters(d.id(), "Device.IP.Interface.1.")).containsExactly(
                object("Device.IP.Interface.1."), param("Device.IP.Interface.1.Alias", "cpe-1"),
                param("Device.IP.Interface.1.Name", "wan1"));
        // upserts after forgetting everything and after deleting ""
        store.commit(changes(d, true, Set.of(""), List.of(param("Device.Only", "1"))));
        assertThat(paths(d.id(), "")).containsExactly("Device.Only");
    }

    @Test
    void aCommitWithoutParameterChangesKeepsTheParameters() {
        Device d = fullDevice("dev-keep");
        seedTree(d);
        store.commit(withParams(d));
        assertThat(store.parameters(d.id(), "")).hasSize(13);
    }

    @Test
    void aCommitWritesTasksOperationsFaultsAndInformTogether() {
        Device d = fullDevice("dev-all-in-one");
        Task t = store.addTask(task("dev-all-in-one", new TaskAction.Reboot("k"), T0));
        Task done = t.done(new TaskResult.Status(0, 0), T0.plusSeconds(5));
        Operation rebooting = Operation.start(t.id(), d.id(), OperationKind.REBOOT, "k", T0.plusSeconds(5),
                Duration.ofHours(1));
        DeviceFault f = fault("dev-all-in-one", t.id(), 9002, T0.plusSeconds(4));
        InformRecord i = inform("dev-all-in-one", T0, 0);
        store.commit(session(d).upsert(param("Device.X", "1")).task(done).operation(rebooting).fault(f).inform(i)
                .build());
        assertThat(store.findTask(t.id())).contains(done);
        assertThat(store.operations(d.id())).containsExactly(rebooting);
        assertThat(store.pendingTasks(d.id())).isEmpty();
        assertThat(store.faults(d.id(), 10)).containsExactly(f);
        assertThat(store.informs(d.id(), 10)).containsExactly(i);
        assertThat(store.parameters(d.id(), "")).containsExactly(param("Device.X", "1"));
    }

    /** Reads every view of the device, as a session and the API would (filling any cache a store has). */
    private void readEverything(DeviceId id) {
        store.loadSnapshot(id);
        store.findDevice(id);
        store.parameters(id, "");
        store.parameters(id, "Device.B.");
    }

    /** The snapshot, the summary and the parameter list agree, and hold exactly {@code paths}. */
    private void assertViews(DeviceId id, String... paths) {
        DeviceSnapshot s = store.loadSnapshot(id).orElseThrow();
        assertThat(store.findDevice(id)).contains(s.device());
        assertThat(store.parameters(id, "")).containsExactlyElementsOf(
                s.parameters().values().stream().sorted(Comparator.comparing(Parameter::path)).toList());
        assertThat(paths(id, "")).containsExactly(paths);
    }

    @Test
    void readsRightAfterEveryKindOfWriteShowIt() {
        Device d = fullDevice("dev-fresh");
        store.register(Device.register(d.id(), T0));
        readEverything(d.id());
        store.commit(withParams(d, param("Device.A", "1"), object("Device.B."), param("Device.B.C", "2")));
        assertViews(d.id(), "Device.A", "Device.B.", "Device.B.C");
        assertThat(store.findDevice(d.id())).as("the session's device, with the tags registered")
                .contains(d.withTags(Set.of()));

        readEverything(d.id());
        store.commit(changes(d, false, Set.of("Device.B."), List.of(param("Device.D", "3"))));
        assertViews(d.id(), "Device.A", "Device.D");
        assertThat(store.parameters(d.id(), "Device.B.")).isEmpty();

        readEverything(d.id());
        store.commit(changes(d, false, Set.of(), List.of(param("Device.A", "changed"))));
        assertThat(store.loadSnapshot(d.id()).orElseThrow().parameters().get("Device.A").value()).isEqualTo("changed");
        assertThat(store.parameters(d.id(), "Device.A").get(0).value()).isEqualTo("changed");

        readEverything(d.id());
        store.commit(changes(d, true, Set.of(), List.of(param("Device.E", "4"))));
        assertViews(d.id(), "Device.E");

        readEverything(d.id());
        store.setTags(d.id(), Set.of("fresh"));
        assertViews(d.id(), "Device.E");
        assertThat(store.loadSnapshot(d.id()).orElseThrow().device().tags()).containsExactly("fresh");

        readEverything(d.id());
        Device upgraded = new Device(d.id(), d.deviceIdStruct(), d.registeredAt(), T0.plusSeconds(1), null,
                List.of(), null, null, "1.4", "Device.", "9.9", null, false, null, Set.of());
        store.commit(withParams(upgraded));
        assertThat(store.findDevice(d.id())).contains(upgraded.withTags(Set.of("fresh")));
        assertViews(d.id(), "Device.E");

        readEverything(d.id());
        assertThat(store.register(Device.register(d.id(), T0))).isEqualTo(upgraded.withTags(Set.of("fresh")));
        assertViews(d.id(), "Device.E");

        readEverything(d.id());
        store.deleteDevice(d.id());
        assertThat(store.loadSnapshot(d.id())).isEmpty();
        assertThat(store.findDevice(d.id())).isEmpty();
        assertThat(store.parameters(d.id(), "")).isEmpty();

        readEverything(d.id());
        Device again = Device.register(d.id(), T0.plusSeconds(5));
        store.register(again);
        assertThat(store.loadSnapshot(d.id())).contains(new DeviceSnapshot(again, Map.of()));
    }

    // ---- register, tags, delete -------------------------------------------------------------------------

    @Test
    void registerStoresANewDevice() {
        Device d = Device.register(id("pre-1"), T0).withTags(Set.of("batch-7"));
        assertThat(store.register(d)).isEqualTo(d);
        assertThat(store.findDevice(d.id())).contains(d);
        assertThat(store.loadSnapshot(d.id())).contains(new DeviceSnapshot(d, Map.of()));
    }

    @Test
    void registerKeepsAnExistingDevice() {
        Device d = fullDevice("pre-2");
        seedTree(d);
        Device again = Device.register(d.id(), T0.plusSeconds(999));
        assertThat(store.register(again)).isEqualTo(d);
        assertThat(store.findDevice(d.id())).contains(d);
        assertThat(store.parameters(d.id(), "")).hasSize(13);
    }

    @Test
    void setTagsReplacesTheTags() {
        Device d = fullDevice("dev-tags");
        seedTree(d);
        assertThat(store.setTags(d.id(), Set.of("a", "b"))).contains(d.withTags(Set.of("a", "b")));
        assertThat(store.findDevice(d.id())).map(Device::tags).contains(Set.of("a", "b"));
        assertThat(store.loadSnapshot(d.id()).orElseThrow().device().tags()).containsExactlyInAnyOrder("a", "b");
        assertThat(store.setTags(d.id(), Set.of())).map(Device::tags).contains(Set.of());
        assertThat(store.findDevice(d.id())).contains(d.withTags(Set.of()));
        assertThat(store.parameters(d.id(), "")).hasSize(13);
    }

    @Test
    void aCommitKeepsTheTagsAnOperatorSetDuringTheSession() {
        Device d = fullDevice("dev-tags-race");
        store.commit(withParams(d));
        Device sessionView = store.loadSnapshot(d.id()).orElseThrow().device();
        store.setTags(d.id(), Set.of("set-while-in-session"));
        store.commit(withParams(sessionView));
        assertThat(store.findDevice(d.id())).map(Device::tags).contains(Set.of("set-while-in-session"));
    }

    @Test
    void deleteDeviceRemovesEverythingOfThatDeviceOnly() {
        Device d = fullDevice("dev-del");
        Device other = fullDevice("dev-del-other");
        for (Device x : List.of(d, other)) {
            seedTree(x);
            Task t = store.addTask(task(x.id().value(), new TaskAction.FactoryReset(), T0));
            store.commit(session(x).inform(inform(x.id().value(), T0, 0))
                    .fault(fault(x.id().value(), t.id(), 9001, T0)).build());
        }
        List<Task> tasksOfD = store.tasks(d.id());
        assertThat(store.deleteDevice(d.id())).isTrue();
        assertThat(store.findDevice(d.id())).isEmpty();
        assertThat(store.loadSnapshot(d.id())).isEmpty();
        assertThat(store.parameters(d.id(), "")).isEmpty();
        assertThat(store.tasks(d.id())).isEmpty();
        assertThat(store.findTask(tasksOfD.get(0).id())).isEmpty();
        assertThat(store.cancelTask(tasksOfD.get(0).id(), T0)).isEmpty();
        assertThat(store.informs(d.id(), 10)).isEmpty();
        assertThat(store.faults(d.id(), 10)).isEmpty();
        assertThat(store.listDevices(null, 10)).extracting(Device::id).containsExactly(other.id());
        assertThat(store.deleteDevice(d.id())).isFalse();
        // the other device is untouched
        assertThat(store.parameters(other.id(), "")).hasSize(13);
        assertThat(store.tasks(other.id())).hasSize(1);
        assertThat(store.informs(other.id(), 10)).hasSize(1);
        assertThat(store.faults(other.id(), 10)).hasSize(1);
        // and the deleted one can come back, with nothing of its past
        store.commit(withParams(d, param("Device.New", "1")));
        assertThat(paths(d.id(), "")).containsExactly("Device.New");
        assertThat(store.tasks(d.id())).isEmpty();
    }

    // ---- listing ----------------------------------------------------------------------------------------

    @Test
    void listDevicesPagesInIdOrder() {
        List<DeviceId> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(id(String.format("dev-%03d", i)));
        }
        List<DeviceId> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(i -> store.register(Device.register(i, T0)));

        List<DeviceId> seen = new ArrayList<>();
        DeviceId after = null;
        List<Device> page;
        int pages = 0;
        do {
            page = store.listDevices(after, 10);
            assertThat(page.size()).isLessThanOrEqualTo(10);
            page.forEach(d -> seen.add(d.id()));
            after = page.isEmpty() ? after : page.get(page.size() - 1).id();
            pages++;
        } while (!page.isEmpty());
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(4);
        assertThat(store.listDevices(id("dev-010"), 3)).extracting(Device::id)
                .containsExactly(id("dev-011"), id("dev-012"), id("dev-013"));
        assertThat(store.listDevices(id("dev-0105"), 1)).extracting(Device::id)
                .as("after need not be stored").containsExactly(id("dev-011"));
        assertThat(store.listDevices(id("dev-024"), 10)).isEmpty();
        assertThat(store.listDevices(null, 0)).isEmpty();
        assertThat(store.listDevices(null, 100)).hasSize(25);
    }

    // ---- informs and faults -----------------------------------------------------------------------------

    @Test
    void informsNewestFirstWithinTheLimit() {
        Device d = fullDevice("dev-informs");
        List<InformRecord> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            InformRecord r = inform(d.id().value(), T0.plusSeconds(i * 60L), i);
            all.add(r);
            store.commit(session(d).inform(r).build());
        }
        store.commit(session(d).build()); // no inform: no history entry
        Collections.reverse(all);
        assertThat(store.informs(d.id(), 10)).containsExactlyElementsOf(all);
        assertThat(store.informs(d.id(), 2)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(store.informs(d.id(), 0)).isEmpty();
        assertThat(store.informs(id("dev-informs-other"), 10)).isEmpty();
    }

    @Test
    void informHistoryIsBoundedToTheNewest() {
        Device d = fullDevice("dev-informs-bounded");
        int n = informHistoryLimit() + 10;
        for (int i = 0; i < n; i++) {
            store.commit(session(d).inform(inform(d.id().value(), T0.plusSeconds(i), i)).build());
        }
        List<InformRecord> kept = store.informs(d.id(), 10_000);
        assertThat(kept).hasSize(informHistoryLimit());
        assertThat(kept.get(0).retryCount()).isEqualTo(n - 1);
        assertThat(kept.get(kept.size() - 1).retryCount()).isEqualTo(n - informHistoryLimit());
        assertThat(kept).extracting(InformRecord::at).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void informsWithTheSameInstantAreAllKept() {
        Device d = fullDevice("dev-informs-same");
        for (int i = 0; i < 3; i++) {
            store.commit(session(d).inform(inform(d.id().value(), T0, i)).build());
        }
        assertThat(store.informs(d.id(), 10)).extracting(InformRecord::retryCount).containsExactly(2, 1, 0);
    }

    @Test
    void faultsNewestFirstAndBounded() {
        Device d = fullDevice("dev-faults");
        Task t = store.addTask(task(d.id().value(), new TaskAction.Reboot(null), T0));
        int n = faultHistoryLimit() + 20;
        int code = 9000;
        for (int c = 0; c < 4; c++) {
            SessionChanges.Builder b = session(d);
            for (int i = 0; i < n / 4; i++) {
                b.fault(fault(d.id().value(), code % 2 == 0 ? null : t.id(), code, T0.plusSeconds(code)));
                code++;
            }
            store.commit(b.build());
        }
        List<DeviceFault> kept = store.faults(d.id(), 10_000);
        assertThat(kept).hasSize(faultHistoryLimit());
        assertThat(kept.get(0)).isEqualTo(fault(d.id().value(), t.id(), 9000 + n - 1, T0.plusSeconds(9000 + n - 1)));
        assertThat(kept.get(1).taskId()).isNull();
        assertThat(kept).extracting(DeviceFault::code).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(kept.get(kept.size() - 1).code()).isEqualTo(9000 + n - faultHistoryLimit());
        assertThat(store.faults(d.id(), 3)).containsExactlyElementsOf(kept.subList(0, 3));
    }

    // ---- tasks ------------------------------------------------------------------------------------------

    @Test
    void addTaskThenFindIt() {
        Task t = task("dev-t", new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.")), T0);
        assertThat(store.addTask(t)).isEqualTo(t);
        assertThat(store.findTask(t.id())).contains(t);
        assertThat(store.tasks(id("dev-t"))).containsExactly(t);
        assertThat(store.findTask(TaskId.create(T0))).isEmpty();
    }

    @Test
    void tasksComeInQueueOrderWhateverTheOrderTheyWereAdded() {
        List<Task> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(task("dev-queue", new TaskAction.Reboot("r" + i), T0.plusMillis(i)));
        }
        List<Task> shuffled = new ArrayList<>(queued);
        Collections.shuffle(shuffled, new Random(3));
        shuffled.forEach(store::addTask);
        store.addTask(task("dev-queue-2", new TaskAction.FactoryReset(), T0));
        assertThat(store.tasks(id("dev-queue"))).containsExactlyElementsOf(queued);
        assertThat(store.pendingTasks(id("dev-queue"))).containsExactlyElementsOf(queued);
        assertThat(store.tasks(id("dev-queue-2"))).hasSize(1);
    }

    @Test
    void pendingTasksLeaveOutEveryFinalStatus() {
        String dev = "dev-pending";
        Task pending = task(dev, new TaskAction.Reboot("a"), T0);
        Task done = task(dev, new TaskAction.Reboot("b"), T0.plusMillis(1)).done(new TaskResult.Status(0, 0), T0);
        Task failed = task(dev, new TaskAction.Reboot("c"), T0.plusMillis(2))
                .failedAttempt(new TaskFault(9002, "internal", T0), new io.lodestar.acs.core.task.RetryPolicy(1,
                        Duration.ZERO, Duration.ZERO), T0);
        Task expired = task(dev, new TaskAction.Reboot("d"), T0.plusMillis(3)).expired(T0);
        Task cancelled = task(dev, new TaskAction.Reboot("e"), T0.plusMillis(4)).cancelled(T0);
        Task retrying = task(dev, new TaskAction.Reboot("f"), T0.plusMillis(5))
                .failedAttempt(new TaskFault(TaskFault.SESSION_ENDED, "session ended", T0),
                        io.lodestar.acs.core.task.RetryPolicy.DEFAULT, T0);
        List<Task> all = List.of(pending, done, failed, expired, cancelled, retrying);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(retrying.status()).isEqualTo(TaskStatus.PENDING);
        all.forEach(store::addTask);
        assertThat(store.tasks(id(dev))).containsExactlyElementsOf(all);
        assertThat(store.pendingTasks(id(dev))).containsExactly(pending, retrying);
    }

    @Test
    void cancelTaskCancelsAPendingTask() {
        Task t = store.addTask(task("dev-cancel", new TaskAction.Refresh("Device."), T0));
        Instant now = T0.plusSeconds(30);
        Optional<Task> cancelled = store.cancelTask(t.id(), now);
        assertThat(cancelled).contains(t.cancelled(now));
        assertThat(cancelled.get().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(cancelled.get().completedAt()).isEqualTo(now);
        assertThat(store.findTask(t.id())).contains(t.cancelled(now));
        assertThat(store.pendingTasks(id("dev-cancel"))).isEmpty();
        assertThat(store.cancelTask(t.id(), now.plusSeconds(5))).as("cancelling twice changes nothing")
                .contains(t.cancelled(now));
    }

    @Test
    void cancelTaskLeavesFinalTasksAsTheyAre() {
        Task done = task("dev-cancel-final", new TaskAction.Reboot(null), T0)
                .done(new TaskResult.Status(0, 0), T0.plusSeconds(1));
        store.addTask(done);
        assertThat(store.cancelTask(done.id(), T0.plusSeconds(9))).contains(done);
        assertThat(store.findTask(done.id())).contains(done);
        Task expired = store.addTask(task("dev-cancel-final", new TaskAction.Reboot(null), T0.plusMillis(1))
                .expired(T0));
        assertThat(store.cancelTask(expired.id(), T0.plusSeconds(9))).contains(expired);
    }

    @Test
    void cancelAnUnknownTaskIsEmpty() {
        assertThat(store.cancelTask(TaskId.create(T0), T0)).isEmpty();
    }

    @Test
    void aCommitUpdatesTaskStates() {
        Device d = fullDevice("dev-task-commit");
        Task a = store.addTask(task("dev-task-commit", new TaskAction.Reboot("a"), T0));
        Task b = store.addTask(task("dev-task-commit", new TaskAction.Reboot("b"), T0.plusMillis(1)));
        Task aDone = a.done(new TaskResult.Status(0, 0), T0.plusSeconds(1));
        Task bRetry = b.failedAttempt(new TaskFault(9002, "busy", T0.plusSeconds(2)),
                io.lodestar.acs.core.task.RetryPolicy.DEFAULT, T0.plusSeconds(2));
        store.commit(session(d).task(aDone).task(bRetry).build());
        assertThat(store.tasks(d.id())).containsExactly(aDone, bRetry);
        assertThat(store.pendingTasks(d.id())).containsExactly(bRetry);
        assertThat(store.findTask(a.id())).contains(aDone);
        // a task queued by the commit itself is findable too
        Task c = task("dev-task-commit", new TaskAction.FactoryReset(), T0.plusMillis(2));
        store.commit(session(d).task(c).build());
        assertThat(store.findTask(c.id())).contains(c);
    }

    /** Every action variant, with values that exercise empty and unusual strings. */
    public static List<TaskAction> everyAction() {
        return List.of(
                new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.", "Device.ManagementServer.URL")),
                new TaskAction.SetParameterValues(List.of(
                        new ParameterValueStruct("Device.WiFi.SSID.1.SSID", "Café ☕", "xsd:string"),
                        new ParameterValueStruct("Device.WiFi.Radio.1.Channel", "11", "xsd:unsignedInt"),
                        new ParameterValueStruct("Device.Empty", "", null)), "pk-1"),
                new TaskAction.SetParameterValues(List.of(ParameterValueStruct.string("Device.X", "1")), null),
                new TaskAction.GetParameterNames("Device.", true),
                new TaskAction.GetParameterNames("", false),
                new TaskAction.AddObject("Device.IP.Interface.", "pk-2"),
                new TaskAction.DeleteObject("Device.IP.Interface.3.", ""),
                new TaskAction.Reboot("reboot-cmd"),
                new TaskAction.Reboot(null),
                new TaskAction.FactoryReset(),
                new TaskAction.Refresh(""),
                new TaskAction.Refresh("Device.WiFi."));
    }

    /** Every result variant. */
    public static List<TaskResult> everyResult() {
        return List.of(
                new TaskResult.Values(List.of(new ParameterValueStruct("Device.A", "ü", "xsd:string"),
                        new ParameterValueStruct("Device.B", "", "xsd:boolean"))),
                new TaskResult.Values(List.of()),
                new TaskResult.Names(List.of(new ParameterInfoStruct("Device.A.", false),
                        new ParameterInfoStruct("Device.A.B", true))),
                new TaskResult.ObjectAdded(4_294_967_295L, 1),
                new TaskResult.Status(1, 0),
                new TaskResult.Status(0, 12_345));
    }

    @Test
    void everyTaskActionRoundTrips() {
        List<TaskAction> actions = everyAction();
        List<Task> added = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            added.add(store.addTask(task("dev-actions", actions.get(i), T0.plusMillis(i))));
        }
        for (Task t : added) {
            assertThat(store.findTask(t.id())).contains(t);
        }
        assertThat(store.tasks(id("dev-actions"))).extracting(Task::action).containsExactlyElementsOf(actions);
        restart();
        assertThat(store.tasks(id("dev-actions"))).containsExactlyElementsOf(added);
    }

    @Test
    void everyTaskResultAndFaultRoundTrips() {
        List<TaskResult> results = everyResult();
        Device d = fullDevice("dev-results");
        SessionChanges.Builder b = session(d);
        List<Task> expected = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Task t = task("dev-results", new TaskAction.Reboot("r"), T0.plusMillis(i))
                    .failedAttempt(new TaskFault(9000 + i, i == 0 ? null : "fault ü " + i, i == 1 ? null : T0),
                            io.lodestar.acs.core.task.RetryPolicy.DEFAULT, T0)
                    .done(results.get(i), T0.plusSeconds(i));
            expected.add(t);
            b.task(t);
        }
        store.commit(b.build());
        assertThat(store.tasks(d.id())).containsExactlyElementsOf(expected);
        assertThat(store.tasks(d.id())).extracting(Task::result).containsExactlyElementsOf(results);
    }

    // ---- durability and life cycle ----------------------------------------------------------------------

    @Test
    void everythingSurvivesCloseAndReopen() {
        Device d = fullDevice("dev-restart");
        seedTree(d);
        store.setTags(d.id(), Set.of("kept"));
        Task t = store.addTask(task("dev-restart", new TaskAction.Reboot("x"), T0));
        Task cancelledLater = store.addTask(task("dev-restart", new TaskAction.Reboot("y"), T0.plusMillis(1)));
        store.cancelTask(cancelledLater.id(), T0.plusSeconds(3));
        InformRecord i = inform("dev-restart", T0, 1);
        DeviceFault f = fault("dev-restart", t.id(), 9005, T0);
        store.commit(session(d).inform(i).fault(f).build());
        DeviceSnapshot before = store.loadSnapshot(d.id()).orElseThrow();
        List<Task> tasksBefore = store.tasks(d.id());

        restart();

        assertThat(store.loadSnapshot(d.id())).contains(before);
        assertThat(before.device().tags()).containsExactly("kept");
        assertThat(store.tasks(d.id())).isEqualTo(tasksBefore);
        assertThat(store.findTask(cancelledLater.id()).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(store.informs(d.id(), 5)).containsExactly(i);
        assertThat(store.faults(d.id(), 5)).containsExactly(f);
        assertThat(store.listDevices(null, 5)).extracting(Device::id).containsExactly(d.id());
        // history keeps counting after the restart
        InformRecord later = inform("dev-restart", T0, 2);
        store.commit(session(d).inform(later).build());
        assertThat(store.informs(d.id(), 5)).containsExactly(later, i);
    }

    @Test
    void aClosedStoreIsUnavailable() {
        store.commit(withParams(fullDevice("dev-closed")));
        store.close();
        assertThatThrownBy(() -> store.loadSnapshot(id("dev-closed"))).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.commit(withParams(fullDevice("dev-closed"))))
                .isInstanceOf(StoreUnavailableException.class);
        store.close(); // closing twice is harmless
        store = reopen();
        assertThat(store.findDevice(id("dev-closed"))).isPresent();
    }

    // ---- concurrency ------------------------------------------------------------------------------------

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentSessionsOfDifferentDevices() throws Exception {
        int threads = 8;
        int sessions = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String dev = "conc-" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    Device d = fullDevice(dev);
                    for (int s = 0; s < sessions; s++) {
                        SessionChanges.Builder b = session(d).inform(inform(dev, T0.plusSeconds(s), s));
                        if (s == 0) {
                            b.forgetLearned();
                        }
                        b.upsert(param("Device.Counter", Integer.toString(s)));
                        b.upsert(param("Device.Session." + s + ".Owner", dev));
                        b.task(task(dev, new TaskAction.Reboot("s" + s), T0.plusMillis(s)));
                        store.commit(b.build());
                        // a session of this device sees its own last commit
                        assertThat(store.loadSnapshot(d.id()).orElseThrow().parameters().get("Device.Counter").value())
                                .isEqualTo(Integer.toString(s));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < threads; t++) {
            String dev = "conc-" + t;
            Map<String, Parameter> ps = store.loadSnapshot(id(dev)).orElseThrow().parameters();
            assertThat(ps).hasSize(sessions + 1);
            assertThat(ps.get("Device.Counter").value()).isEqualTo(Integer.toString(sessions - 1));
            assertThat(ps.values().stream().filter(p -> p.path().endsWith(".Owner")).map(Parameter::value)
                    .collect(Collectors.toSet())).containsExactly(dev);
            assertThat(store.informs(id(dev), 100)).extracting(InformRecord::retryCount)
                    .containsExactlyElementsOf(IntStream.range(0, sessions).map(i -> sessions - 1 - i).boxed().toList());
            assertThat(store.tasks(id(dev))).hasSize(sessions);
        }
        assertThat(store.listDevices(null, 100)).hasSize(threads);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentTaskWritesOfOneDeviceAreAllKept() throws Exception {
        int threads = 4;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Task>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<Task> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        Task task = store.addTask(task("dev-busy", new TaskAction.Reboot(thread + "-" + i), T0.plusMillis(i)));
                        mine.add(task);
                        if (i % 2 == 0) {
                            store.cancelTask(task.id(), T0.plusSeconds(1));
                        }
                    }
                    return mine;
                }));
            }
            List<Task> all = new ArrayList<>();
            for (Future<List<Task>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(store.tasks(id("dev-busy"))).extracting(Task::id)
                    .containsExactlyElementsOf(all.stream().map(Task::id).sorted().toList());
            assertThat(store.pendingTasks(id("dev-busy"))).hasSize(threads * each / 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void committingTheSameChangesTwiceIsLikeCommittingOnce() {
        Device d = fullDevice("idem-1");
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        SessionChanges changes = session(d).upsert(param("Device.A", "1"))
                .fault(fault("idem-1", null, 9002, at)).inform(inform("idem-1", at, 0)).build();

        store.commit(changes);
        store.commit(changes);

        assertThat(store.informs(id("idem-1"), 10)).hasSize(1);
        assertThat(store.faults(id("idem-1"), 10)).hasSize(1);
        assertThat(paths(id("idem-1"), "")).containsExactly("Device.A");
        // a different record at the same instant is still a record of its own
        store.commit(session(d).inform(inform("idem-1", at, 1)).build());
        assertThat(store.informs(id("idem-1"), 10)).hasSize(2);
    }

    // ---- operations ---------------------------------------------------------------------------------------

    @Test
    void aCommitStoresOperationsAndALaterOneReplacesThemByTaskId() {
        Device d = fullDevice("dev-op");
        Operation rebooting = reboot("dev-op", T0);
        store.commit(session(d).operation(rebooting).build());
        assertThat(store.operations(d.id())).containsExactly(rebooting);

        Operation back = rebooting.completed(T0.plusSeconds(90));
        store.commit(session(d).operation(back).build());
        assertThat(store.operations(d.id())).containsExactly(back);
        assertThat(back.status()).isEqualTo(OperationStatus.COMPLETED);
        // a session that starts or ends none leaves them as they are
        store.commit(withParams(d, param("Device.X", "1")));
        assertThat(store.operations(d.id())).containsExactly(back);
    }

    @Test
    void operationsComeInStartOrderWhateverTheOrderTheyWereCommittedIn() {
        Device d = fullDevice("dev-op-order");
        List<Operation> ops = IntStream.range(0, 5).mapToObj(i -> reboot("dev-op-order", T0.plusMillis(i))).toList();
        store.commit(session(d).operation(ops.get(3)).operation(ops.get(1)).build());
        store.commit(session(d).operation(ops.get(4)).operation(ops.get(0)).operation(ops.get(2)).build());
        assertThat(store.operations(d.id())).containsExactlyElementsOf(ops);
    }

    @Test
    void everyOperationFieldRoundTripsAndSurvivesARestart() {
        Device d = fullDevice("dev-op-fields");
        List<Operation> ops = List.of(
                Operation.start(TaskId.create(T0), d.id(), OperationKind.REBOOT, "Neustart ☕ \uD83D\uDE80 ü", T0,
                        Duration.ofMinutes(5)),
                Operation.start(TaskId.create(T0.plusMillis(1)), d.id(), OperationKind.FACTORY_RESET, "",
                        T0.plusNanos(1), Duration.ofHours(1)).completed(T0.plusSeconds(30).plusNanos(876_543_210)),
                Operation.start(TaskId.create(T0.plusMillis(2)), d.id(), OperationKind.REBOOT, "k", T0,
                        Duration.ofNanos(1)).timedOut(T0.plusSeconds(3600)),
                new Operation(TaskId.create(T0.plusMillis(3)), d.id(), OperationKind.FACTORY_RESET, "x",
                        OperationStatus.COMPLETED, Instant.ofEpochSecond(-86_400, 999_999_999), T0, null));
        SessionChanges.Builder b = session(d);
        ops.forEach(b::operation);
        store.commit(b.build());
        assertThat(store.operations(d.id())).containsExactlyElementsOf(ops);
        restart();
        assertThat(store.operations(d.id())).containsExactlyElementsOf(ops);
    }

    @Test
    void operationsAreStoredUnderTheDeviceTheyName() {
        Device d = fullDevice("dev-op-own");
        Operation mine = reboot("dev-op-own", T0);
        Operation theirs = reboot("dev-op-theirs", T0.plusMillis(1));
        store.commit(session(d).operation(mine).operation(theirs).build());
        assertThat(store.operations(d.id())).containsExactly(mine);
        assertThat(store.operations(id("dev-op-theirs"))).containsExactly(theirs);
    }

    @Test
    void committingTheSameOperationsTwiceIsLikeCommittingOnce() {
        Device d = fullDevice("dev-op-idem");
        Operation a = reboot("dev-op-idem", T0);
        Operation b = reboot("dev-op-idem", T0.plusMillis(1)).completed(T0.plusSeconds(5));
        SessionChanges changes = session(d).operation(a).operation(b).build();
        store.commit(changes);
        store.commit(changes);
        assertThat(store.operations(d.id())).containsExactly(a, b);
    }

    @Test
    void theOperationHistoryKeepsEveryOneInProgressAndTheMostRecentlyEnded() {
        Device d = fullDevice("dev-op-history");
        int kept = OperationStore.ENDED_OPERATIONS_KEPT;
        assertThat(kept).isEqualTo(50);
        // 62 operations in start order: 60 ended (each half a second after its start), 2 in progress (the first
        // and one in the middle)
        List<Operation> all = new ArrayList<>();
        for (int i = 0; i < kept + 12; i++) {
            Operation o = reboot("dev-op-history", T0.plusSeconds(i));
            all.add(i == 0 || i == 31 ? o : o.completed(T0.plusSeconds(i).plusMillis(500)));
        }
        // the first 41 in one commit (nothing to prune yet), the others one commit each (each prunes)
        SessionChanges.Builder first = session(d);
        all.subList(0, 41).forEach(first::operation);
        store.commit(first.build());
        SessionChanges last = null;
        for (Operation o : all.subList(41, all.size())) {
            last = session(d).operation(o).build();
            store.commit(last);
        }
        List<Operation> expected = new ArrayList<>();
        expected.add(all.get(0));
        expected.addAll(all.subList(11, all.size())); // the ten that ended first (1 to 10) are gone
        assertThat(store.operations(d.id())).containsExactlyElementsOf(expected)
                .filteredOn(o -> !o.isInProgress()).hasSize(kept);

        store.commit(last); // a retry changes nothing
        assertThat(store.operations(d.id())).containsExactlyElementsOf(expected);
        restart();
        assertThat(store.operations(d.id())).containsExactlyElementsOf(expected);

        // the oldest one ends now: the most recent to end, it stays, and the one that ended first of the others goes
        Operation timedOut = all.get(0).timedOut(T0.plusSeconds(3600));
        store.commit(session(d).operation(timedOut).build());
        expected.set(0, timedOut);
        expected.remove(all.get(11));
        assertThat(store.operations(d.id())).containsExactlyElementsOf(expected);
    }

    @Test
    void deleteDeviceRemovesItsOperationsAndARecreatedDeviceHasNone() {
        Device d = fullDevice("dev-op-del");
        Device other = fullDevice("dev-op-del-other");
        Operation gone = reboot("dev-op-del", T0);
        Operation stays = reboot("dev-op-del-other", T0.plusMillis(1));
        store.commit(session(d).operation(gone).build());
        store.commit(session(other).operation(stays).build());

        assertThat(store.deleteDevice(d.id())).isTrue();
        assertThat(store.operations(d.id())).isEmpty();
        assertThat(store.operations(other.id())).containsExactly(stays);

        store.commit(withParams(d));
        assertThat(store.operations(d.id())).isEmpty();
        Operation fresh = reboot("dev-op-del", T0.plusMillis(2));
        store.commit(session(d).operation(fresh).build());
        assertThat(store.operations(d.id())).containsExactly(fresh);
    }

    // ---- searches ------------------------------------------------------------------------------------

    private Device deviceWith(String id, String productClass, String software, Instant lastInform, Set<String> tags) {
        Device base = fullDevice(id);
        return new Device(base.id(), new DeviceIdStruct("Acme Networks", "00D09E", productClass, "SN" + id),
                base.registeredAt(), lastInform, base.lastBootAt(), base.lastEvents(), base.remoteAddress(),
                base.connectionRequestUrl(), base.cwmpVersion(), base.dataModelRoot(), software,
                base.hardwareVersion(), false, base.discoveredAt(), tags);
    }

    @Test
    void devicesAreFoundByProductClassSoftwareTagAndLastInform() {
        store.commit(session(deviceWith("q-1", "RG-7", "4.2.1", T0, Set.of("lab"))).build());
        store.commit(session(deviceWith("q-2", "RG-7", "4.3.0", T0.plusSeconds(60), Set.of())).build());
        store.commit(session(deviceWith("q-3", "CP-8851", "4.2.1", T0.plusSeconds(120), Set.of("lab", "vip"))).build());
        store.register(Device.register(id("q-4"), T0)); // never informed

        assertThat(ids(store.findDevices(DeviceQuery.ALL.withProductClass("RG-7"), null, 10))).containsExactly("q-1", "q-2");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withSoftwareVersion("4.2.1"), null, 10))).containsExactly("q-1", "q-3");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withTag("lab"), null, 10))).containsExactly("q-1", "q-3");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withTag("vip").withSoftwareVersion("4.2.1"), null, 10)))
                .containsExactly("q-3");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.informedBetween(T0.plusSeconds(60), null), null, 10)))
                .containsExactly("q-2", "q-3");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.informedBetween(null, T0.plusSeconds(60)), null, 10)))
                .containsExactly("q-1");
        assertThat(ids(store.findDevices(DeviceQuery.ALL, null, 10))).containsExactly("q-1", "q-2", "q-3", "q-4");
        // pages of a search
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withTag("lab"), null, 1))).containsExactly("q-1");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withTag("lab"), id("q-1"), 1))).containsExactly("q-3");
        assertThat(store.findDevices(DeviceQuery.ALL.withTag("lab"), id("q-3"), 1)).isEmpty();
    }

    @Test
    void aSearchFollowsTagChangesAndNewSoftware() {
        store.commit(session(deviceWith("q-5", "RG-7", "1.0", T0, Set.of())).build());
        store.setTags(id("q-5"), Set.of("canary"));
        store.commit(session(deviceWith("q-5", "RG-7", "2.0", T0.plusSeconds(5), Set.of())).build());

        assertThat(ids(store.findDevices(DeviceQuery.ALL.withTag("canary"), null, 10))).containsExactly("q-5");
        assertThat(store.findDevices(DeviceQuery.ALL.withSoftwareVersion("1.0"), null, 10)).isEmpty();
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withSoftwareVersion("2.0"), null, 10))).containsExactly("q-5");
        store.deleteDevice(id("q-5"));
        assertThat(store.findDevices(DeviceQuery.ALL.withTag("canary"), null, 10)).isEmpty();
    }

    @Test
    void searchesSeeRegisteredDevicesChangedProductClassesAndRemovedTags() {
        store.register(deviceWith("q-6", "RG-7", "1.0", null, Set.of("pre")));
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withTag("pre"), null, 10))).containsExactly("q-6");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withProductClass("RG-7"), null, 10))).containsExactly("q-6");

        store.commit(session(deviceWith("q-6", "RG-8", "1.0", T0, Set.of())).build());
        assertThat(store.findDevices(DeviceQuery.ALL.withProductClass("RG-7"), null, 10)).isEmpty();
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withProductClass("RG-8").withTag("pre"), null, 10)))
                .as("the commit kept the tags").containsExactly("q-6");

        store.setTags(id("q-6"), Set.of("post"));
        assertThat(store.findDevices(DeviceQuery.ALL.withTag("pre"), null, 10)).isEmpty();
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withTag("post").withSoftwareVersion("1.0"), null, 10)))
                .containsExactly("q-6");
        restart();
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withTag("post"), null, 10))).containsExactly("q-6");
    }

    // ---- searches by indexed parameters --------------------------------------------------------------

    private static final String SERIAL = "Device.DeviceInfo.SerialNumber";
    private static final String MAC = "Device.Ethernet.Interface.1.MACAddress";
    private static final String SIP_USER = "Device.Services.VoiceService.1.SIP.Client.1.AuthUserName";
    private static final String NOT_INDEXED = "Device.DeviceInfo.ModelName";

    private List<String> byParameter(String path, String value) {
        return ids(store.findDevices(DeviceQuery.ALL.withParameter(path, value), null, 100));
    }

    @Test
    void storesSayWhichParametersTheyIndex() {
        assertThat(store.indexedParameters()).isEqualTo(INDEXED);
    }

    @Test
    void devicesAreFoundByTheValueOfAnIndexedParameter() {
        store.commit(withParams(deviceWith("p-2", "RG-7", "1.0", T0, Set.of("lab")), param(SERIAL, "AB-100"),
                param(MAC, "00:0c:d0:f8:00:02"), param(NOT_INDEXED, "CP-8851")));
        store.commit(withParams(deviceWith("p-1", "CP-8851", "1.0", T0, Set.of()), param(SERIAL, "AB-100"),
                param(MAC, "00:0c:d0:f8:00:01")));
        store.commit(withParams(deviceWith("p-3", "RG-7", "2.0", T0, Set.of("lab")), param(SERIAL, "AB-300")));

        assertThat(byParameter(SERIAL, "AB-100")).as("in id order").containsExactly("p-1", "p-2");
        assertThat(byParameter(SERIAL, "AB-300")).containsExactly("p-3");
        assertThat(byParameter(SERIAL, "ab-100")).as("values compare exactly").isEmpty();
        assertThat(byParameter(MAC, "00:0c:d0:f8:00:02")).containsExactly("p-2");
        assertThat(byParameter(SIP_USER, "1001")).isEmpty();
        // with the other criteria, and with each other
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withParameter(SERIAL, "AB-100").withProductClass("RG-7"),
                null, 10))).containsExactly("p-2");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withParameter(SERIAL, "AB-100").withTag("lab"), null, 10)))
                .containsExactly("p-2");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withParameter(SERIAL, "AB-100")
                .withParameter(MAC, "00:0c:d0:f8:00:01"), null, 10))).containsExactly("p-1");
        assertThat(store.findDevices(DeviceQuery.ALL.withParameter(SERIAL, "AB-300")
                .withParameter(MAC, "00:0c:d0:f8:00:01"), null, 10)).isEmpty();
        // pages
        DeviceQuery q = DeviceQuery.ALL.withParameter(SERIAL, "AB-100");
        assertThat(ids(store.findDevices(q, null, 1))).containsExactly("p-1");
        assertThat(ids(store.findDevices(q, id("p-1"), 1))).containsExactly("p-2");
        assertThat(store.findDevices(q, id("p-2"), 1)).isEmpty();
        assertThat(store.findDevices(q, null, 0)).isEmpty();
    }

    @Test
    void aSearchByAParameterThatIsNotIndexedIsRefused() {
        store.commit(withParams(fullDevice("p-4"), param(NOT_INDEXED, "CP-8851")));

        assertThatThrownBy(() -> store.findDevices(DeviceQuery.ALL.withParameter(NOT_INDEXED, "CP-8851"), null, 10))
                .isInstanceOf(UnindexedParameterException.class)
                .hasMessageContaining(NOT_INDEXED).hasMessageContaining(SERIAL);
        assertThatThrownBy(() -> store.findDevices(
                DeviceQuery.ALL.withParameter(SERIAL, "x").withParameter(NOT_INDEXED, "CP-8851"), null, 10))
                .isInstanceOf(UnindexedParameterException.class);
    }

    @Test
    void anIndexedSearchFollowsEveryChangeOfTheValue() {
        Device d = fullDevice("p-5");
        store.commit(withParams(d, param(SERIAL, "OLD"), param(SIP_USER, "1001")));
        store.commit(withParams(d, param(SERIAL, "NEW")));

        assertThat(byParameter(SERIAL, "OLD")).isEmpty();
        assertThat(byParameter(SERIAL, "NEW")).containsExactly("p-5");
        assertThat(byParameter(SIP_USER, "1001")).as("untouched by a commit that did not name it").containsExactly("p-5");

        // a parameter learned again without a value (a name only) no longer has the old one
        store.commit(withParams(d, new Parameter(SERIAL, null, "xsd:string", false, T0.plusSeconds(1))));
        assertThat(byParameter(SERIAL, "NEW")).isEmpty();
        store.commit(withParams(d, param(SERIAL, "")));
        assertThat(byParameter(SERIAL, "")).as("an empty value is a value").containsExactly("p-5");
    }

    @Test
    void parametersGoneWithAnObjectOrABootstrapAreNoLongerFound() {
        Device d = fullDevice("p-6");
        store.commit(withParams(d, param(SERIAL, "S-6"), param(MAC, "m-6"), param(SIP_USER, "6006")));

        store.commit(changes(d, false, Set.of("Device.Ethernet.Interface.1."), List.of()));
        assertThat(byParameter(MAC, "m-6")).isEmpty();
        assertThat(byParameter(SERIAL, "S-6")).containsExactly("p-6");

        store.commit(changes(d, false, Set.of(SIP_USER), List.of()));
        assertThat(byParameter(SIP_USER, "6006")).as("a deleted parameter path").isEmpty();

        // the object deleted and created again in one session: the new value counts
        store.commit(changes(d, false, Set.of("Device.Ethernet."), List.of(param(MAC, "m-6b"))));
        assertThat(byParameter(MAC, "m-6b")).containsExactly("p-6");

        // a bootstrap forgets everything learned, then learns what the device reports again
        store.commit(changes(d, true, Set.of(), List.of(param(SERIAL, "S-6"))));
        assertThat(byParameter(SERIAL, "S-6")).containsExactly("p-6");
        assertThat(byParameter(MAC, "m-6b")).isEmpty();
        store.commit(changes(d, false, Set.of(""), List.of()));
        assertThat(byParameter(SERIAL, "S-6")).as("everything deleted").isEmpty();
    }

    @Test
    void committingTheSameSessionTwiceLeavesTheSameIndex() {
        Device d = fullDevice("p-7");
        store.commit(withParams(d, param(SERIAL, "S-7")));
        SessionChanges again = changes(d, true, Set.of(), List.of(param(SERIAL, "S-7b")));
        store.commit(again);
        store.commit(again);

        assertThat(byParameter(SERIAL, "S-7")).isEmpty();
        assertThat(byParameter(SERIAL, "S-7b")).containsExactly("p-7");
    }

    @Test
    void aDeletedDeviceIsNoLongerFoundByItsParameters() {
        store.commit(withParams(fullDevice("p-8"), param(SERIAL, "S-8")));
        store.deleteDevice(id("p-8"));
        assertThat(byParameter(SERIAL, "S-8")).isEmpty();

        store.commit(withParams(fullDevice("p-8"), param(MAC, "m-8")));
        assertThat(byParameter(SERIAL, "S-8")).as("nothing of the deleted device comes back").isEmpty();
        assertThat(byParameter(MAC, "m-8")).containsExactly("p-8");
    }

    @Test
    void indexedValuesKeepEveryCharacter() {
        String odd = "Zo\u00eb \u2603 \ud83d\ude00 a=b,c;d\u0000e \"q\" ";
        store.commit(withParams(fullDevice("p-9"), param(SIP_USER, odd)));
        store.commit(withParams(fullDevice("p-9b"), param(SIP_USER, odd.trim())));

        assertThat(byParameter(SIP_USER, odd)).containsExactly("p-9");
        assertThat(byParameter(SIP_USER, odd.trim())).containsExactly("p-9b");
    }

    @Test
    void theIndexSurvivesARestart() {
        store.commit(withParams(fullDevice("p-10"), param(SERIAL, "S-10")));
        restart();
        assertThat(byParameter(SERIAL, "S-10")).containsExactly("p-10");
    }

    @Test
    void aParameterAddedToTheIndexCoversTheDevicesAlreadyStored() {
        IndexedParameters fewer = IndexedParameters.of(SERIAL);
        restart(fewer);
        assertThat(store.indexedParameters()).isEqualTo(fewer);
        for (int i = 0; i < 30; i++) {
            store.commit(withParams(fullDevice(String.format("p-11-%02d", i)), param(SERIAL, "S-11"),
                    param(MAC, i % 3 == 0 ? "m-11" : "m-11-" + i)));
        }
        store.commit(withParams(fullDevice("p-11-none"), param(SERIAL, "S-11")));
        assertThatThrownBy(() -> byParameter(MAC, "m-11")).isInstanceOf(UnindexedParameterException.class);

        restart(INDEXED);

        assertThat(byParameter(MAC, "m-11")).containsExactly("p-11-00", "p-11-03", "p-11-06", "p-11-09", "p-11-12",
                "p-11-15", "p-11-18", "p-11-21", "p-11-24", "p-11-27");
        assertThat(byParameter(SERIAL, "S-11")).hasSize(31);
        // and it is kept up to date from then on
        store.commit(withParams(fullDevice("p-11-00"), param(MAC, "m-11-moved")));
        assertThat(byParameter(MAC, "m-11")).hasSize(9).doesNotContain("p-11-00");
    }

    @Test
    void aParameterIndexedAgainAfterAPauseShowsTheValuesOfNow() {
        store.commit(withParams(fullDevice("p-12"), param(SERIAL, "S-12"), param(MAC, "m-12")));
        store.commit(withParams(fullDevice("p-12b"), param(MAC, "m-12b")));
        restart(IndexedParameters.of(SERIAL));
        // changed while nobody indexed it
        store.commit(withParams(fullDevice("p-12"), param(MAC, "m-12-new")));
        store.commit(changes(fullDevice("p-12b"), false, Set.of("Device.Ethernet."), List.of()));

        restart(INDEXED);

        assertThat(byParameter(MAC, "m-12")).isEmpty();
        assertThat(byParameter(MAC, "m-12b")).isEmpty();
        assertThat(byParameter(MAC, "m-12-new")).containsExactly("p-12");
        assertThat(byParameter(SERIAL, "S-12")).containsExactly("p-12");
    }

    private static List<String> ids(List<Device> devices) {
        return devices.stream().map(d -> d.id().value()).toList();
    }

    // ---- session leases ------------------------------------------------------------------------------

    @Test
    void oneOwnerAtATimeHoldsADevicesLease() {
        DeviceId d = id("lease-1");
        Duration ttl = Duration.ofMinutes(1);

        assertThat(store.acquireLease(d, "node-a", ttl)).isTrue();
        assertThat(store.acquireLease(d, "node-b", ttl)).isFalse();
        assertThat(store.acquireLease(d, "node-a", ttl)).as("the holder may take it again").isTrue();
        assertThat(store.renewLease(d, "node-a", ttl)).isTrue();
        assertThat(store.renewLease(d, "node-b", ttl)).isFalse();
        store.releaseLease(d, "node-b"); // not b's: nothing happens
        assertThat(store.acquireLease(d, "node-b", ttl)).isFalse();
        store.releaseLease(d, "node-a");
        assertThat(store.acquireLease(d, "node-b", ttl)).isTrue();
        assertThat(store.acquireLease(id("lease-2"), "node-a", ttl)).as("leases are per device").isTrue();
    }

    @Test
    void anExpiredLeaseCanBeTakenAndNoLongerRenewed() {
        DeviceId d = id("lease-3");
        assertThat(store.acquireLease(d, "node-a", Duration.ofSeconds(2))).isTrue();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> store.acquireLease(d, "node-b", Duration.ofMinutes(1)));

        assertThat(store.renewLease(d, "node-a", Duration.ofMinutes(1))).isFalse();
        assertThat(store.acquireLease(d, "node-a", Duration.ofMinutes(1))).isFalse();
    }
}
