package io.lodestar.acs.core.rpc;

/** The CPE's answer to ScheduleDownload: the download is queued; TransferComplete reports its end. */
public record ScheduleDownloadResponse() implements CwmpMessage.CpeResponse {

    @Override
    public String methodName() {
        return "ScheduleDownloadResponse";
    }
}
