package io.lodestar.acs.service;

/**
 * Why the service refused a request, for machines: an API maps the not-found codes to 404, the conflicts with
 * the state of a task to 409 and the rest (the request itself is wrong) to 422, or as its contract says.
 */
public enum ErrorCode {
    /** No device has the id given. */
    DEVICE_NOT_FOUND,
    /** No task has the id given (or it belongs to another device than the one named). */
    TASK_NOT_FOUND,
    /** The device's stored data model has no such parameter or object. */
    PATH_NOT_FOUND,
    /** The path is not a well-formed parameter or object path, or not of the kind the action needs. */
    BAD_PATH,
    /** The device reported the parameter as read-only. */
    NOT_WRITABLE,
    /** The value does not fit the parameter's type. */
    BAD_VALUE,
    /** The type named is not one the ACS knows. */
    BAD_TYPE,
    /** The type named differs from the type the device reported for the parameter. */
    TYPE_MISMATCH,
    /** A search named a parameter the store does not index. */
    PARAMETER_NOT_INDEXED,
    /** An operator tag that is empty, too long or holds characters tags may not hold. */
    BAD_TAG,
    /** Any other ill-formed argument: a key too long, a limit below 1, an expiry in the past, a path twice. */
    BAD_ARGUMENT,
    /** Only a pending task can be cancelled. */
    TASK_NOT_CANCELLABLE,
    /** Only a failed task can be retried. */
    TASK_NOT_RETRYABLE;

    /** Whether the request named something that does not exist (a device, a task). */
    public boolean isNotFound() {
        return this == DEVICE_NOT_FOUND || this == TASK_NOT_FOUND;
    }
}
