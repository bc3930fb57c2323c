package io.lodestar.acs.api.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lodestar.acs.api.ConnectionRequests;
import io.lodestar.acs.api.StoredFileLinks;
import io.lodestar.acs.api.TaskCompletionNotifier;
import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.ConnectionRequestOutcome;
import io.lodestar.acs.api.auth.AuthFilter;
import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.TaskRequest;
import io.lodestar.acs.api.json.TransferRequests;
import io.lodestar.acs.api.json.TaskViews;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.api.problem.Problems;
import io.lodestar.acs.api.web.IdempotencyCache;
import io.lodestar.acs.api.web.JsonMapper;
import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.service.Ids;
import io.lodestar.acs.service.NewValue;
import io.lodestar.acs.service.QueueOptions;
import io.lodestar.acs.service.ServiceException;
import io.lodestar.acs.service.TaskService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A device's tasks: queue one (optionally waiting for its result), list them, read, cancel, retry one. */
@Path("/api/v1/devices/{id}/tasks")
@Tag(name = "tasks")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class TasksResource {

    static final int MAX_WAIT_SECONDS = 60;
    /** How often a waiting request reads the task again when no news comes (a task finished on another node). */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final DeviceService devices;
    private final TaskService tasks;
    private final TaskViews views;
    private final TaskCompletionNotifier completions;
    private final IdempotencyCache idempotency;
    private final ConnectionRequests connectionRequests;
    private final StoredFileLinks fileLinks;
    /** Downloads naming a phone profile; settable after construction so the constructors stay as they were. */
    private ProfileDownloads profileDownloads = ProfileDownloads.NONE;

    public TasksResource(DeviceService devices, TaskService tasks, TaskViews views, TaskCompletionNotifier completions,
                         IdempotencyCache idempotency) {
        this(devices, tasks, views, completions, idempotency, ConnectionRequests.NONE, StoredFileLinks.NONE);
    }

    public TasksResource(DeviceService devices, TaskService tasks, TaskViews views, TaskCompletionNotifier completions,
                         IdempotencyCache idempotency, ConnectionRequests connectionRequests,
                         StoredFileLinks fileLinks) {
        this.connectionRequests = connectionRequests;
        this.fileLinks = fileLinks;
        this.devices = devices;
        this.tasks = tasks;
        this.views = views;
        this.completions = completions;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Queues a task, checked against the device's stored data model; with wait, answers "
            + "with its result when it finishes in time",
            responses = {
                    @ApiResponse(responseCode = "200", description = "finished within wait",
                            content = @Content(schema = @Schema(implementation = Views.TaskView.class))),
                    @ApiResponse(responseCode = "201", description = "queued (no wait)",
                            content = @Content(schema = @Schema(implementation = Views.TaskView.class))),
                    @ApiResponse(responseCode = "202", description = "queued, not finished within wait",
                            content = @Content(schema = @Schema(implementation = Views.TaskView.class)))})
    public Response create(@PathParam("id") String id,
                           @QueryParam("wait") @DefaultValue("0") int wait,
                           @Parameter(description = "also send the device a connection request, so that it runs the "
                                   + "task now rather than at its next periodic Inform; the task shows the request's "
                                   + "outcome (anything but SESSION_STARTED: the task waits for the next Inform)")
                           @QueryParam("connectionRequest") @DefaultValue("false") boolean connectionRequest,
                           @Parameter(description = "a retried request with the same key (per token, per ACS node, "
                                   + "24 h) is answered as the first was, not queued again")
                           @HeaderParam("Idempotency-Key") String idempotencyKey,
                           TaskRequest body, @Context ContainerRequestContext request) {
        if (body == null) {
            throw ApiException.badRequest("BAD_JSON", "a task needs a JSON body with a \"type\"");
        }
        if (wait < 0 || wait > MAX_WAIT_SECONDS) {
            throw ApiException.badRequest("BAD_WAIT", "wait is 0.." + MAX_WAIT_SECONDS + " seconds, not " + wait);
        }
        if (connectionRequest) {
            WakeResource.requireConfigured(connectionRequests); // before the task is queued, not after
        }
        DeviceId deviceId = DeviceIds.resolve(devices, id);
        ApiToken token = (ApiToken) request.getProperty(AuthFilter.TOKEN);
        String fingerprint = "POST " + deviceId + " " + wait + " " + connectionRequest + " " + json(body);
        IdempotencyCache.Answer answer = idempotency.answer(token.id(), idempotencyKey, fingerprint, () -> {
            Task queued = queue(deviceId, body);
            URI location = URI.create("/api/v1/devices/" + URLEncoder.encode(deviceId.value(), StandardCharsets.UTF_8)
                    .replace("+", "%20") + "/tasks/" + queued.id());
            ConnectionRequests.Wake wake = connectionRequest ? WakeResource.start(connectionRequests, deviceId) : null;
            if (wait == 0) {
                return new IdempotencyCache.Answer(fingerprint, 201, withWake(views.view(queued), wake, true),
                        location.toString());
            }
            Task latest = awaitFinal(queued, Duration.ofSeconds(wait), wake);
            return new IdempotencyCache.Answer(fingerprint, latest.status().isFinal() ? 200 : 202,
                    withWake(views.view(latest), wake, false), location.toString());
        });
        return Response.status(answer.status()).entity(answer.entity()).header("Location", answer.location()).build();
    }

    @GET
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "The device's tasks, whatever their status, in queue order")
    public Views.Items<Views.TaskView> list(@PathParam("id") String id) {
        return new Views.Items<>(tasks.tasks(DeviceIds.resolve(devices, id)).stream().map(views::view).toList());
    }

    @GET
    @Path("{taskId}")
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "One task of the device")
    public Views.TaskView task(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        return views.view(tasks.task(DeviceIds.resolve(devices, id), Ids.taskId(taskId)));
    }

    @POST
    @Path("{taskId}/cancel")
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Withdraws a pending task (409 when it is no longer pending)")
    public Views.TaskView cancel(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        Task task = tasks.task(DeviceIds.resolve(devices, id), Ids.taskId(taskId));
        return views.view(tasks.cancel(task.id()));
    }

    @POST
    @Path("{taskId}/retry")
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Makes a failed task pending again (409 when it has not failed)")
    public Views.TaskView retry(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        Task task = tasks.task(DeviceIds.resolve(devices, id), Ids.taskId(taskId));
        return views.view(tasks.retry(task.id()));
    }

    private Task queue(DeviceId deviceId, TaskRequest body) {
        if (body instanceof TaskRequest.Download d && d.fileId() != null) {
            body = withStoredFile(deviceId, d);
        } else if (body instanceof TaskRequest.Download d && d.url() != null && d.profile() == null
                && fileLinks.fileIdOf(d.url()).isPresent()) {
            body = ownFile(deviceId, d, fileLinks.fileIdOf(d.url()).get()); // a URL on the ACS's own file server
        } else if (body instanceof TaskRequest.Download d && d.profile() != null) {
            body = profileDownloads.withProfile(deviceId, d);
        }
        try {
            if (body instanceof TaskRequest.SetParameterValues set) {
                if (set.values() == null || set.values().isEmpty()) {
                    throw ApiException.unprocessable("BAD_ARGUMENT", "setParameterValues needs at least one value");
                }
                List<NewValue> values = newValues(set.values());
                return tasks.queueSetValues(deviceId, values, set.parameterKey(), options(body));
            }
            if (body instanceof TaskRequest.AddObject add && add.values() != null && !add.values().isEmpty()) {
                if (add.path() == null) {
                    throw ApiException.unprocessable("BAD_ARGUMENT", "addObject: the field \"path\" is required");
                }
                return tasks.queueAddObject(deviceId, add.path(), newValues(add.values()),
                        add.parameterKey(), options(body));
            }
            return tasks.queue(deviceId, action(body), options(body));
        } catch (ServiceException e) {
            throw new ApiException(Problems.ofTaskRequest(e));
        }
    }

    /** Values as given; a missing type is the service's to find (stored, else the standard model's). */
    private static List<NewValue> newValues(List<TaskRequest.Value> given) {
        return given.stream().map(v -> {
            if (v == null || v.path() == null || v.value() == null) {
                throw ApiException.unprocessable("BAD_ARGUMENT", "each value needs a \"path\" and a \"value\"");
            }
            return new NewValue(v.path(), v.value(), v.type() == null || v.type().isEmpty() ? null : v.type());
        }).toList();
    }

    /** How the task is queued: after the task its body names, if any. */
    private static QueueOptions options(TaskRequest body) {
        if (body.after() == null || body.after().isBlank()) {
            return QueueOptions.DEFAULT;
        }
        try {
            return QueueOptions.DEFAULT.after(new TaskId(body.after().trim()));
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("BAD_ARGUMENT", "after: '" + body.after() + "' is not a task id");
        }
    }

    /** The core action a request stands for; a request the action refuses (a missing path) is a 422. */
    private static TaskAction action(TaskRequest body) {
        try {
            if (body instanceof TaskRequest.GetParameterValues r) {
                return new TaskAction.GetParameterValues(required(r.paths(), "paths"));
            } else if (body instanceof TaskRequest.GetParameterNames r) {
                return new TaskAction.GetParameterNames(required(r.path(), "path"), r.nextLevel() != null && r.nextLevel());
            } else if (body instanceof TaskRequest.AddObject r) {
                return new TaskAction.AddObject(required(r.path(), "path"), r.parameterKey());
            } else if (body instanceof TaskRequest.DeleteObject r) {
                return new TaskAction.DeleteObject(required(r.path(), "path"), r.parameterKey());
            } else if (body instanceof TaskRequest.Reboot r) {
                return new TaskAction.Reboot(r.commandKey());
            } else if (body instanceof TaskRequest.FactoryReset) {
                return new TaskAction.FactoryReset();
            } else if (body instanceof TaskRequest.Refresh r) {
                return new TaskAction.Refresh(r.path());
            } else if (body instanceof TaskRequest.GetRPCMethods) {
                return new TaskAction.GetRPCMethods();
            } else if (body instanceof TaskRequest.GetParameterAttributes r) {
                return new TaskAction.GetParameterAttributes(required(r.paths(), "paths"));
            } else if (body instanceof TaskRequest.SetParameterAttributes r) {
                return new TaskAction.SetParameterAttributes(required(r.attributes(), "attributes").stream()
                        .map(TasksResource::attributeChange).toList());
            } else if (body instanceof TaskRequest.ScheduleInform r) {
                return new TaskAction.ScheduleInform(required(r.delaySeconds(), "delaySeconds"), r.commandKey());
            }
            Optional<TaskAction> transfer = TransferRequests.action(body);
            if (transfer.isPresent()) {
                return transfer.get();
            }
            throw new IllegalStateException("setParameterValues is queued through queueSetValues");
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.unprocessable("BAD_ARGUMENT", body.type() + ": " + e.getMessage());
        }
    }

    /** Lets Download tasks name a phone profile ({@code profile}); without it they get 422. */
    public TasksResource profileDownloads(ProfileDownloads v) {
        profileDownloads = java.util.Objects.requireNonNull(v);
        return this;
    }

    /** A Download naming a file the ACS keeps: its signed URL for this device, and its size, type and name. */
    private TaskRequest.Download withStoredFile(DeviceId deviceId, TaskRequest.Download d) {
        if (d.url() != null) {
            throw ApiException.unprocessable("BAD_ARGUMENT", "download: give either \"url\" or \"fileId\", not both");
        }
        Optional<StoredFileLinks.Link> found;
        try {
            found = fileLinks.link(d.fileId(), deviceId);
        } catch (IllegalArgumentException notAnId) {
            found = Optional.empty();
        }
        StoredFileLinks.Link link = found.orElseThrow(() -> ApiException.unprocessable("UNKNOWN_FILE",
                "download: no file '" + d.fileId() + "' is kept by the ACS (GET /api/v1/files)"));
        return d.withFile(link.url(), link.size(), link.fileType(), link.name(), link.version());
    }

    /**
     * A Download whose plain URL names a file of the ACS's own file server: as if it named the file by id (the
     * reference recorded for the delete check, the URL signed for this device); an id the ACS does not keep 422.
     */
    private TaskRequest.Download ownFile(DeviceId deviceId, TaskRequest.Download d, String fileId) {
        Optional<StoredFileLinks.Link> found;
        try {
            found = fileLinks.link(fileId, deviceId);
        } catch (IllegalArgumentException notAnId) {
            found = Optional.empty();
        }
        StoredFileLinks.Link link = found.orElseThrow(() -> ApiException.unprocessable("UNKNOWN_FILE",
                "download: the URL names file '" + fileId + "' of the ACS's file server, which it does not keep "
                        + "(GET /api/v1/files)"));
        return d.withFile(link.url(), link.size(), link.fileType(), link.name(), link.version());
    }

    /** A change of what is given: the notification when there is one, the access list when there is one. */
    private static SetParameterAttributesStruct attributeChange(TaskRequest.Attribute a) {
        required(a, "attributes[]");
        List<String> accessList = a.accessList() == null ? List.of() : a.accessList();
        if (accessList.contains(null)) {
            throw new IllegalArgumentException("the access list of " + a.path() + " holds a null");
        }
        return new SetParameterAttributesStruct(required(a.path(), "path"), a.notification() != null,
                a.notification() == null ? 0 : a.notification(), a.accessList() != null, accessList);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("the field \"" + field + "\" is required");
        }
        return value;
    }

    /**
     * The task's view with the connection request's outcome: once delivered (no wait), or as it stands after the
     * wait (a task done means its session started: the outcome is being stored, so it is waited for briefly).
     */
    private Views.TaskView withWake(Views.TaskView view, ConnectionRequests.Wake wake, boolean awaitDelivery) {
        if (wake == null) {
            return view;
        }
        ConnectionRequestAttempt a = awaitDelivery
                ? WakeResource.await(wake.delivered(), Duration.ofSeconds(MAX_WAIT_SECONDS))
                : "PENDING".equals(view.status()) ? wake.finished().getNow(null)
                : WakeResource.await(wake.finished(), Duration.ofSeconds(2));
        if (a == null) {
            a = wake.delivered().getNow(null);
        }
        if (a == null) {
            a = connectionRequests.lastAttempt(new DeviceId(view.deviceId())).orElse(null);
        }
        return view.withConnectionRequest(Views.ConnectionRequestView.of(a));
    }

    /** Whether the connection request sent with the task failed for good: the task waits for the next Inform. */
    private static boolean wakeFailed(ConnectionRequests.Wake wake) {
        return wake != null && wake.finished().isDone()
                && wake.finished().join().outcome() != ConnectionRequestOutcome.SESSION_STARTED;
    }

    private Task awaitFinal(Task queued, Duration wait, ConnectionRequests.Wake wake) {
        Instant deadline = Instant.now().plus(wait);
        completions.expect(queued.id());
        try {
            Task latest = tasks.task(queued.id());
            while (!latest.status().isFinal() && !wakeFailed(wake)) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                completions.await(queued.id(), left.compareTo(RECHECK) < 0 ? left : RECHECK);
                latest = tasks.task(queued.id());
            }
            return latest;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return tasks.task(queued.id());
        } finally {
            completions.forget(queued.id());
        }
    }

    private static String json(TaskRequest body) {
        try {
            return JsonMapper.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
