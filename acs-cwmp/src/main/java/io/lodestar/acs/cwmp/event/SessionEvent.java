package io.lodestar.acs.cwmp.event;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened in a CWMP session, as told to a {@link SessionListener}. Every event names the device, the
 * session (its cookie value, stable for the session's life) and when it happened on the ACS's clock.
 */
public sealed interface SessionEvent {

    DeviceId deviceId();

    /** The session's id, or null for an Inform that opened no session (see {@link Ended}). */
    String sessionId();

    Instant at();

    /**
     * A session began: the Inform was accepted, the device's lease is held, the InformResponse goes out next.
     *
     * @param events       the Inform's events, with their CommandKeys
     * @param productClass the ProductClass of the Inform's DeviceId ("" when the CPE sent none), e.g. for metrics
     *                     by product class
     */
    record Opened(DeviceId deviceId, String sessionId, Instant at, List<EventStruct> events, String remoteAddress,
                  CwmpVersion cwmpVersion, String productClass) implements SessionEvent {
        public Opened {
            Objects.requireNonNull(deviceId, "deviceId");
            events = List.copyOf(events);
            productClass = productClass == null ? "" : productClass;
        }

        /** An opening whose product class is not told (""). */
        public Opened(DeviceId deviceId, String sessionId, Instant at, List<EventStruct> events, String remoteAddress,
                      CwmpVersion cwmpVersion) {
            this(deviceId, sessionId, at, events, remoteAddress, cwmpVersion, "");
        }
    }

    /** The ACS sent a request to the CPE (a task's RPC or one of a data-model walk), e.g. {@code Reboot}. */
    record RpcSent(DeviceId deviceId, String sessionId, Instant at, String method) implements SessionEvent {}

    /**
     * The CPE answered the ACS's request {@code method}, with its response or with a CWMP fault.
     *
     * @param faultCode the fault's code, or null when the CPE answered with the method's response
     */
    record RpcAnswered(DeviceId deviceId, String sessionId, Instant at, String method, Integer faultCode)
            implements SessionEvent {

        public boolean isFault() {
            return faultCode != null;
        }
    }

    /**
     * A task reached a final status and that status is durably stored: done (with the device's answer),
     * failed for good (with the last fault), or expired.
     *
     * @param task the task as stored
     */
    record TaskFinished(DeviceId deviceId, String sessionId, Instant at, Task task) implements SessionEvent {
        public TaskFinished {
            Objects.requireNonNull(task, "task");
        }

        public TaskId taskId() {
            return task.id();
        }

        public TaskStatus status() {
            return task.status();
        }

        /** The device's answer when {@link TaskStatus#DONE}, else null. */
        public TaskResult result() {
            return task.result();
        }

        /** The last failed attempt's fault (always set when {@link TaskStatus#FAILED}), else null. */
        public TaskFault fault() {
            return task.lastFault();
        }
    }

    /** The device accepted something that goes on after the session (a reboot, a reset); durably stored. */
    record OperationStarted(DeviceId deviceId, String sessionId, Instant at, Operation operation)
            implements SessionEvent {}

    /** An operation ended (reported by this session's Inform, or timed out); durably stored. */
    record OperationEnded(DeviceId deviceId, String sessionId, Instant at, Operation operation)
            implements SessionEvent {}

    /**
     * A session is over, or an Inform was turned away without one. Every Inform that names a device ends in
     * exactly one {@code Ended}. It follows an {@link Opened} exactly when its {@code sessionId} is set; an
     * Inform turned away ({@link Outcome#REFUSED}, or {@link Outcome#STORE_UNAVAILABLE} before the session
     * could open) has none.
     *
     * @param reason            why it did not end normally (null for {@link Outcome#OK})
     * @param parametersWritten how many parameters were stored (0 when nothing was)
     * @param duration          from the session's opening to its end (zero for an Inform turned away)
     */
    record Ended(DeviceId deviceId, String sessionId, Instant at, Outcome outcome, String reason,
                 int parametersWritten, Duration duration) implements SessionEvent {
        public Ended {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** How a session ended. */
    enum Outcome {
        /** The ACS had nothing more to ask and everything the session changed is stored. */
        OK,
        /**
         * Cut short (idle timeout, a new Inform, an internal error, shutdown, a lost lease): what it learned
         * is stored unless the lease was lost, in which case nothing is ({@code parametersWritten} says which).
         */
        ABANDONED,
        /**
         * The Inform was turned away without a session: not authenticated, not registered, or the device
         * already in a session here or on another node. Nothing was stored.
         */
        REFUSED,
        /** The store could not be reached: the session's changes (or the Inform) were not stored. */
        STORE_UNAVAILABLE
    }
}
