package io.lodestar.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class TaskRoutesTest extends ApiFixture {

    private static final String SET_INTERVAL = "{\"type\":\"setParameterValues\",\"values\":[{\"path\":\"" + INTERVAL
            + "\",\"value\":\"600\"}]}";

    private String tasks(String deviceId) {
        return "/api/v1/devices/" + deviceId + "/tasks";
    }

    @Test
    void aQueuedTaskIsCreatedListedAndReadWithItsLocation() throws Exception {
        HttpResponse<String> created = send("POST", tasks(PHONE1.value()), writer, SET_INTERVAL);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode task = json(created);
        assertThat(task.get("status").asText()).isEqualTo("PENDING");
        assertThat(task.get("type").asText()).isEqualTo("setParameterValues");
        // the type is taken from the stored parameter
        assertThat(task.get("action").get("values").get(0).get("type").asText()).isEqualTo("xsd:unsignedInt");
        assertThat(task.get("result").isNull()).isTrue();
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/tasks/" + task.get("id").asText());
        assertThat(json(get(java.net.URI.create(location).getRawPath(), reader)).get("id").asText()).isEqualTo(task.get("id").asText());
        assertThat(json(get(tasks(PHONE1.value()), reader)).get("items")).hasSize(1);
    }

    @Test
    void everyTaskTypeIsAccepted() throws Exception {
        String[] bodies = {
                "{\"type\":\"getParameterValues\",\"paths\":[\"Device.DeviceInfo.\"]}",
                "{\"type\":\"getParameterNames\",\"path\":\"Device.\",\"nextLevel\":true}",
                "{\"type\":\"addObject\",\"path\":\"Device.ManagementServer.\",\"parameterKey\":\"k\"}",
                "{\"type\":\"deleteObject\",\"path\":\"Device.ManagementServer.\"}",
                "{\"type\":\"reboot\",\"commandKey\":\"r1\"}",
                "{\"type\":\"factoryReset\"}",
                "{\"type\":\"refresh\",\"path\":\"Device.DeviceInfo.\"}"};
        for (String body : bodies) {
            HttpResponse<String> r = send("POST", tasks(PHONE3.value()), writer, body);
            assertThat(r.statusCode()).as(body + " -> " + r.body()).isIn(201, 422);
            if (r.statusCode() == 201) {
                assertThat(json(r).get("action").get("type").asText()).isEqualTo(json(r).get("type").asText());
            }
        }
        assertThat(json(get(tasks(PHONE3.value()), reader)).get("items").size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void invalidTasksAreRefusedNamingTheProblem() throws Exception {
        HttpResponse<String> unknownPath = send("POST", tasks(PHONE1.value()), writer,
                "{\"type\":\"setParameterValues\",\"values\":[{\"path\":\"Device.Nope.X\",\"value\":\"1\"}]}");
        assertThat(unknownPath.statusCode()).isEqualTo(422);
        assertThat(unknownPath.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(unknownPath).get("code").asText()).isEqualTo("UNKNOWN_PATH");
        assertThat(json(unknownPath).get("detail").asText()).contains("Device.Nope.X");

        HttpResponse<String> readOnly = send("POST", tasks(PHONE1.value()), writer,
                "{\"type\":\"setParameterValues\",\"values\":[{\"path\":\"" + SERIAL + "\",\"value\":\"X\"}]}");
        assertThat(json(readOnly).get("code").asText()).isEqualTo("READ_ONLY");

        HttpResponse<String> badValue = send("POST", tasks(PHONE1.value()), writer,
                "{\"type\":\"setParameterValues\",\"values\":[{\"path\":\"" + INTERVAL + "\",\"value\":\"soon\"}]}");
        assertThat(badValue.statusCode()).isEqualTo(422);
        assertThat(json(badValue).get("code").asText()).isEqualTo("BAD_VALUE");

        HttpResponse<String> unknownDevice = send("POST", tasks("NO-SUCH-DEVICE"), writer, SET_INTERVAL);
        assertThat(unknownDevice.statusCode()).isEqualTo(422);
        assertThat(json(unknownDevice).get("code").asText()).isEqualTo("UNKNOWN_DEVICE");

        HttpResponse<String> unknownType = send("POST", tasks(PHONE1.value()), writer, "{\"type\":\"explode\"}");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(json(unknownType).get("detail").asText()).contains("explode");

        HttpResponse<String> missingPath = send("POST", tasks(PHONE1.value()), writer, "{\"type\":\"addObject\"}");
        assertThat(missingPath.statusCode()).isEqualTo(422);
    }

    @Test
    void withoutConnectionRequestsConfiguredWakesAndCredentialsGet409AndNoTaskIsQueued() throws Exception {
        int before = store.pendingTasks(PHONE1).size();
        HttpResponse<String> task = send("POST", tasks(PHONE1.value()) + "?connectionRequest=true", writer,
                SET_INTERVAL);
        assertThat(task.statusCode()).isEqualTo(409);
        assertThat(task.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(task).get("code").asText()).isEqualTo("CONNECTION_REQUESTS_NOT_CONFIGURED");
        assertThat(store.pendingTasks(PHONE1)).hasSize(before);

        HttpResponse<String> wake = send("POST", "/api/v1/devices/" + PHONE1.value() + "/wake", writer, null);
        assertThat(wake.statusCode()).isEqualTo(409);
        assertThat(json(wake).get("code").asText()).isEqualTo("CONNECTION_REQUESTS_NOT_CONFIGURED");

        HttpResponse<String> credentials = send("PUT", "/api/v1/devices/" + PHONE1.value()
                + "/connection-request-credentials", writer, "{\"username\":\"u\",\"password\":\"p\"}");
        assertThat(credentials.statusCode()).isEqualTo(409);
        assertThat(json(credentials).get("code").asText()).isEqualTo("CONNECTION_REQUESTS_NOT_CONFIGURED");
    }

    @Test
    void aPendingTaskIsCancelledOnceAndOnlyAFailedOneRetried() throws Exception {
        String id = json(send("POST", tasks(PHONE1.value()), writer, SET_INTERVAL)).get("id").asText();
        HttpResponse<String> retry = send("POST", tasks(PHONE1.value()) + "/" + id + "/retry", writer, null);
        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(json(retry).get("code").asText()).isEqualTo("TASK_NOT_FAILED");
        HttpResponse<String> cancel = send("POST", tasks(PHONE1.value()) + "/" + id + "/cancel", writer, null);
        assertThat(cancel.statusCode()).isEqualTo(200);
        assertThat(json(cancel).get("status").asText()).isEqualTo("CANCELLED");
        HttpResponse<String> again = send("POST", tasks(PHONE1.value()) + "/" + id + "/cancel", writer, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("code").asText()).isEqualTo("TASK_NOT_PENDING");

        Task failed = store.findTask(new TaskId(json(send("POST", tasks(PHONE1.value()), writer, SET_INTERVAL))
                .get("id").asText())).orElseThrow()
                .failedAttempt(new TaskFault(9002, "Internal error", Instant.now()), new RetryPolicy(1,
                        Duration.ofSeconds(1), Duration.ofSeconds(1)), Instant.now());
        store.commit(new SessionChanges.Builder(store.findDevice(PHONE1).orElseThrow()).task(failed).build());
        HttpResponse<String> retried = send("POST", tasks(PHONE1.value()) + "/" + failed.id() + "/retry", writer, null);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(json(retried).get("status").asText()).isEqualTo("PENDING");
        assertThat(json(retried).get("fault").get("code").asInt()).isEqualTo(9002);
        assertThat(get(tasks(PHONE2.value()) + "/" + failed.id(), reader).statusCode()).isEqualTo(404);
    }

    @Test
    void withWaitATaskThatFinishesInTimeIsAnsweredWithTheValueTheDeviceTook() throws Exception {
        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return send("POST", tasks(PHONE1.value()) + "?wait=20", writer, SET_INTERVAL);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Task pending = awaitPendingTask();
        // what a session stores when the device answered: the task done and the parameter's new value
        Task done = pending.done(new TaskResult.Status(0, 0), Instant.now());
        store.commit(new SessionChanges.Builder(store.findDevice(PHONE1).orElseThrow()).task(done)
                .upsert(new Parameter(INTERVAL, "600", "xsd:unsignedInt", true, Instant.now())).build());
        completions.finished(done.id());
        HttpResponse<String> r = answer.get();
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode task = json(r);
        assertThat(task.get("status").asText()).isEqualTo("DONE");
        assertThat(task.get("result").get("values").get(0).get("value").asText()).isEqualTo("600");
    }

    @Test
    void withWaitATaskStillPendingIsAnswered202WithItsLocation() throws Exception {
        HttpResponse<String> r = send("POST", tasks(PHONE1.value()) + "?wait=1", writer, SET_INTERVAL);
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("Location")).isPresent();
        assertThat(json(r).get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyQueuesOnce() throws Exception {
        HttpResponse<String> first = send("POST", tasks(PHONE1.value()), writer, SET_INTERVAL, "Idempotency-Key", "abc");
        HttpResponse<String> second = send("POST", tasks(PHONE1.value()), writer, SET_INTERVAL, "Idempotency-Key", "abc");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(json(second).get("id").asText()).isEqualTo(json(first).get("id").asText());
        assertThat(json(get(tasks(PHONE1.value()), reader)).get("items")).hasSize(1);
        HttpResponse<String> other = send("POST", tasks(PHONE2.value()), writer, SET_INTERVAL, "Idempotency-Key", "abc");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(json(other).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    private Task awaitPendingTask() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var pending = store.pendingTasks(PHONE1);
            if (!pending.isEmpty()) {
                return pending.get(0);
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no task was queued");
    }
}
