package io.lodestar.acs.core.fault;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.TaskId;

import java.time.Instant;

/**
 * A fault a device raised in a session, kept for operators.
 *
 * @param deviceId the device
 * @param taskId   the task whose RPC faulted, or null (discovery)
 * @param method   the RPC that faulted, e.g. {@code SetParameterValues}
 * @param code     the CWMP fault code (9000-series)
 * @param message  the device's fault string, with per-parameter faults appended
 * @param at       when it happened
 */
public record DeviceFault(DeviceId deviceId, TaskId taskId, String method, int code, String message, Instant at) {}
