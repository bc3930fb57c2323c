package io.lodestar.acs.core.rpc;

/**
 * One window of a ScheduleDownload: from {@code windowStart} to {@code windowEnd} seconds after the CPE's
 * response, with a mode such as {@code 1 At Any Time}, {@code 2 Immediately}, {@code 3 When Idle} or
 * {@code 4 Confirmation Needed}; {@code maxRetries} -1 means the CPE's own choice.
 */
public record TimeWindowStruct(long windowStart, long windowEnd, String windowMode, String userMessage,
                               int maxRetries) {

    public static final String AT_ANY_TIME = "1 At Any Time";

    public TimeWindowStruct {
        windowMode = windowMode == null ? "" : windowMode;
        userMessage = userMessage == null ? "" : userMessage;
    }
}
