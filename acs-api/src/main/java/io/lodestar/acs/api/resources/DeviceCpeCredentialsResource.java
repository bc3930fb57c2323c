package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.core.access.TokenScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * One device's own CPE credentials, {@code /api/v1/devices/{id}/cpe-credentials}: a root resource of its own, since
 * JAX-RS picks the root resource by its class path and {@code /api/v1/devices} is {@link DevicesResource}'s.
 */
@Path("/api/v1/devices/{deviceId}/cpe-credentials")
@Tag(name = "cpe-credentials")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class DeviceCpeCredentialsResource {

    private final CpeCredentialsResource routes;

    public DeviceCpeCredentialsResource(CpeCredentialsResource routes) {
        this.routes = routes;
    }

    // ---- one device ------------------------------------------------------------------------------------------

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Sets the credentials this device must present (known yet or not); they win over its "
            + "product class's and the default")
    public Views.CpeCredentialsView putDevice(@PathParam("deviceId") String deviceId, Views.NewCpeCredentials body) {
        return routes.set(routes.deviceScope(deviceId), body);
    }

    @GET
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Who the device's own credentials are for (404 when it has none of its own)")
    public Views.CpeCredentialsView getDevice(@PathParam("deviceId") String deviceId) {
        return routes.get(routes.deviceScope(deviceId));
    }

    @DELETE
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Removes the device's own credentials (its product class's or the default then apply)",
            responses = @ApiResponse(responseCode = "204", description = "removed"))
    public Response deleteDevice(@PathParam("deviceId") String deviceId) {
        return routes.delete(routes.deviceScope(deviceId));
    }
}
