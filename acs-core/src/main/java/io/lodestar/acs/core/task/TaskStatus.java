package io.lodestar.acs.core.task;

/** Where a task is in its life. Only {@link #PENDING} tasks are ever sent to a device. */
public enum TaskStatus {
    /** Waiting for the device's next session (perhaps after a back-off). */
    PENDING,
    /** The device answered it; the result is stored. */
    DONE,
    /** It faulted as many times as the retry policy allows; the last fault is stored. */
    FAILED,
    /** Its time to live ran out before it could be done. */
    EXPIRED,
    /** An operator withdrew it. */
    CANCELLED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
