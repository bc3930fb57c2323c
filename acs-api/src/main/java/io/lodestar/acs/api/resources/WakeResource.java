package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.ConnectionRequests;
import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.service.DeviceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Wakes a device with a connection request, without queueing anything. */
@Path("/api/v1/devices/{id}/wake")
@Tag(name = "devices")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class WakeResource {

    static final int MAX_WAIT_SECONDS = 60;

    private final DeviceService devices;
    private final ConnectionRequests connectionRequests;

    public WakeResource(DeviceService devices, ConnectionRequests connectionRequests) {
        this.devices = devices;
        this.connectionRequests = connectionRequests;
    }

    @POST
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Sends the device a connection request; answers once the device answered it (202), or "
            + "with wait, once its outcome is final (200: SESSION_STARTED or why not)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "final within wait",
                            content = @Content(schema = @Schema(implementation = Views.ConnectionRequestView.class))),
                    @ApiResponse(responseCode = "202", description = "sent (or refused); not final yet, or no wait",
                            content = @Content(schema = @Schema(implementation = Views.ConnectionRequestView.class)))})
    public Response wake(@PathParam("id") String id, @QueryParam("wait") @DefaultValue("0") int wait) {
        if (wait < 0 || wait > MAX_WAIT_SECONDS) {
            throw ApiException.badRequest("BAD_WAIT", "wait is 0.." + MAX_WAIT_SECONDS + " seconds, not " + wait);
        }
        requireConfigured(connectionRequests);
        DeviceId deviceId = DeviceIds.resolve(devices, id);
        ConnectionRequests.Wake w = start(connectionRequests, deviceId);
        if (wait == 0) {
            ConnectionRequestAttempt delivered = await(w.delivered(), Duration.ofSeconds(MAX_WAIT_SECONDS));
            return Response.status(202).entity(Views.ConnectionRequestView.of(delivered)).build();
        }
        ConnectionRequestAttempt finished = await(w.finished(), Duration.ofSeconds(wait));
        if (finished != null) {
            return Response.ok(Views.ConnectionRequestView.of(finished)).build();
        }
        return Response.status(202).entity(Views.ConnectionRequestView.of(
                connectionRequests.lastAttempt(deviceId).orElse(null))).build();
    }

    static ConnectionRequests.Wake start(ConnectionRequests connectionRequests, DeviceId deviceId) {
        requireConfigured(connectionRequests);
        return connectionRequests.wake(deviceId);
    }

    /** 409 {@code CONNECTION_REQUESTS_NOT_CONFIGURED} when this ACS cannot send connection requests at all. */
    static void requireConfigured(ConnectionRequests connectionRequests) {
        if (!connectionRequests.configured()) {
            throw new ApiException(io.lodestar.acs.api.problem.Problem.of(409, "CONNECTION_REQUESTS_NOT_CONFIGURED",
                    "Conflict", "connection requests are not configured on this ACS (its store engine keeps no "
                            + "connection request data)"));
        }
    }

    /** The future's value, or null when it did not complete in time. */
    static ConnectionRequestAttempt await(CompletableFuture<ConnectionRequestAttempt> f, Duration timeout) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a connection request failed unexpectedly", e.getCause());
        }
    }
}
