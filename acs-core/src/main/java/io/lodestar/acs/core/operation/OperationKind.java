package io.lodestar.acs.core.operation;

import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;

/**
 * What a device was asked to do that it finishes after the session, and how it says it did: the Inform event
 * that reports the end (or, for transfers, the RPC), and whether that event must carry the operation's CommandKey. A kind cannot be declared
 * without its rule. Stored by {@link #name()}: renaming a constant is a change of the stored format.
 */
public enum OperationKind {
    /** A Reboot: done when the device informs with {@code M Reboot} carrying the Reboot's CommandKey. */
    REBOOT(EventStruct.M_REBOOT, true),
    /** A FactoryReset: done when the device informs with {@code 0 BOOTSTRAP} (its new life). */
    FACTORY_RESET(EventStruct.BOOTSTRAP, false),
    /** A ScheduleInform: done when the device informs with {@code M ScheduleInform} carrying its CommandKey. */
    SCHEDULED_INFORM(EventStruct.M_SCHEDULE_INFORM, true),
    /**
     * A Download: done when the device sends TransferComplete with the Download's CommandKey (and, for a firmware
     * image naming an expected version, once an Inform reports that version); no Inform event alone ends it.
     */
    DOWNLOAD(null, true),
    /** An Upload: done when the device sends TransferComplete with the Upload's CommandKey. */
    UPLOAD(null, true),
    /** A ScheduleDownload: done when the device sends TransferComplete with its CommandKey. */
    SCHEDULE_DOWNLOAD(null, true),
    /** A ChangeDUState: done when the device sends DUStateChangeComplete with its CommandKey. */
    CHANGE_DU_STATE(null, true),
    /**
     * A transfer the device made on its own and reported with AutonomousTransferComplete: stored already ended
     * (completed, or failed with its fault), with what the device said of it ({@link DeviceInitiated}).
     */
    AUTONOMOUS_TRANSFER(null, false),
    /**
     * A RequestDownload: the device asked for a file (its FileType and arguments). Stored ended (completed: the
     * request was received); Lodestar has no automatic download policy, an operator answers with a download task.
     */
    REQUEST_DOWNLOAD(null, false);

    private final String endEvent;
    private final boolean endCarriesCommandKey;

    OperationKind(String endEvent, boolean endCarriesCommandKey) {
        this.endEvent = endEvent;
        this.endCarriesCommandKey = endCarriesCommandKey;
    }

    /** Whether the device, not a task, starts operations of this kind (they are stored already ended). */
    public boolean isDeviceInitiated() {
        return this == AUTONOMOUS_TRANSFER || this == REQUEST_DOWNLOAD;
    }

    /** Whether TransferComplete ends operations of this kind. */
    public boolean endsWithTransferComplete() {
        return this == DOWNLOAD || this == UPLOAD || this == SCHEDULE_DOWNLOAD;
    }

    /** Whether {@code inform} reports the end of an operation of this kind started with {@code commandKey}. */
    public boolean isEndReportedBy(Inform inform, String commandKey) {
        if (endEvent == null) {
            return false; // ended by an RPC of the device's (TransferComplete, DUStateChangeComplete), not an event
        }
        return inform.events().stream().anyMatch(e -> e.eventCode().equals(endEvent)
                && (!endCarriesCommandKey || e.commandKey().equals(commandKey)));
    }
}
