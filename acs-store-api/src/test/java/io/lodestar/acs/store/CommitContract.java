package io.lodestar.acs.store;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceIdentity;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.lodestar.acs.store.StoreTestData.T0;
import static io.lodestar.acs.store.StoreTestData.changes;
import static io.lodestar.acs.store.StoreTestData.fault;
import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static io.lodestar.acs.store.StoreTestData.id;
import static io.lodestar.acs.store.StoreTestData.inform;
import static io.lodestar.acs.store.StoreTestData.object;
import static io.lodestar.acs.store.StoreTestData.param;
import static io.lodestar.acs.store.StoreTestData.reboot;
import static io.lodestar.acs.store.StoreTestData.session;
import static io.lodestar.acs.store.StoreTestData.task;
import static io.lodestar.acs.store.StoreTestData.withParams;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promises of {@link AcsStore#commit}, the single write of what a session owns: the device summary, the
 * parameter changes in the order {@link SessionChanges} documents, tasks, operations, faults and the inform in
 * one step, the tags rule, idempotency, what the next session starts from ({@link AcsStore#loadSessionStart}: the
 * snapshot, pending tasks and operations after commits, task writes and deletion), the bounded inform and fault
 * history (see {@link StoreFixture#informHistoryLimit()}), and concurrent sessions of different devices. What a
 * commit does to tasks and operations is checked with their stores, in {@link TaskStoreContract} and
 * {@link OperationStoreContract}.
 */
public interface CommitContract extends StoreFixture {

    // ---- device summary -----------------------------------------------------------------------------------

    @Test
    default void commitReplacesTheDeviceSummary() {
        Device d = fullDevice("dev-replace");
        store().commit(withParams(d));
        Device later = new Device(new DeviceIdentity(d.id(), d.deviceIdStruct(), d.registeredAt()),
                new LastContact(T0.plusSeconds(300), null, List.of(EventStruct.of(EventStruct.PERIODIC)),
                        "192.0.2.99", "1.0"),
                new Reachability(null), new Inventory("Device.", "4.3", null),
                new DiscoveryState(true, null), d.tags());
        store().commit(withParams(later));
        assertThat(store().findDevice(d.id())).contains(later);
    }

    // ---- parameters, in the order of application ----------------------------------------------------------

    @Test
    default void anUpsertReplacesTheStoredParameterAndOthersStay() {
        Device d = fullDevice("dev-upsert");
        seedTree(d);
        Parameter changed = new Parameter("Device.IP.Interface.1.Name", "wan0", "xsd:string", false, T0.plusSeconds(9));
        store().commit(withParams(d, changed));
        assertThat(store().parameters(d.id(), "Device.IP.Interface.1.Name")).containsExactly(changed);
        assertThat(store().parameters(d.id(), "")).hasSize(13);
    }

    @Test
    default void forgetLearnedDeletesEveryParameterBeforeTheUpserts() {
        Device d = fullDevice("dev-forget");
        seedTree(d);
        Parameter fresh = param("Device.DeviceInfo.SoftwareVersion", "5.0");
        store().commit(changes(d, true, Set.of(), List.of(fresh, object("Device."))));
        assertThat(store().parameters(d.id(), "")).containsExactly(object("Device."), fresh);
    }

    @Test
    default void forgetLearnedWithBuilderBootstrap() {
        Device d = fullDevice("dev-bootstrap");
        seedTree(d);
        store().commit(session(d).forgetLearned().upsert(param("Device.New", "1")).build());
        assertThat(paths(d.id(), "")).containsExactly("Device.New");
    }

    @Test
    default void aDeletedSubtreeGoesWithItsObjectButNotItsNeighbours() {
        Device d = fullDevice("dev-subtree");
        seedTree(d);
        store().commit(changes(d, false, Set.of("Device.IP.Interface.1."), List.of()));
        assertThat(paths(d.id(), "Device.IP.")).containsExactly(
                "Device.IP.", "Device.IP.Interface.", "Device.IP.Interface.10.", "Device.IP.Interface.10.Name",
                "Device.IP.Interface.2.", "Device.IP.Interface.2.Name", "Device.IP.InterfaceNumberOfEntries");
    }

    @Test
    default void severalDeletedSubtreesInOneCommit() {
        Device d = fullDevice("dev-subtrees");
        seedTree(d);
        store().commit(changes(d, false, Set.of("Device.IP.Interface.2.", "Device.DeviceInfo.", "Device.Absent."),
                List.of()));
        assertThat(paths(d.id(), "")).containsExactly("Device.", "Device.IP.", "Device.IP.Interface.",
                "Device.IP.Interface.1.", "Device.IP.Interface.1.Enable", "Device.IP.Interface.1.Name",
                "Device.IP.Interface.10.", "Device.IP.Interface.10.Name", "Device.IP.InterfaceNumberOfEntries");
    }

    @Test
    default void theEmptyDeletedSubtreeMeansEverything() {
        Device d = fullDevice("dev-subtree-all");
        seedTree(d);
        store().commit(withParams(fullDevice("dev-subtree-other"), param("Device.Keep", "1")));
        store().commit(changes(d, false, Set.of(""), List.of()));
        assertThat(store().parameters(d.id(), "")).isEmpty();
        assertThat(store().findDevice(d.id())).isPresent();
        assertThat(paths(id("dev-subtree-other"), "")).containsExactly("Device.Keep");
    }

    @Test
    default void upsertsAreWrittenAfterTheDeletes() {
        Device d = fullDevice("dev-rewalk");
        seedTree(d);
        // a re-walked subtree: everything under it is deleted, then what the walk found is written
        List<Parameter> walked = List.of(object("Device.IP.Interface.1."), param("Device.IP.Interface.1.Name", "wan1"),
                param("Device.IP.Interface.1.Alias", "cpe-1"));
        store().commit(changes(d, false, Set.of("Device.IP.Interface.1."), walked));
        assertThat(store().parameters(d.id(), "Device.IP.Interface.1.")).containsExactly(
                object("Device.IP.Interface.1."), param("Device.IP.Interface.1.Alias", "cpe-1"),
                param("Device.IP.Interface.1.Name", "wan1"));
        // upserts after forgetting everything and after deleting ""
        store().commit(changes(d, true, Set.of(""), List.of(param("Device.Only", "1"))));
        assertThat(paths(d.id(), "")).containsExactly("Device.Only");
    }

    @Test
    default void aCommitWithoutParameterChangesKeepsTheParameters() {
        Device d = fullDevice("dev-keep");
        seedTree(d);
        store().commit(withParams(d));
        assertThat(store().parameters(d.id(), "")).hasSize(13);
    }

    // ---- everything in one step, tags, idempotency --------------------------------------------------------

    @Test
    default void aCommitWritesTasksOperationsFaultsAndInformTogether() {
        Device d = fullDevice("dev-all-in-one");
        Task t = store().addTask(task("dev-all-in-one", new TaskAction.Reboot("k"), T0));
        Task done = t.done(new TaskResult.Status(0, 0), T0.plusSeconds(5));
        Operation rebooting = Operation.start(t.id(), d.id(), OperationKind.REBOOT, "k", T0.plusSeconds(5),
                Duration.ofHours(1));
        DeviceFault f = fault("dev-all-in-one", t.id(), 9002, T0.plusSeconds(4));
        InformRecord i = inform("dev-all-in-one", T0, 0);
        store().commit(session(d).upsert(param("Device.X", "1")).task(done).operation(rebooting).fault(f).inform(i)
                .build());
        assertThat(store().findTask(t.id())).contains(done);
        assertThat(store().operations(d.id())).containsExactly(rebooting);
        assertThat(store().pendingTasks(d.id())).isEmpty();
        assertThat(store().faults(d.id(), 10)).containsExactly(f);
        assertThat(store().informs(d.id(), 10)).containsExactly(i);
        assertThat(store().parameters(d.id(), "")).containsExactly(param("Device.X", "1"));
    }

    @Test
    default void aCommitKeepsTheTagsAnOperatorSetDuringTheSession() {
        Device d = fullDevice("dev-tags-race");
        store().commit(withParams(d));
        Device sessionView = store().loadSnapshot(d.id()).orElseThrow().device();
        store().setTags(d.id(), Set.of("set-while-in-session"));
        store().commit(withParams(sessionView));
        assertThat(store().findDevice(d.id())).map(Device::tags).contains(Set.of("set-while-in-session"));
    }

    @Test
    default void commitAndFindReturnsTheDeviceAsStoredWithTheTagsAnOperatorSetDuringTheSession() {
        Device d = fullDevice("dev-commit-find");
        assertThat(store().commitAndFind(withParams(d))).isEqualTo(store().findDevice(d.id())).contains(d);
        Device sessionView = store().loadSnapshot(d.id()).orElseThrow().device();
        store().setTags(d.id(), Set.of("set-while-in-session"));
        Device later = new Device(new DeviceIdentity(d.id(), d.deviceIdStruct(), d.registeredAt()),
                new LastContact(T0.plusSeconds(300), null, List.of(EventStruct.of(EventStruct.PERIODIC)),
                        "192.0.2.99", "1.0"),
                new Reachability(null), new Inventory("Device.", "4.3", null),
                new DiscoveryState(true, null), sessionView.tags());

        var returned = store().commitAndFind(withParams(later));

        assertThat(returned).map(Device::tags).contains(Set.of("set-while-in-session"));
        assertThat(returned).isEqualTo(store().findDevice(d.id()));
    }

    @Test
    default void committingTheSameChangesTwiceIsLikeCommittingOnce() {
        Device d = fullDevice("idem-1");
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        SessionChanges changes = session(d).upsert(param("Device.A", "1"))
                .fault(fault("idem-1", null, 9002, at)).inform(inform("idem-1", at, 0)).build();

        store().commit(changes);
        store().commit(changes);

        assertThat(store().informs(id("idem-1"), 10)).hasSize(1);
        assertThat(store().faults(id("idem-1"), 10)).hasSize(1);
        assertThat(paths(id("idem-1"), "")).containsExactly("Device.A");
        // a different record at the same instant is still a record of its own
        store().commit(session(d).inform(inform("idem-1", at, 1)).build());
        assertThat(store().informs(id("idem-1"), 10)).hasSize(2);
    }

    // ---- what a session starts from (loadSessionStart) -----------------------------------------------------

    @Test
    default void aSessionOfAnUnknownDeviceStartsFromNoSnapshotAndNoOperationsButTheTasksQueuedForIt() {
        Task early = store().addTask(task("dev-start-unknown", new TaskAction.Reboot("first"), T0));

        SessionStart start = store().loadSessionStart(id("dev-start-unknown"));

        assertThat(start.snapshot()).isEmpty();
        assertThat(start.pendingTasks()).containsExactly(early);
        assertThat(start.operations()).isEmpty();
        assertThat(store().loadSessionStart(id("dev-start-nothing")))
                .isEqualTo(new SessionStart(Optional.empty(), List.of(), List.of()));
    }

    @Test
    default void aSessionStartsFromTheStoredDeviceItsPendingTasksInQueueOrderAndItsOperations() {
        Device d = fullDevice("dev-start");
        Operation ended = reboot("dev-start", T0).completed(T0.plusSeconds(90));
        Operation inProgress = reboot("dev-start", T0.plusSeconds(100));
        store().commit(session(d).upsert(param("Device.X", "1")).operation(inProgress).operation(ended).build());
        Task finished = store().addTask(task("dev-start", new TaskAction.Reboot("finished"), T0));
        Task first = task("dev-start", new TaskAction.Reboot("first"), T0.plusMillis(1));
        Task second = task("dev-start", new TaskAction.Reboot("second"), T0.plusMillis(2));
        store().addTask(second); // queue order is the tasks' order, not the order they were added in
        store().addTask(first);
        store().commit(session(d).task(finished.done(new TaskResult.Status(0, 0), T0.plusSeconds(5))).build());

        SessionStart start = store().loadSessionStart(d.id());

        assertThat(start.snapshot()).isEqualTo(store().loadSnapshot(d.id()));
        assertThat(start.snapshot().orElseThrow().tree().get("Device.X")).isEqualTo(param("Device.X", "1"));
        assertThat(start.pendingTasks()).containsExactly(first, second);
        assertThat(start.operations()).containsExactly(ended, inProgress).isEqualTo(store().operations(d.id()));
    }

    @Test
    default void aDeviceWhoseTasksAllEndedStartsItsSessionWithNone() {
        Device d = fullDevice("dev-start-ended");
        store().commit(withParams(d));
        Task done = store().addTask(task("dev-start-ended", new TaskAction.Reboot("done"), T0));
        Task cancelled = store().addTask(task("dev-start-ended", new TaskAction.Reboot("cancelled"), T0.plusMillis(1)));
        assertThat(store().loadSessionStart(d.id()).pendingTasks()).containsExactly(done, cancelled);

        store().commit(session(d).task(done.done(new TaskResult.Status(0, 0), T0.plusSeconds(5))).build());
        store().cancelTask(cancelled.id(), T0.plusSeconds(6));

        SessionStart start = store().loadSessionStart(d.id());
        assertThat(start.snapshot()).isPresent();
        assertThat(start.pendingTasks()).isEmpty();
        assertThat(start.operations()).isEmpty();
    }

    @Test
    default void aTaskQueuedOrAnOperationStartedAfterASessionStartedIsThereWhenTheNextOneStarts() {
        Device d = fullDevice("dev-start-next");
        store().commit(withParams(d));
        SessionStart idle = store().loadSessionStart(d.id());
        assertThat(idle.pendingTasks()).isEmpty();
        assertThat(idle.operations()).isEmpty();
        store().commit(withParams(d)); // the idle session's end

        Task queued = store().addTask(task("dev-start-next", new TaskAction.Reboot("later"), T0));
        assertThat(store().loadSessionStart(d.id()).pendingTasks()).containsExactly(queued);
        Operation rebooting = Operation.start(queued.id(), d.id(), OperationKind.REBOOT, "later", T0.plusSeconds(5),
                Duration.ofHours(1));
        store().commit(session(d).task(queued.done(new TaskResult.Status(0, 0), T0.plusSeconds(5)))
                .operation(rebooting).build());

        SessionStart next = store().loadSessionStart(d.id());
        assertThat(next.pendingTasks()).isEmpty();
        assertThat(next.operations()).containsExactly(rebooting);
    }

    @Test
    default void aDeletedDeviceStartsItsNextSessionFromNothing() {
        Device d = fullDevice("dev-start-deleted");
        Task queued = store().addTask(task("dev-start-deleted", new TaskAction.Reboot("k"), T0));
        store().commit(session(d).operation(reboot("dev-start-deleted", T0)).build());
        assertThat(store().loadSessionStart(d.id()).pendingTasks()).containsExactly(queued);

        store().deleteDevice(d.id());

        assertThat(store().loadSessionStart(d.id()))
                .isEqualTo(new SessionStart(Optional.empty(), List.of(), List.of()));
    }

    // ---- inform and fault history -------------------------------------------------------------------------

    @Test
    default void informsNewestFirstWithinTheLimit() {
        Device d = fullDevice("dev-informs");
        List<InformRecord> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            InformRecord r = inform(d.id().value(), T0.plusSeconds(i * 60L), i);
            all.add(r);
            store().commit(session(d).inform(r).build());
        }
        store().commit(session(d).build()); // no inform: no history entry
        Collections.reverse(all);
        assertThat(store().informs(d.id(), 10)).containsExactlyElementsOf(all);
        assertThat(store().informs(d.id(), 2)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(store().informs(d.id(), 0)).isEmpty();
        assertThat(store().informs(id("dev-informs-other"), 10)).isEmpty();
    }

    @Test
    default void informHistoryIsBoundedToTheNewest() {
        Device d = fullDevice("dev-informs-bounded");
        int n = informHistoryLimit() + 10;
        for (int i = 0; i < n; i++) {
            store().commit(session(d).inform(inform(d.id().value(), T0.plusSeconds(i), i)).build());
        }
        List<InformRecord> kept = store().informs(d.id(), 10_000);
        assertThat(kept).hasSize(informHistoryLimit());
        assertThat(kept.get(0).retryCount()).isEqualTo(n - 1);
        assertThat(kept.get(kept.size() - 1).retryCount()).isEqualTo(n - informHistoryLimit());
        assertThat(kept).extracting(InformRecord::at).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    default void informsWithTheSameInstantAreAllKept() {
        Device d = fullDevice("dev-informs-same");
        for (int i = 0; i < 3; i++) {
            store().commit(session(d).inform(inform(d.id().value(), T0, i)).build());
        }
        assertThat(store().informs(d.id(), 10)).extracting(InformRecord::retryCount).containsExactly(2, 1, 0);
    }

    @Test
    default void faultsNewestFirstAndBounded() {
        Device d = fullDevice("dev-faults");
        Task t = store().addTask(task(d.id().value(), new TaskAction.Reboot(null), T0));
        int n = faultHistoryLimit() + 20;
        int code = 9000;
        for (int c = 0; c < 4; c++) {
            SessionChanges.Builder b = session(d);
            for (int i = 0; i < n / 4; i++) {
                b.fault(fault(d.id().value(), code % 2 == 0 ? null : t.id(), code, T0.plusSeconds(code)));
                code++;
            }
            store().commit(b.build());
        }
        List<DeviceFault> kept = store().faults(d.id(), 10_000);
        assertThat(kept).hasSize(faultHistoryLimit());
        assertThat(kept.get(0)).isEqualTo(fault(d.id().value(), t.id(), 9000 + n - 1, T0.plusSeconds(9000 + n - 1)));
        assertThat(kept.get(1).taskId()).isNull();
        assertThat(kept).extracting(DeviceFault::code).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(kept.get(kept.size() - 1).code()).isEqualTo(9000 + n - faultHistoryLimit());
        assertThat(store().faults(d.id(), 3)).containsExactlyElementsOf(kept.subList(0, 3));
    }

    // ---- concurrency --------------------------------------------------------------------------------------

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void concurrentSessionsOfDifferentDevices() throws Exception {
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
                        store().commit(b.build());
                        // a session of this device sees its own last commit
                        assertThat(store().loadSnapshot(d.id()).orElseThrow().parameters().get("Device.Counter")
                                .value()).isEqualTo(Integer.toString(s));
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
            Map<String, Parameter> ps = store().loadSnapshot(id(dev)).orElseThrow().parameters();
            assertThat(ps).hasSize(sessions + 1);
            assertThat(ps.get("Device.Counter").value()).isEqualTo(Integer.toString(sessions - 1));
            assertThat(ps.values().stream().filter(p -> p.path().endsWith(".Owner")).map(Parameter::value)
                    .collect(Collectors.toSet())).containsExactly(dev);
            assertThat(store().informs(id(dev), 100)).extracting(InformRecord::retryCount)
                    .containsExactlyElementsOf(
                            IntStream.range(0, sessions).map(i -> sessions - 1 - i).boxed().toList());
            assertThat(store().tasks(id(dev))).hasSize(sessions);
        }
        assertThat(store().listDevices(null, 100)).hasSize(threads);
    }
}
