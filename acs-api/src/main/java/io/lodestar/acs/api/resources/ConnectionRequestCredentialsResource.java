package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.ConnectionRequests;
import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.api.problem.Problem;
import io.lodestar.acs.core.access.TokenScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.lodestar.acs.service.DeviceService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The credentials the ACS answers a device's connection request challenge with, as the operator set them on the
 * device. Write-only: no call shows them again (they are stored sealed).
 */
@Path("/api/v1/devices/{id}/connection-request-credentials")
@Tag(name = "devices")
@SecurityRequirement(name = "bearer")
public final class ConnectionRequestCredentialsResource {

    private static final int MAX_LENGTH = 256;

    private final DeviceService devices;
    private final ConnectionRequests connectionRequests;

    public ConnectionRequestCredentialsResource(DeviceService devices, ConnectionRequests connectionRequests) {
        this.devices = devices;
        this.connectionRequests = connectionRequests;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Sets the device's connection request credentials (write-only)",
            responses = @ApiResponse(responseCode = "204", description = "stored"))
    public Response put(@PathParam("id") String id, Views.CredentialsRequest body) {
        if (body == null || body.username() == null || body.password() == null) {
            throw ApiException.unprocessable("BAD_ARGUMENT", "credentials need a \"username\" and a \"password\" "
                    + "(either may be empty)");
        }
        if (body.username().length() > MAX_LENGTH || body.password().length() > MAX_LENGTH) {
            throw ApiException.unprocessable("BAD_ARGUMENT", "username and password are at most " + MAX_LENGTH
                    + " characters (TR-181 string(256))");
        }
        WakeResource.requireConfigured(connectionRequests);
        var deviceId = DeviceIds.resolve(devices, id);
        connectionRequests.setCredentials(deviceId, body.username(), body.password());
        return Response.noContent().build();
    }
}
