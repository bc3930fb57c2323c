package io.lodestar.acs.core.rpc;

/** The CPE's answer to ScheduleInform. */
public record ScheduleInformResponse() implements CwmpMessage.CpeResponse {

    @Override
    public String methodName() {
        return "ScheduleInformResponse";
    }
}
