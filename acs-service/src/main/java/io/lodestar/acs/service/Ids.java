package io.lodestar.acs.service;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.TaskId;

/** Ids as callers type them (a command-line argument, a URL segment), read under the services' rules. */
public final class Ids {

    private Ids() {}

    /** @throws ServiceException BAD_ARGUMENT for an empty or over-long id */
    public static DeviceId deviceId(String text) {
        try {
            return new DeviceId(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ServiceException(ErrorCode.BAD_ARGUMENT, "'" + text + "' is not a device id: "
                    + "a device id has 1 to 512 characters");
        }
    }

    /** @throws ServiceException TASK_NOT_FOUND for text that is no task id: no task has it */
    public static TaskId taskId(String text) {
        try {
            return new TaskId(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ServiceException(ErrorCode.TASK_NOT_FOUND, "no task " + text + " (not a task id)");
        }
    }
}
