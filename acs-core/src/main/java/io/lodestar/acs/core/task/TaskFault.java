package io.lodestar.acs.core.task;

import java.time.Instant;

/** Why a task's last attempt failed: a CWMP fault from the device, or the session ending under it. */
public record TaskFault(int code, String message, Instant at) {

    /** The pseudo fault code for an attempt cut short because the session ended before the device answered. */
    public static final int SESSION_ENDED = 0;

    /** The pseudo fault code of a task never sent because the task it waits for failed, expired or was cancelled. */
    public static final int PREREQUISITE_FAILED = 1;
}
