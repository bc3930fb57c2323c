package io.lodestar.acs.core.rpc;

/** Asks the CPE to open a session again after delaySeconds, with event M ScheduleInform. */
public record ScheduleInform(int delaySeconds, String commandKey) implements CwmpMessage.AcsRequest {

    @Override
    public String methodName() {
        return "ScheduleInform";
    }
}
