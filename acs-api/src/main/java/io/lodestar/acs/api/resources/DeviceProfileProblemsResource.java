package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.ProfileViews;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.profiles.stored.StoredProfiles;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.service.ServiceException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Why the device's phone was last refused a profile (answered 404 to its resync), one entry per template, newest
 * first; an entry goes when that profile is next served (docs/profiles.md, "Refused profiles").
 */
@Path("/api/v1/devices/{id}/profile-problems")
@Tag(name = "profiles")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class DeviceProfileProblemsResource {

    private final StoredProfiles profiles;
    private final DeviceService devices;

    public DeviceProfileProblemsResource(StoredProfiles profiles, DeviceService devices) {
        this.profiles = profiles;
        this.devices = devices;
    }

    @GET
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "The latest refusal of each of the device's profiles (missing values, keys, another model)")
    public Views.Items<ProfileViews.ProblemView> problems(@PathParam("id") String id) {
        DeviceId device;
        try {
            device = DeviceIds.resolve(devices, id);
        } catch (ServiceException | IllegalArgumentException e) {
            throw ApiException.badRequest("BAD_DEVICE_ID", e.getMessage());
        }
        devices.device(device); // 404 UNKNOWN_DEVICE when there is none
        return new Views.Items<>(profiles.problems().of(device).stream().map(p -> new ProfileViews.ProblemView(
                p.template(), p.reason().tag(), p.at(), p.message())).toList());
    }
}
