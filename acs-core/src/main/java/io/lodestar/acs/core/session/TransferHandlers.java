package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.operation.ReportedTime;
import io.lodestar.acs.core.rpc.CancelTransfer;
import io.lodestar.acs.core.rpc.CancelTransferResponse;
import io.lodestar.acs.core.rpc.ChangeDUState;
import io.lodestar.acs.core.rpc.ChangeDUStateResponse;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.Download;
import io.lodestar.acs.core.rpc.DownloadResponse;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.rpc.GetAllQueuedTransfers;
import io.lodestar.acs.core.rpc.GetAllQueuedTransfersResponse;
import io.lodestar.acs.core.rpc.GetQueuedTransfers;
import io.lodestar.acs.core.rpc.GetQueuedTransfersResponse;
import io.lodestar.acs.core.rpc.QueuedTransferStruct;
import io.lodestar.acs.core.rpc.ScheduleDownload;
import io.lodestar.acs.core.rpc.ScheduleDownloadResponse;
import io.lodestar.acs.core.rpc.Upload;
import io.lodestar.acs.core.rpc.UploadResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The handlers of the transfer actions. A transfer's task is done when the device answers; the transfer itself is
 * an operation that the device's TransferComplete (DUStateChangeComplete for ChangeDUState) ends in a later
 * session, correlated by CommandKey ({@link TransferLedger}). Its deadline is the transfer timeout after the
 * moment the device may start (DelaySeconds, the end of the last time window).
 */
final class TransferHandlers {

    private TransferHandlers() {}

    /** Download: status 1 starts the awaited transfer; status 0 reports it done already. */
    record DownloadHandler(TaskAction.Download action) implements RpcTaskHandler<TaskResult.Transfer> {

        @Override
        public CwmpMessage.AcsRequest request() {
            return new Download(action.commandKey(), action.fileType(), action.url(), action.username(),
                    action.password(), action.fileSize(), action.targetFileName(), action.delaySeconds(),
                    action.successUrl(), action.failureUrl());
        }

        @Override
        public Optional<TaskResult.Transfer> resultOf(CwmpMessage answer) {
            return answer instanceof DownloadResponse r
                    ? Optional.of(new TaskResult.Transfer(r.status(), r.startTime(), r.completeTime()))
                    : Optional.empty();
        }

        @Override
        public void apply(TaskResult.Transfer result, SessionEffects effects) {
            // the tree changes, if at all, when the device is back with the new file
        }

        @Override
        public Optional<Operation> operationStarted(Task task, TaskResult.Transfer result, Instant now,
                                                    Duration timeout) {
            Operation started = Operation.startTransfer(task.id(), task.deviceId(), OperationKind.DOWNLOAD,
                    action.commandKey(), action.expectedSoftwareVersion(), now,
                    now.plusSeconds(action.delaySeconds()).plus(timeout));
            return Optional.of(doneAlreadyOrAwaited(started, result, now));
        }

        @Override
        public boolean isTransfer() {
            return true;
        }
    }

    /** Upload: like Download, without a version to await. */
    record UploadHandler(TaskAction.Upload action) implements RpcTaskHandler<TaskResult.Transfer> {

        @Override
        public CwmpMessage.AcsRequest request() {
            return new Upload(action.commandKey(), action.fileType(), action.url(), action.username(),
                    action.password(), action.delaySeconds());
        }

        @Override
        public Optional<TaskResult.Transfer> resultOf(CwmpMessage answer) {
            return answer instanceof UploadResponse r
                    ? Optional.of(new TaskResult.Transfer(r.status(), r.startTime(), r.completeTime()))
                    : Optional.empty();
        }

        @Override
        public void apply(TaskResult.Transfer result, SessionEffects effects) {
            // an upload changes nothing on the device
        }

        @Override
        public Optional<Operation> operationStarted(Task task, TaskResult.Transfer result, Instant now,
                                                    Duration timeout) {
            Operation started = Operation.startTransfer(task.id(), task.deviceId(), OperationKind.UPLOAD,
                    action.commandKey(), "", now, now.plusSeconds(action.delaySeconds()).plus(timeout));
            return Optional.of(doneAlreadyOrAwaited(started, result, now));
        }

        @Override
        public boolean isTransfer() {
            return true;
        }
    }

    /**
     * Status 0 of a DownloadResponse or UploadResponse: the transfer is over, with the device's times; the
     * operation completes now unless it awaits a software version. Status 1: it goes on.
     */
    private static Operation doneAlreadyOrAwaited(Operation started, TaskResult.Transfer result, Instant now) {
        if (result.status() != 0) {
            return started;
        }
        Instant complete = ReportedTime.parse(result.completeTime());
        Operation reported = started.withTransferReport(ReportedTime.parse(result.startTime()),
                complete == null ? now : complete, FaultStruct.NONE);
        return reported.transfer().awaitsVersion() ? reported : reported.completed(now);
    }

    /** ScheduleDownload: the device queues it; TransferComplete ends it after its windows. */
    record ScheduleDownloadHandler(TaskAction.ScheduleDownload action) implements RpcTaskHandler<TaskResult.Status> {

        @Override
        public CwmpMessage.AcsRequest request() {
            return new ScheduleDownload(action.commandKey(), action.fileType(), action.url(), action.username(),
                    action.password(), action.fileSize(), action.targetFileName(), action.timeWindows());
        }

        @Override
        public Optional<TaskResult.Status> resultOf(CwmpMessage answer) {
            return answer instanceof ScheduleDownloadResponse ? Optional.of(new TaskResult.Status(0, 0))
                    : Optional.empty();
        }

        @Override
        public void apply(TaskResult.Status result, SessionEffects effects) {
            // nothing until the device reports
        }

        @Override
        public Optional<Operation> operationStarted(Task task, TaskResult.Status result, Instant now,
                                                    Duration timeout) {
            return Optional.of(Operation.startTransfer(task.id(), task.deviceId(), OperationKind.SCHEDULE_DOWNLOAD,
                    action.commandKey(), "", now, now.plusSeconds(action.lastWindowEnd()).plus(timeout)));
        }

        @Override
        public boolean isTransfer() {
            return true;
        }
    }

    /** CancelTransfer: once the device agrees, the ACS's operations with that CommandKey end as cancelled. */
    record CancelTransferHandler(TaskAction.CancelTransfer action) implements RpcTaskHandler<TaskResult.Status> {

        @Override
        public CwmpMessage.AcsRequest request() {
            return new CancelTransfer(action.commandKey());
        }

        @Override
        public Optional<TaskResult.Status> resultOf(CwmpMessage answer) {
            return answer instanceof CancelTransferResponse ? Optional.of(new TaskResult.Status(0, 0))
                    : Optional.empty();
        }

        @Override
        public void apply(TaskResult.Status result, SessionEffects effects) {
            effects.transferCancelled(action.commandKey());
        }

        @Override
        public Optional<Operation> operationStarted(Task task, TaskResult.Status result, Instant now,
                                                    Duration timeout) {
            return Optional.empty();
        }
    }

    /** GetQueuedTransfers: the CommandKey and state of each transfer the ACS asked for. */
    record GetQueuedTransfersHandler(TaskAction.GetQueuedTransfers action)
            implements RpcTaskHandler<TaskResult.QueuedTransfers> {

        @Override
        public CwmpMessage.AcsRequest request() {
            return new GetQueuedTransfers();
        }

        @Override
        public Optional<TaskResult.QueuedTransfers> resultOf(CwmpMessage answer) {
            return answer instanceof GetQueuedTransfersResponse r
                    ? Optional.of(new TaskResult.QueuedTransfers(r.transferList().stream()
                    .map(t -> new QueuedTransferStruct(t.commandKey(), t.state(), true, "", 0, "")).toList()))
                    : Optional.empty();
        }

        @Override
        public void apply(TaskResult.QueuedTransfers result, SessionEffects effects) {
            // a report only
        }

        @Override
        public Optional<Operation> operationStarted(Task task, TaskResult.QueuedTransfers result, Instant now,
                                                    Duration timeout) {
            return Optional.empty();
        }
    }

    /** GetAllQueuedTransfers: every queued transfer with its direction, type, size and target name. */
    record GetAllQueuedTransfersHandler(TaskAction.GetAllQueuedTransfers action)
            implements RpcTaskHandler<TaskResult.QueuedTransfers> {

        @Override
        public CwmpMessage.AcsRequest request() {
            return new GetAllQueuedTransfers();
        }

        @Override
        public Optional<TaskResult.QueuedTransfers> resultOf(CwmpMessage answer) {
            return answer instanceof GetAllQueuedTransfersResponse r
                    ? Optional.of(new TaskResult.QueuedTransfers(r.transferList()))
                    : Optional.empty();
        }

        @Override
        public void apply(TaskResult.QueuedTransfers result, SessionEffects effects) {
            // a report only
        }

        @Override
        public Optional<Operation> operationStarted(Task task, TaskResult.QueuedTransfers result, Instant now,
                                                    Duration timeout) {
            return Optional.empty();
        }
    }

    /** ChangeDUState: accepted now; DUStateChangeComplete with its CommandKey ends the operation. */
    record ChangeDUStateHandler(TaskAction.ChangeDUState action) implements RpcTaskHandler<TaskResult.Status> {

        @Override
        public CwmpMessage.AcsRequest request() {
            return new ChangeDUState(action.operations(), action.commandKey());
        }

        @Override
        public Optional<TaskResult.Status> resultOf(CwmpMessage answer) {
            return answer instanceof ChangeDUStateResponse ? Optional.of(new TaskResult.Status(0, 0))
                    : Optional.empty();
        }

        @Override
        public void apply(TaskResult.Status result, SessionEffects effects) {
            // the deployment units are learned from the data model once the device reports
        }

        @Override
        public Optional<Operation> operationStarted(Task task, TaskResult.Status result, Instant now,
                                                    Duration timeout) {
            return Optional.of(Operation.startTransfer(task.id(), task.deviceId(), OperationKind.CHANGE_DU_STATE,
                    action.commandKey(), "", now, now.plus(timeout)));
        }

        @Override
        public boolean isTransfer() {
            return true;
        }
    }
}
