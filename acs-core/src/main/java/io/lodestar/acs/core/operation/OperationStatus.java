package io.lodestar.acs.core.operation;

/** Where an operation is. */
public enum OperationStatus {
    /** The device accepted it; its outcome has not been reported yet. */
    IN_PROGRESS,
    /** The device reported that it finished. */
    COMPLETED,
    /** The device informed after the deadline without reporting it: it did not happen, or its report was lost. */
    TIMED_OUT,
    /** The device reported that it failed (a transfer's FaultStruct), or came back without what it was to bring. */
    FAILED,
    /** The operator cancelled it (CancelTransfer) before the device reported its end. */
    CANCELLED;

    public boolean isFinal() {
        return this != IN_PROGRESS;
    }
}
