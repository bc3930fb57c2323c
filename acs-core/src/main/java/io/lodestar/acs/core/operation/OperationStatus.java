package io.lodestar.acs.core.operation;

/** Where an operation is. */
public enum OperationStatus {
    /** The device accepted it; its outcome has not been reported yet. */
    IN_PROGRESS,
    /** The device reported that it finished. */
    COMPLETED,
    /** The device informed after the deadline without reporting it: it did not happen, or its report was lost. */
    TIMED_OUT;

    public boolean isFinal() {
        return this != IN_PROGRESS;
    }
}
