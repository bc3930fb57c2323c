package io.lodestar.acs.core.task;

import io.lodestar.acs.core.rpc.ParameterAttributeStruct;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.QueuedTransferStruct;

import java.util.List;

/** What a device answered to a task. */
public sealed interface TaskResult {

    /** The values read by GetParameterValues. */
    record Values(List<ParameterValueStruct> values) implements TaskResult {
        public Values {
            values = List.copyOf(values);
        }
    }

    /** The names read by GetParameterNames. */
    record Names(List<ParameterInfoStruct> names) implements TaskResult {
        public Names {
            names = List.copyOf(names);
        }
    }

    /** The new instance of AddObject; status 1 means it applies after a reboot. */
    record ObjectAdded(long instanceNumber, int status) implements TaskResult {}

    /**
     * A status-only answer: SetParameterValues and DeleteObject (1 means it applies after a reboot),
     * Reboot, FactoryReset, SetParameterAttributes and ScheduleInform (always 0), Refresh (0; {@code count} is the number of parameters learned).
     */
    record Status(int status, int count) implements TaskResult {}

    /** The RPC names a GetRPCMethods returned. */
    record Methods(List<String> methods) implements TaskResult {
        public Methods {
            methods = List.copyOf(methods);
        }
    }

    /** The attributes a GetParameterAttributes returned. */
    record Attributes(List<ParameterAttributeStruct> attributes) implements TaskResult {
        public Attributes {
            attributes = List.copyOf(attributes);
        }
    }

    /**
     * The answer to Download or Upload: status 0 the transfer is done (times given), 1 it will be and TransferComplete
     * will say so; the times as the device wrote them ("" or TR-069's unknown time when it has none).
     */
    record Transfer(int status, String startTime, String completeTime) implements TaskResult {}

    /**
     * The transfers a device has queued: every field for GetAllQueuedTransfers; for GetQueuedTransfers only the
     * CommandKey and state (the rest left empty).
     */
    record QueuedTransfers(List<QueuedTransferStruct> transfers) implements TaskResult {
        public QueuedTransfers {
            transfers = List.copyOf(transfers);
        }
    }

    /**
     * A SetParameterValues the device refused: each parameter's fault from its SetParameterValuesFault elements,
     * kept with the failed (or retrying) task so an operator sees which value broke which rule.
     */
    record ParameterFaults(List<io.lodestar.acs.core.rpc.CwmpFault.SetParameterValuesFault> faults)
            implements TaskResult {
        public ParameterFaults {
            faults = List.copyOf(faults);
        }
    }
}
