package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.service.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Devices: search (JSON or CSV), one device, its parameters, deletion, tags. */
@Path("/api/v1/devices")
@Tag(name = "devices")
@SecurityRequirement(name = "bearer")
public final class DevicesResource {

    static final int MAX_LIMIT = 1000;
    private static final int RECENT_FAULTS = 20;
    private static final int MAX_PROJECTED = 20;

    private final DeviceService devices;
    private final DeviceSearch search;
    private final Clock clock;
    private final io.lodestar.acs.api.ConnectionRequests connectionRequests;

    public DevicesResource(DeviceService devices, Clock clock) {
        this(devices, clock, io.lodestar.acs.api.ConnectionRequests.NONE);
    }

    public DevicesResource(DeviceService devices, Clock clock, io.lodestar.acs.api.ConnectionRequests connectionRequests) {
        this.connectionRequests = connectionRequests;
        this.devices = devices;
        this.search = new DeviceSearch(devices);
        this.clock = clock;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "Devices a filter matches, a page at a time (keyset paging); Accept: text/csv exports",
            responses = @ApiResponse(responseCode = "200", description = "a page of devices", content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = Views.DevicePage.class)),
                    @Content(mediaType = "text/csv")}))
    public Response list(@QueryParam("filter") String filter, @QueryParam("limit") @DefaultValue("100") int limit,
                         @QueryParam("cursor") String cursor, @QueryParam("parameters") String parameters,
                         @Context HttpHeaders headers) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("BAD_LIMIT", "limit must be 1.." + MAX_LIMIT + ", not " + limit);
        }
        List<String> projected = parameters == null || parameters.isBlank() ? List.of()
                : Arrays.stream(parameters.split(",")).map(String::trim).filter(p -> !p.isEmpty()).distinct().toList();
        if (projected.size() > MAX_PROJECTED) {
            throw ApiException.badRequest("BAD_ARGUMENT", "at most " + MAX_PROJECTED + " parameters, not "
                    + projected.size());
        }
        DeviceSearch.Page page = search.page(DeviceSearch.filter(filter, clock.instant()), cursor, limit);
        List<Views.DeviceSummary> items = page.items().stream()
                .map(d -> Views.DeviceSummary.of(d, projected.isEmpty() ? null : project(d, projected))).toList();
        if (wantsCsv(headers)) {
            Response.ResponseBuilder b = Response.ok(Csv.devices(items, projected), "text/csv; charset=utf-8");
            if (page.next() != null) {
                b.header("Link", "<?cursor=" + page.next() + ">; rel=\"next\"");
            }
            return b.build();
        }
        return Response.ok(new Views.DevicePage(items, page.next()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "One device: summary, tags, reachability, operations, recent faults")
    public Views.DeviceDetail device(@PathParam("id") String id) {
        DeviceId deviceId = DeviceIds.resolve(devices, id);
        Device d = devices.device(deviceId);
        return Views.DeviceDetail.of(d, devices.operations(deviceId), devices.faults(deviceId, RECENT_FAULTS),
                connectionRequests.lastAttempt(deviceId).orElse(null),
                connectionRequests.learnedUdpBinding(deviceId).orElse(null));
    }

    @GET
    @Path("{id}/parameters")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "The device's stored parameters under a prefix, with types and times")
    public Views.Items<Views.ParameterView> parameters(@PathParam("id") String id,
                                                       @QueryParam("prefix") @DefaultValue("") String prefix) {
        return new Views.Items<>(devices.parameters(DeviceIds.resolve(devices, id), prefix).stream()
                .map(Views.ParameterView::of).toList());
    }

    @GET
    @Path("{id}/faults")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "The device's recent faults, newest first")
    public Views.Items<Views.Fault> faults(@PathParam("id") String id,
                                          @QueryParam("limit") @DefaultValue("100") int limit) {
        FaultsResource.checkLimit(limit);
        return new Views.Items<>(devices.faults(DeviceIds.resolve(devices, id), limit).stream().map(Views.Fault::of).toList());
    }

    @PUT
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Registers a device ahead of its first Inform (e.g. a phone that resyncs its profile over "
            + "HTTP), so that tasks, tags and profile values can be set for it; a known device is left as it is",
            responses = {@ApiResponse(responseCode = "201", description = "registered"),
                    @ApiResponse(responseCode = "200", description = "already known, unchanged")})
    public Response register(@PathParam("id") String id) {
        io.lodestar.acs.service.Registration registration = devices.register(DeviceIds.resolve(devices, id));
        return Response.status(registration.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(Views.DeviceSummary.of(registration.device(), null)).type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @DELETE
    @Path("{id}")
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Deletes the device with its parameters, history, faults, tasks and operations",
            responses = @ApiResponse(responseCode = "204", description = "deleted"))
    public Response delete(@PathParam("id") String id) {
        devices.delete(DeviceIds.resolve(devices, id));
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/tags/{tag}")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Adds a tag to the device")
    public Views.DeviceSummary addTag(@PathParam("id") String id, @PathParam("tag") String tag) {
        return Views.DeviceSummary.of(devices.addTag(DeviceIds.resolve(devices, id), tag), null);
    }

    @DELETE
    @Path("{id}/tags/{tag}")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Removes a tag from the device")
    public Views.DeviceSummary removeTag(@PathParam("id") String id, @PathParam("tag") String tag) {
        return Views.DeviceSummary.of(devices.removeTag(DeviceIds.resolve(devices, id), tag), null);
    }

    private Map<String, String> project(Device d, List<String> paths) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : paths) {
            for (Parameter p : devices.parameters(d.id(), path)) {
                if (!p.isObject()) {
                    out.put(p.path(), p.value());
                }
            }
        }
        return out;
    }

    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType t : headers.getAcceptableMediaTypes()) {
            if (t.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !t.isWildcardType()) {
                return false;
            }
            if (t.getType().equals("text") && t.getSubtype().equals("csv")) {
                return true;
            }
        }
        return false;
    }
}
