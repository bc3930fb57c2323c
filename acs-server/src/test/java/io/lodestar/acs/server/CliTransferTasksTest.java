package io.lodestar.acs.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lodestar task DEVICE download|upload|queued|cancel-transfer}: the task bodies the command line sends. */
class CliTransferTasksTest {

    private static final String QUEUED = "{\"id\":\"t1\",\"deviceId\":\"D\",\"type\":\"download\",\"status\":\"PENDING\","
            + "\"action\":{\"type\":\"download\"}}";

    @Test
    void aDownloadSendsItsFileTypeUrlCredentialsSizeAndExpectedVersion() throws Exception {
        try (StubApi api = new StubApi(r -> StubApi.Answer.json(201, QUEUED))) {
            LodestarCli run = LodestarCli.run("task", "--api", api.url(), "--token", "t", "D", "download",
                    "1 Firmware Upgrade Image", "https://files.example.net/fw.bin", "--size", "1024", "--user", "cpe",
                    "--password", "pw", "--target", "fw.bin", "--expect-version", "7.1", "--key", "fw-7.1");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(api.requests().get(0).body()).isEqualTo("{\"type\":\"download\",\"fileType\":\"1 Firmware Upgrade "
                    + "Image\",\"url\":\"https://files.example.net/fw.bin\",\"username\":\"cpe\",\"password\":\"pw\","
                    + "\"delaySeconds\":0,\"commandKey\":\"fw-7.1\",\"fileSize\":1024,\"targetFileName\":\"fw.bin\","
                    + "\"expectedSoftwareVersion\":\"7.1\"}");
        }
    }

    @Test
    void uploadQueuedAndCancelTransferSendTheirTypes() throws Exception {
        try (StubApi api = new StubApi(r -> StubApi.Answer.json(201, QUEUED))) {
            assertThat(LodestarCli.run("task", "--api", api.url(), "--token", "t", "D", "upload",
                    "2 Vendor Log File", "http://files/log").exitCode()).isZero();
            assertThat(LodestarCli.run("task", "--api", api.url(), "--token", "t", "D", "queued").exitCode()).isZero();
            assertThat(LodestarCli.run("task", "--api", api.url(), "--token", "t", "D", "cancel-transfer", "fw-7.1")
                    .exitCode()).isZero();

            assertThat(api.requests()).extracting(StubApi.Request::body).containsExactly(
                    "{\"type\":\"upload\",\"fileType\":\"2 Vendor Log File\",\"url\":\"http://files/log\","
                            + "\"username\":\"\",\"password\":\"\",\"delaySeconds\":0}",
                    "{\"type\":\"getAllQueuedTransfers\"}",
                    "{\"type\":\"cancelTransfer\",\"commandKey\":\"fw-7.1\"}");
        }
    }

    @Test
    void aDownloadWithoutItsUrlIsRefusedBeforeAnythingIsSent() throws Exception {
        try (StubApi api = new StubApi(r -> StubApi.Answer.json(201, QUEUED))) {
            LodestarCli run = LodestarCli.run("task", "--api", api.url(), "--token", "t", "D", "download", "2 Web Content");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("FILETYPE URL");
            assertThat(api.requests()).isEmpty();
        }
    }
}
