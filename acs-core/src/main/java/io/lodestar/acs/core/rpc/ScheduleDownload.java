package io.lodestar.acs.core.rpc;

import java.util.List;

/** Asks the CPE to download a file within one or two time windows (CWMP 1.2). */
public record ScheduleDownload(String commandKey, String fileType, String url, String username, String password,
                               long fileSize, String targetFileName, List<TimeWindowStruct> timeWindows)
        implements CwmpMessage.AcsRequest {

    public ScheduleDownload {
        timeWindows = List.copyOf(timeWindows);
    }

    @Override
    public String methodName() {
        return "ScheduleDownload";
    }
}
