package io.lodestar.acs.api.json;

import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.service.ServiceException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task as the API shows it. The result of a done SetParameterValues carries the values the device took, as
 * the ACS stored them after the session (the device's answer itself is only a status).
 */
public final class TaskViews {

    private final DeviceService devices;

    public TaskViews(DeviceService devices) {
        this.devices = devices;
    }

    public Views.TaskView view(Task t) {
        return new Views.TaskView(t.id().value(), t.deviceId().value(), t.action().name(), t.status().name(),
                t.createdAt(), t.expiresAt(), t.completedAt(), TaskRequest.of(t.action()), result(t),
                t.lastFault() == null ? null
                        : new Views.TaskFaultView(t.lastFault().code(), t.lastFault().message(), t.lastFault().at(),
                                parameterFaults(t)),
                t.attempts(), t.after() == null ? null : t.after().value(), null);
    }

    /** The per-parameter faults a refused SetParameterValues left as the task's result, or null. */
    private static List<Views.ParameterFaultView> parameterFaults(Task t) {
        if (t.status() == TaskStatus.DONE || !(t.result() instanceof TaskResult.ParameterFaults faults)) {
            return null;
        }
        return faults.faults().stream()
                .map(f -> new Views.ParameterFaultView(f.parameterName(), f.faultCode(), f.faultString())).toList();
    }

    private Map<String, Object> result(Task t) {
        if (t.status() != TaskStatus.DONE || t.result() == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        TaskResult r = t.result();
        if (r instanceof TaskResult.Values v) {
            out.put("values", v.values().stream().map(TaskViews::value).toList());
        } else if (r instanceof TaskResult.Names n) {
            out.put("names", n.names().stream().map(i -> Map.of("path", i.name(), "writable", i.writable())).toList());
        } else if (r instanceof TaskResult.ObjectAdded a) {
            out.put("instanceNumber", a.instanceNumber());
            out.put("status", a.status());
        } else if (r instanceof TaskResult.Methods m) {
            out.put("methods", m.methods());
        } else if (r instanceof TaskResult.Attributes a) {
            out.put("attributes", a.attributes().stream().map(x -> Map.of("path", x.name(),
                    "notification", x.notification(), "accessList", x.accessList())).toList());
        } else if (r instanceof TaskResult.Status s) {
            out.put("status", s.status());
            if (t.action() instanceof TaskAction.Refresh) {
                out.put("count", s.count());
            }
            if (t.action() instanceof TaskAction.SetParameterValues set) {
                out.put("values", taken(t, set));
            }
        } else if (r instanceof TaskResult.Transfer x) {
            // 0: done already; 1: the device will send TransferComplete (see the device's operations)
            out.put("status", x.status());
            out.put("startTime", x.startTime());
            out.put("completeTime", x.completeTime());
        } else if (r instanceof TaskResult.QueuedTransfers q) {
            out.put("transfers", q.transfers().stream().map(x -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("commandKey", x.commandKey());
                m.put("state", x.state());
                if (t.action() instanceof TaskAction.GetAllQueuedTransfers) {
                    m.put("isDownload", x.isDownload());
                    m.put("fileType", x.fileType());
                    m.put("fileSize", x.fileSize());
                    m.put("targetFileName", x.targetFileName());
                }
                return m;
            }).toList());
        }
        return out;
    }

    private List<Views.ValueView> taken(Task t, TaskAction.SetParameterValues set) {
        List<Views.ValueView> out = new ArrayList<>();
        for (ParameterValueStruct v : set.values()) {
            try {
                List<Parameter> stored = devices.parameters(t.deviceId(), v.name());
                Parameter p = stored.stream().filter(s -> s.path().equals(v.name())).findFirst().orElse(null);
                out.add(p == null ? value(v) : new Views.ValueView(p.path(), p.value(), p.type()));
            } catch (ServiceException e) {
                out.add(value(v)); // the device was deleted since: what it was asked to take
            }
        }
        return out;
    }

    private static Views.ValueView value(ParameterValueStruct v) {
        return new Views.ValueView(v.name(), v.value(), v.type());
    }
}
