package io.lodestar.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The transfer task bodies: each type accepted and shown back, its rules answered as RFC 9457 problems. */
class TransferTaskRoutesTest extends ApiFixture {

    private static final String FIRMWARE = "{\"type\":\"download\",\"fileType\":\"1 Firmware Upgrade Image\","
            + "\"url\":\"https://files.example.net/fw.bin\",\"fileSize\":1024,\"targetFileName\":\"fw.bin\","
            + "\"username\":\"cpe\",\"password\":\"s3cret\",\"delaySeconds\":0,\"expectedSoftwareVersion\":\"7.1\"}";

    private static String tasks(String deviceId) {
        return "/api/v1/devices/" + deviceId + "/tasks";
    }

    @Test
    void everyTransferTypeIsQueuedAndShownAsItWasAsked() throws Exception {
        String[] bodies = {
                FIRMWARE,
                "{\"type\":\"download\",\"fileType\":\"X 000E8F CA Certificate File\",\"url\":\"http://f/ca.pem\"}",
                "{\"type\":\"upload\",\"fileType\":\"2 Vendor Log File\",\"url\":\"http://f/log\",\"commandKey\":\"up\"}",
                "{\"type\":\"scheduleDownload\",\"fileType\":\"3 Vendor Configuration File\",\"url\":\"http://f/c\","
                        + "\"timeWindows\":[{\"start\":0,\"end\":3600}]}",
                "{\"type\":\"cancelTransfer\",\"commandKey\":\"up\"}",
                "{\"type\":\"getQueuedTransfers\"}",
                "{\"type\":\"getAllQueuedTransfers\"}",
                "{\"type\":\"changeDuState\",\"operations\":[{\"operation\":\"install\",\"url\":\"http://f/a.ipk\"},"
                        + "{\"operation\":\"uninstall\",\"uuid\":\"5f4b7d2e-3c1a-5e6f-8a9b-0c1d2e3f4a5b\"}]}"};
        for (String body : bodies) {
            HttpResponse<String> r = send("POST", tasks(PHONE3.value()), writer, body);
            assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(201);
            assertThat(json(r).get("action").get("type").asText()).isEqualTo(json(r).get("type").asText());
        }
    }

    @Test
    void aDownloadGetsAFreshCommandKeyAndHidesItsPassword() throws Exception {
        JsonNode task = json(send("POST", tasks(PHONE1.value()), writer, FIRMWARE));
        JsonNode action = task.get("action");
        assertThat(action.get("commandKey").asText()).matches("[0-9a-f]{32}");
        assertThat(action.get("password").asText()).isEqualTo("********");
        assertThat(action.get("username").asText()).isEqualTo("cpe");
        assertThat(action.get("expectedSoftwareVersion").asText()).isEqualTo("7.1");
        assertThat(json(get(tasks(PHONE1.value()) + "/" + task.get("id").asText(), reader)).get("action")
                .get("password").asText()).isEqualTo("********");
    }

    @Test
    void transferBodiesThatBreakARuleAreProblems() throws Exception {
        String[][] cases = {
                {"{\"type\":\"download\",\"fileType\":\"7 Firmware\",\"url\":\"http://f/x\"}", "fileType"},
                {"{\"type\":\"download\",\"fileType\":\"2 Web Content\",\"url\":\"file:///etc/passwd\"}", "url"},
                {"{\"type\":\"download\",\"fileType\":\"2 Web Content\",\"url\":\"http://u:p@f/x\"}", "credentials"},
                {"{\"type\":\"download\",\"fileType\":\"2 Web Content\"}", "url"},
                {"{\"type\":\"download\",\"fileType\":\"2 Web Content\",\"url\":\"http://f/x\","
                        + "\"expectedSoftwareVersion\":\"1\"}", "version"},
                {"{\"type\":\"download\",\"fileType\":\"2 Web Content\",\"url\":\"http://f/x\",\"delaySeconds\":-1}",
                        "delaySeconds"},
                {"{\"type\":\"download\",\"fileType\":\"2 Web Content\",\"url\":\"http://f/x\","
                        + "\"commandKey\":\"0123456789012345678901234567890123\"}", "CommandKey"},
                {"{\"type\":\"upload\",\"fileType\":\"1 Firmware Upgrade Image\",\"url\":\"http://f/x\"}", "fileType"},
                {"{\"type\":\"scheduleDownload\",\"fileType\":\"2 Web Content\",\"url\":\"http://f/x\","
                        + "\"timeWindows\":[{\"start\":10,\"end\":5}]}", "window"},
                {"{\"type\":\"scheduleDownload\",\"fileType\":\"2 Web Content\",\"url\":\"http://f/x\","
                        + "\"timeWindows\":[]}", "window"},
                {"{\"type\":\"changeDuState\",\"operations\":[{\"operation\":\"uninstall\",\"uuid\":\"nope\"}]}",
                        "uuid"},
                {"{\"type\":\"changeDuState\",\"operations\":[{\"operation\":\"reinstall\",\"url\":\"http://f/a\"}]}",
                        "reinstall"},
                {"{\"type\":\"cancelTransfer\"}", "commandKey"}};
        for (String[] c : cases) {
            HttpResponse<String> r = send("POST", tasks(PHONE1.value()), writer, c[0]);
            assertThat(r.statusCode()).as(c[0] + " -> " + r.body()).isEqualTo(422);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json(r).get("detail").asText()).as(c[0]).containsIgnoringCase(c[1]);
        }
    }
}
