package io.lodestar.acs.store;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the ACS keeps, behind one contract that each storage engine (embedded, Cassandra) fulfils
 * and one contract suite per interface checks (in the test-jar). Later concerns (files, campaigns) join as further small interfaces
 * beside {@link DeviceStore}, {@link TaskStore}, {@link OperationStore} and {@link SessionLeases}.
 */
public interface AcsStore extends DeviceStore, TaskStore, OperationStore, SessionLeases, AutoCloseable {

    /**
     * Everything a CWMP session of the device starts from, in one call: {@link DeviceStore#loadSnapshot}, then
     * {@link TaskStore#pendingTasks}, then (only when the device is known) {@link OperationStore#operations}, each
     * answering as its own call would. The caller holds the device's session lease (it is how a session opens, after
     * {@link SessionLeases#acquireLease}), so no other session of the device writes it meanwhile; tasks may still be
     * queued at any moment: a task whose {@link TaskStore#addTask} returned before this call began is among the
     * pending tasks, a task queued while it runs may or may not be (the device's next session gets it).
     *
     * <p>Why one call rather than three: an engine may answer all three from fewer reads. Cassandra's {@code devices}
     * row, which the snapshot reads anyway, says whether the device has any pending task or any operation, so a
     * periodic session of a device without either opens with that one read (docs/cassandra-store.md, "Pending work
     * in the devices row"). The default makes exactly the three calls, one after the other, which is right for an
     * engine without such markers (the embedded store) and for a decorator whose own {@code loadSnapshot} must
     * answer (a cache); a decorator that only passes calls through must pass this one on too, or it hides the
     * engine's way of answering it.
     */
    default SessionStart loadSessionStart(DeviceId id) {
        Optional<DeviceSnapshot> snapshot = loadSnapshot(id);
        List<Task> tasks = pendingTasks(id);
        List<Operation> operations = snapshot.isEmpty() ? List.of() : operations(id);
        return new SessionStart(snapshot, tasks, operations);
    }

    /**
     * How a session opens: takes the device's lease for {@code owner} as {@link SessionLeases#acquireLease} does
     * and, once it holds it, reads what the session starts from as {@link #loadSessionStart} does. Empty when
     * another owner holds the lease (nothing is read). When the reads throw, the lease is given up again (as
     * {@link SessionLeases#releaseLease} does, its own failure added as suppressed) and the reads' failure thrown.
     *
     * <p>Why one call: an engine whose lease lives beside the device may read both at once. Cassandra's quorum
     * claims are cells of the device's own {@code devices} row, so the read that must follow a claim's write to
     * tell whether another node claims the device is the read that opens the session (docs/cassandra-store.md,
     * "Session leases"). The default makes the calls one after the other; a decorator that only passes calls
     * through must pass this one on too.
     */
    default Optional<SessionStart> acquireLeaseAndLoadSessionStart(DeviceId id, String owner, Duration ttl) {
        if (!acquireLease(id, owner, ttl)) {
            return Optional.empty();
        }
        try {
            return Optional.of(loadSessionStart(id));
        } catch (RuntimeException e) {
            try {
                releaseLease(id, owner);
            } catch (RuntimeException r) {
                e.addSuppressed(r);
            }
            throw e;
        }
    }

    /**
     * Writes everything one session changed as one atomic batch, in the order {@link SessionChanges}
     * documents. When this returns, every change is durable. When it throws, a reader sees either none of
     * the changes or, where the engine cannot tell (a distributed store's write that timed out), all of them
     * once it is applied: never a part. Committing the same changes again is safe (see below).
     *
     * <p>The operations are written with the rest, in the same atomic step: each replaces the stored operation
     * with the same task id, under the device it names (as tasks are), and the ended operations beyond the
     * {@value OperationStore#ENDED_OPERATIONS_KEPT} a device keeps go in that step too (see
     * {@link OperationStore#operations}).
     *
     * <p>The device's tags belong to operators: for a device already stored, commit keeps the stored tags
     * (only {@link DeviceStore#setTags} changes them), so that tags set while a session ran are not undone by
     * the session's older copy of the device; for a new device it writes the tags given.
     *
     * <p>Commit is idempotent: committing the same changes again (a retry, or a session's final batch after
     * an early checkpoint of its beginning) leaves the store as one commit did; in particular an inform or
     * fault record already in the history is not added twice, and an operation written again stays one.
     */
    void commit(SessionChanges changes);

    /**
     * Commits as {@link #commit} does and returns the session's device as stored by that commit (with the tags
     * it kept), what {@link DeviceStore#findDevice} would read right after: an engine that has the device at hand
     * once written (the embedded one) saves a cache that read. The default commits, then reads the device.
     * Empty only if the device was deleted in between.
     */
    default Optional<Device> commitAndFind(SessionChanges changes) {
        commit(changes);
        return findDevice(changes.device().id());
    }

    /**
     * Commits as {@link #commit} does and gives up the device's lease as {@link #releaseLease} does: how a
     * session ends. The lease is given up also when the commit throws, and only the commit's failure is thrown:
     * a lease that could not be released expires with its time to live, as a crashed node's does. The default
     * makes the two calls; an engine that can write both at once does (Cassandra's quorum claims: the claim is
     * deleted in the commit's own mutation, one request fewer per session).
     */
    default void commitAndReleaseLease(SessionChanges changes, String owner) {
        try {
            commit(changes);
        } finally {
            try {
                releaseLease(changes.device().id(), owner);
            } catch (StoreUnavailableException e) {
                // it expires by itself; the commit's outcome is what the caller needs
            }
        }
    }

    /** Releases the storage engine. Writes acknowledged before are durable. */
    @Override
    void close();
}
