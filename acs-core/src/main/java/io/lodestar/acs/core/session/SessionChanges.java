package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;
import io.lodestar.acs.core.task.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one session changed, to be written by the store in one atomic batch. A store applies it in
 * this order: if {@code forgetLearned}, delete all the device's parameters; delete every parameter under
 * each of {@code deletedSubtrees} ({@code ""} means all); write {@code upserts}; write the device, the
 * tasks, the operations, the faults and the inform record.
 *
 * @param device          the device as the session leaves it
 * @param forgetLearned   a bootstrap: everything learned before this session is void
 * @param deletedSubtrees object paths whose parameters no longer exist (deleted objects, re-walked subtrees)
 * @param upserts         parameters learned or changed, by path
 * @param tasks           tasks whose state changed
 * @param faults          faults the device raised
 * @param inform          the Inform that opened the session, or null
 * @param operations      operations that started or ended (each replaces the stored one of its task)
 */
public record SessionChanges(Device device, boolean forgetLearned, Set<String> deletedSubtrees,
                             Map<String, Parameter> upserts, List<Task> tasks, List<DeviceFault> faults,
                             InformRecord inform, List<Operation> operations) {

    public SessionChanges {
        Objects.requireNonNull(device, "device");
        deletedSubtrees = Set.copyOf(deletedSubtrees);
        upserts = Map.copyOf(upserts);
        tasks = List.copyOf(tasks);
        faults = List.copyOf(faults);
        operations = List.copyOf(operations);
    }

    /** Changes that start or end no operation. */
    public SessionChanges(Device device, boolean forgetLearned, Set<String> deletedSubtrees,
                          Map<String, Parameter> upserts, List<Task> tasks, List<DeviceFault> faults,
                          InformRecord inform) {
        this(device, forgetLearned, deletedSubtrees, upserts, tasks, faults, inform, List.of());
    }

    /**
     * The device's parameters after this commit, in the order above: {@code before} with only this delta
     * applied, sharing everything else with it (no copy of the tree).
     */
    public ParameterTree applyTo(ParameterTree before) {
        ParameterTree after = forgetLearned ? ParameterTree.empty() : before;
        for (String subtree : deletedSubtrees) {
            after = after.minusSubtree(subtree);
        }
        for (Parameter p : upserts.values()) {
            after = after.plus(p);
        }
        return after;
    }

    /** Collects a session's changes in order; later changes to the same path or task win. */
    public static final class Builder {
        private Device device;
        private boolean forgetLearned;
        private final Set<String> deletedSubtrees = new LinkedHashSet<>();
        private final Map<String, Parameter> upserts = new LinkedHashMap<>();
        private final Map<String, Task> tasks = new LinkedHashMap<>();
        private final List<DeviceFault> faults = new ArrayList<>();
        private InformRecord inform;
        private final Map<String, Operation> operations = new LinkedHashMap<>();

        public Builder(Device device) {
            this.device = device;
        }

        public Builder device(Device d) {
            this.device = d;
            return this;
        }

        public Device device() {
            return device;
        }

        public Builder forgetLearned() {
            forgetLearned = true;
            deletedSubtrees.clear();
            upserts.clear();
            return this;
        }

        public Builder upsert(Parameter p) {
            upserts.put(p.path(), p);
            return this;
        }

        /** Deletes a subtree, including what this session already wrote under it. */
        public Builder deleteSubtree(String objectPath) {
            deletedSubtrees.add(objectPath);
            upserts.keySet().removeIf(path -> ParameterPaths.isUnder(path, objectPath));
            return this;
        }

        public Builder task(Task t) {
            tasks.put(t.id().value(), t);
            return this;
        }

        public Builder fault(DeviceFault f) {
            faults.add(f);
            return this;
        }

        public Builder operation(Operation o) {
            operations.put(o.taskId().value(), o);
            return this;
        }

        public Builder inform(InformRecord record) {
            this.inform = record;
            return this;
        }

        public int upsertCount() {
            return upserts.size();
        }

        public SessionChanges build() {
            return new SessionChanges(device, forgetLearned, deletedSubtrees, upserts, List.copyOf(tasks.values()),
                    faults, inform, List.copyOf(operations.values()));
        }
    }
}
