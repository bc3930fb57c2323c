package io.lodestar.acs.core.operation;

import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;

/**
 * What a device was asked to do that it finishes after the session, and how it says it did: the Inform event
 * that reports the end, and whether that event must carry the operation's CommandKey. A kind cannot be declared
 * without its rule. Stored by {@link #name()}: renaming a constant is a change of the stored format.
 */
public enum OperationKind {
    /** A Reboot: done when the device informs with {@code M Reboot} carrying the Reboot's CommandKey. */
    REBOOT(EventStruct.M_REBOOT, true),
    /** A FactoryReset: done when the device informs with {@code 0 BOOTSTRAP} (its new life). */
    FACTORY_RESET(EventStruct.BOOTSTRAP, false),
    /** A ScheduleInform: done when the device informs with {@code M ScheduleInform} carrying its CommandKey. */
    SCHEDULED_INFORM(EventStruct.M_SCHEDULE_INFORM, true);

    private final String endEvent;
    private final boolean endCarriesCommandKey;

    OperationKind(String endEvent, boolean endCarriesCommandKey) {
        this.endEvent = endEvent;
        this.endCarriesCommandKey = endCarriesCommandKey;
    }

    /** Whether {@code inform} reports the end of an operation of this kind started with {@code commandKey}. */
    public boolean isEndReportedBy(Inform inform, String commandKey) {
        return inform.events().stream().anyMatch(e -> e.eventCode().equals(endEvent)
                && (!endCarriesCommandKey || e.commandKey().equals(commandKey)));
    }
}
