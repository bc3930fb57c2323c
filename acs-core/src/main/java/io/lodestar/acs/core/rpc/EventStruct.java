package io.lodestar.acs.core.rpc;

/** One Inform event, e.g. {@code 1 BOOT} or {@code M Reboot} with the CommandKey of the Reboot it answers. */
public record EventStruct(String eventCode, String commandKey) {

    public static final String BOOTSTRAP = "0 BOOTSTRAP";
    public static final String BOOT = "1 BOOT";
    public static final String PERIODIC = "2 PERIODIC";
    public static final String SCHEDULED = "3 SCHEDULED";
    public static final String VALUE_CHANGE = "4 VALUE CHANGE";
    public static final String CONNECTION_REQUEST = "6 CONNECTION REQUEST";
    public static final String DIAGNOSTICS_COMPLETE = "8 DIAGNOSTICS COMPLETE";
    public static final String TRANSFER_COMPLETE = "7 TRANSFER COMPLETE";
    public static final String M_REBOOT = "M Reboot";
    public static final String M_SCHEDULE_INFORM = "M ScheduleInform";
    public static final String M_DOWNLOAD = "M Download";

    public EventStruct {
        eventCode = eventCode == null ? "" : eventCode.trim();
        commandKey = commandKey == null ? "" : commandKey;
    }

    public static EventStruct of(String code) {
        return new EventStruct(code, "");
    }
}
