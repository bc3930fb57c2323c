package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.ProfileViews;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.api.problem.Problem;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.profiles.device.ProfileDevice;
import io.lodestar.acs.profiles.service.ProfileBuilder;
import io.lodestar.acs.profiles.stored.StoredProfiles;
import io.lodestar.acs.profiles.template.ProfileTemplate;
import io.lodestar.acs.profiles.template.RenderProblem;
import io.lodestar.acs.profiles.template.RenderResult;
import io.lodestar.acs.profiles.template.TemplateRenderer;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.service.ServiceException;
import io.lodestar.acs.store.ProfileStatusReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One device's profiles: the preview of what a template renders for it (in clear: write scope, since it shows SIP
 * credentials), refused with 422 and every reason when it lacks a value, parameter, macro or key; and the status
 * reports it POSTed with its resyncs.
 */
@Path("/api/v1/devices/{id}/profiles")
@Tag(name = "profiles")
@SecurityRequirement(name = "bearer")
public final class DeviceProfilesResource {

    private final StoredProfiles profiles;
    private final DeviceService devices;

    public DeviceProfilesResource(StoredProfiles profiles, DeviceService devices) {
        this.profiles = profiles;
        this.devices = devices;
    }

    @GET
    @Path("{template}")
    @Produces({MediaType.WILDCARD})
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "The device's profile as the template renders it, before encryption (422 listing every "
            + "missing value, parameter, macro or key)")
    public Response preview(@PathParam("id") String id, @PathParam("template") String name) {
        ProfileTemplate template = ProfileTemplatesResource.template(profiles, name);
        ProfileDevice device = device(id);
        ProfileBuilder.Result built = profiles.builder().build(template, device);
        if (built instanceof ProfileBuilder.Refused refused) {
            throw incomplete(template.name(), device.id(), refused.problems());
        }
        RenderResult rendered = new TemplateRenderer(profiles.values()).render(template, device);
        String text = ((RenderResult.Rendered) rendered).text();
        return Response.ok(text.getBytes(StandardCharsets.UTF_8), template.contentType()).build();
    }

    @GET
    @Path("status-reports")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "The status reports the device POSTed with its profile resyncs, newest first")
    public Views.Items<ProfileViews.StatusReportView> statusReports(@PathParam("id") String id,
                                                                   @QueryParam("limit") @DefaultValue("20") int limit) {
        DeviceId device = resolve(id);
        List<ProfileStatusReport> reports = profiles.store().statusReports(device, Math.max(1, Math.min(limit, 100)));
        return new Views.Items<>(reports.stream().map(r -> new ProfileViews.StatusReportView(r.template(), r.at(),
                new String(r.body(), StandardCharsets.UTF_8), Base64.getEncoder().encodeToString(r.body()))).toList());
    }

    /** 422 with every reason: what an operator must set before the device gets this profile. */
    public static ApiException incomplete(String template, DeviceId device, List<RenderProblem> problems) {
        List<String> messages = problems.stream().map(RenderProblem::message).toList();
        return new ApiException(Problem.of(422, "PROFILE_INCOMPLETE", "Unprocessable request",
                "template '" + template + "' cannot be rendered for device " + device.value() + ": "
                        + String.join("; ", messages)).withErrors(messages));
    }

    private ProfileDevice device(String id) {
        DeviceId device = resolve(id);
        return profiles.devices().byId(device).orElseThrow(() -> unknownDevice(device));
    }

    private DeviceId resolve(String id) {
        DeviceId device;
        try {
            device = DeviceIds.resolve(devices, id);
        } catch (ServiceException | IllegalArgumentException e) {
            throw ApiException.badRequest("BAD_DEVICE_ID", e.getMessage());
        }
        devices.device(device); // 404 UNKNOWN_DEVICE when there is none
        return device;
    }

    private static ApiException unknownDevice(DeviceId id) {
        return ApiException.notFound("UNKNOWN_DEVICE", "no device " + id.value());
    }
}
