package io.lodestar.acs.store;

import io.lodestar.acs.core.operation.Operation;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The rule of a device's bounded operation history ({@link OperationStore#ENDED_OPERATIONS_KEPT}), in one place
 * for every store: each store reads the device's operations at commit, applies the session's, and removes what
 * {@link #beyondTheHistory} names in the same atomic step.
 */
public final class OperationHistory {

    /** Most recently ended first: by end (its start when an ended operation has none), then by task id. */
    private static final Comparator<Operation> RECENTLY_ENDED_FIRST =
            Comparator.comparing(OperationHistory::end).thenComparing(Operation::taskId).reversed();

    private OperationHistory() {}

    /**
     * Of one device's operations (one per task id, the session's already in place of the stored ones), the
     * ended ones beyond the {@value OperationStore#ENDED_OPERATIONS_KEPT} that ended most recently; never an
     * operation in progress.
     */
    public static List<Operation> beyondTheHistory(Collection<Operation> operations) {
        return operations.stream()
                .filter(o -> !o.isInProgress())
                .sorted(RECENTLY_ENDED_FIRST)
                .skip(OperationStore.ENDED_OPERATIONS_KEPT)
                .toList();
    }

    private static Instant end(Operation o) {
        return o.endedAt() != null ? o.endedAt() : o.startedAt();
    }
}
