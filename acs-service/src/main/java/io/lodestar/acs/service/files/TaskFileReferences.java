package io.lodestar.acs.service.files;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.OperationStore;
import io.lodestar.acs.store.StoredFile;
import io.lodestar.acs.store.TaskStore;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who still needs a stored file, found without looking at the fleet: the file store keeps, per file, the devices
 * a Download naming it was queued for ({@link FileStore#addReference}, recorded by {@link #recordUse} when the
 * API turns a task's {@code fileId} into the device's signed URL). For each of those devices only, a user is
 * <ul>
 *   <li>a pending task whose Download (or ScheduleDownload) URL is the file's ({@code .../files/{fileId}}), or</li>
 *   <li>a transfer operation in progress (the Download was sent, its TransferComplete has not come) whose task's
 *       URL is the file's.</li>
 * </ul>
 * A device with neither no longer needs the file: its reference is removed as it is found, so the index holds
 * the devices of live or recent Downloads only. The cost of a check is that of those devices' queues and
 * operations (both bounded per device), whatever the size of the fleet.
 *
 * <p>Why by URL rather than a file id stored on the task: the task action keeps what the CPE is sent, and the URL
 * the ACS made for its own file names the file in its path; no task or operation format has to change.
 */
public final class TaskFileReferences implements FileReferences {

    private final FileStore files;
    private final TaskStore tasks;
    private final OperationStore operations;

    public TaskFileReferences(FileStore files, TaskStore tasks, OperationStore operations) {
        this.files = Objects.requireNonNull(files, "files");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.operations = Objects.requireNonNull(operations, "operations");
    }

    /**
     * Records that {@code device} is being handed {@code file} for a Download and returns the file: called where the
     * composition root turns a task's {@code fileId} into a link, before the task is queued (so that a delete
     * running meanwhile finds the device; a reference whose task is never queued is removed by the next check).
     */
    public static StoredFile recordUse(FileStore files, StoredFile file, DeviceId device) {
        files.addReference(file.id(), device.value());
        return file;
    }

    @Override
    public List<String> usersOf(String fileId) {
        return usersOf(fileId, Integer.MAX_VALUE);
    }

    @Override
    public List<String> usersOf(String fileId, int atMost) {
        List<String> users = new ArrayList<>();
        for (String device : files.references(fileId)) {
            List<String> ofDevice = usersOn(new DeviceId(device), fileId);
            if (ofDevice.isEmpty()) {
                files.removeReference(fileId, device); // a recorded Download that ended, was cancelled or never queued
                continue;
            }
            for (String u : ofDevice) {
                users.add(u);
                if (users.size() >= atMost) {
                    return users;
                }
            }
        }
        return users;
    }

    private List<String> usersOn(DeviceId device, String fileId) {
        List<String> out = new ArrayList<>();
        for (Task t : tasks.pendingTasks(device)) {
            if (names(t.action(), fileId)) {
                out.add("pending task " + t.id().value() + " (" + t.action().getClass().getSimpleName()
                        + ") of device " + device.value());
            }
        }
        for (Operation op : operations.operations(device)) {
            if (op.isInProgress() && op.kind().endsWithTransferComplete()) {
                tasks.findTask(op.taskId()).filter(t -> names(t.action(), fileId)).ifPresent(t ->
                        out.add("operation " + op.kind() + " in progress (task " + t.id().value() + ") of device "
                                + device.value()));
            }
        }
        return out;
    }

    /** Whether the action downloads the file the ACS keeps under this id (its URL's path ends in /files/{id}). */
    static boolean names(TaskAction action, String fileId) {
        String url;
        if (action instanceof TaskAction.Download d) {
            url = d.url();
        } else if (action instanceof TaskAction.ScheduleDownload d) {
            url = d.url();
        } else {
            return false;
        }
        try {
            String path = URI.create(url).getPath();
            return path != null && path.endsWith(FileUrls.FILES + fileId);
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }
}
