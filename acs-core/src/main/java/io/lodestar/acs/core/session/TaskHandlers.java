package io.lodestar.acs.core.session;

import io.lodestar.acs.core.task.TaskAction;

/** Every action's handler, chosen by the action's visitor: an action without a handler does not compile. */
final class TaskHandlers implements TaskAction.Visitor<TaskHandler> {

    private static final TaskHandlers CHOOSER = new TaskHandlers();

    private TaskHandlers() {}

    /** The handler of {@code action}. */
    static TaskHandler of(TaskAction action) {
        return action.accept(CHOOSER);
    }

    @Override
    public TaskHandler visit(TaskAction.GetParameterValues action) {
        return new GetParameterValuesHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.SetParameterValues action) {
        return new SetParameterValuesHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.GetParameterNames action) {
        return new GetParameterNamesHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.AddObject action) {
        return new AddObjectHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.DeleteObject action) {
        return new DeleteObjectHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.Reboot action) {
        return new RebootHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.FactoryReset action) {
        return new FactoryResetHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.Refresh action) {
        return new RefreshHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.GetRPCMethods action) {
        return new GetRPCMethodsHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.GetParameterAttributes action) {
        return new GetParameterAttributesHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.SetParameterAttributes action) {
        return new SetParameterAttributesHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.ScheduleInform action) {
        return new ScheduleInformHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.Download action) {
        return new TransferHandlers.DownloadHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.Upload action) {
        return new TransferHandlers.UploadHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.ScheduleDownload action) {
        return new TransferHandlers.ScheduleDownloadHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.CancelTransfer action) {
        return new TransferHandlers.CancelTransferHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.GetQueuedTransfers action) {
        return new TransferHandlers.GetQueuedTransfersHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.GetAllQueuedTransfers action) {
        return new TransferHandlers.GetAllQueuedTransfersHandler(action);
    }

    @Override
    public TaskHandler visit(TaskAction.ChangeDUState action) {
        return new TransferHandlers.ChangeDUStateHandler(action);
    }
}
