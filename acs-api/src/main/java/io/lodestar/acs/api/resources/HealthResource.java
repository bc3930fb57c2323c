package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.store.DeviceQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Liveness and readiness, without a token: for load balancers and orchestrators. */
@Path("/health")
@Tag(name = "health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final DeviceService devices;
    private final String version;

    public HealthResource(DeviceService devices, String version) {
        this.devices = devices;
        this.version = version;
    }

    @GET
    @Path("live")
    @Operation(summary = "The process answers")
    public Views.Health live() {
        return new Views.Health("UP", version);
    }

    @GET
    @Path("ready")
    @Operation(summary = "The store answers (503 when it does not)")
    public Response ready() {
        try {
            devices.search(DeviceQuery.ALL, null, 1);
            return Response.ok(new Views.Health("UP", version)).build();
        } catch (RuntimeException e) {
            return Response.status(503).entity(new Views.Health("DOWN", version)).build();
        }
    }
}
