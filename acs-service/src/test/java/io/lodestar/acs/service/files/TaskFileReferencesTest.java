package io.lodestar.acs.service.files;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.NewFile;
import io.lodestar.acs.store.StoredFile;
import io.lodestar.acs.store.embedded.DiskFileStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The delete check reads the recorded devices' queues only, and forgets devices that no longer need the file. */
class TaskFileReferencesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final DeviceId A = new DeviceId("00D09E-RG7-A");
    private static final DeviceId B = new DeviceId("00D09E-RG7-B");

    @TempDir
    Path tmp;

    private AcsStore store;
    private FileStore files;
    private TaskFileReferences references;

    @BeforeEach
    void open() {
        store = RocksAcsStore.open(tmp.resolve("store"), IndexedParameters.of());
        files = DiskFileStore.open(tmp.resolve("files"));
        references = new TaskFileReferences(files, store, store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private StoredFile stored(String id) {
        return files.putFile(NewFile.of(id, id + ".bin", "1 Firmware Upgrade Image", T0),
                new ByteArrayInputStream(new byte[] {1, 2, 3}), 1024);
    }

    private Task queueDownload(DeviceId device, String fileId) {
        TaskAction.Download d = new TaskAction.Download("1 Firmware Upgrade Image",
                "http://acs.example.net:7567/files/" + fileId + "?device=" + device.value() + "&expires=1&sig=x", "",
                "", 3, "", 0, "", "", "", "");
        return store.addTask(Task.queue(device, d, T0, Duration.ofDays(1)));
    }

    @Test
    void aPendingDownloadOfTheFileIsAUserAndACancelledOneIsNot() {
        StoredFile fw = stored("fw-1");
        TaskFileReferences.recordUse(files, fw, A);
        Task task = queueDownload(A, "fw-1");

        assertThat(references.usersOf("fw-1")).singleElement().asString()
                .contains("pending task " + task.id().value(), A.value());

        store.cancelTask(task.id(), T0.plusSeconds(1));
        assertThat(references.usersOf("fw-1")).isEmpty();
        assertThat(files.references("fw-1")).as("the device no longer needs it: forgotten").isEmpty();
    }

    @Test
    void aDownloadOfAnotherFileWithASimilarNameIsNoUser() {
        StoredFile fw = stored("fw-1");
        TaskFileReferences.recordUse(files, fw, A);
        queueDownload(A, "fw-12");
        queueDownload(A, "xfw-1");
        assertThat(references.usersOf("fw-1")).isEmpty();
    }

    @Test
    void onlyTheRecordedDevicesAreLookedAt() {
        StoredFile fw = stored("fw-1");
        queueDownload(B, "fw-1"); // queued without going through the API's link: not recorded
        assertThat(references.usersOf("fw-1")).isEmpty();
    }

    @Test
    void theCheckStopsAtTheUsersAskedFor() {
        StoredFile fw = stored("fw-1");
        TaskFileReferences.recordUse(files, fw, A);
        TaskFileReferences.recordUse(files, fw, B);
        queueDownload(A, "fw-1");
        queueDownload(A, "fw-1");
        queueDownload(B, "fw-1");
        assertThat(references.usersOf("fw-1")).hasSize(3);
        assertThat(references.usersOf("fw-1", 2)).hasSize(2);
    }
}
