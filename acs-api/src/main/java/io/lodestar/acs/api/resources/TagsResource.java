package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.filter.DeviceFilter;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.service.ErrorCode;
import io.lodestar.acs.service.ServiceException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.util.function.BiFunction;

/** A tag set on, or removed from, every device a filter matches. */
@Path("/api/v1/tags/{tag}")
@Tag(name = "devices")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class TagsResource {

    private final DeviceService devices;
    private final DeviceSearch search;
    private final Clock clock;

    public TagsResource(DeviceService devices, Clock clock) {
        this.devices = devices;
        this.search = new DeviceSearch(devices);
        this.clock = clock;
    }

    @POST
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Adds the tag to every device the filter matches (filter required; id != \"\" is all)")
    public Views.Matched add(@PathParam("tag") String tag, @QueryParam("filter") String filter) {
        return apply(tag, filter, devices::addTag);
    }

    @DELETE
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Removes the tag from every device the filter matches")
    public Views.Matched remove(@PathParam("tag") String tag, @QueryParam("filter") String filter) {
        return apply(tag, filter, devices::removeTag);
    }

    private Views.Matched apply(String tag, String filterText, BiFunction<io.lodestar.acs.core.device.DeviceId, String, Device> change) {
        if (filterText == null || filterText.isBlank()) {
            throw ApiException.badRequest("BAD_FILTER", "give ?filter= naming the devices (e.g. productClass = \"X\")");
        }
        DeviceFilter filter = DeviceSearch.filter(filterText, clock.instant());
        int matched = 0;
        String cursor = null;
        do {
            DeviceSearch.Page page = search.page(filter, cursor, DevicesResource.MAX_LIMIT);
            for (Device d : page.items()) {
                try {
                    change.apply(d.id(), tag);
                    matched++;
                } catch (ServiceException e) {
                    if (e.code() != ErrorCode.DEVICE_NOT_FOUND) { // deleted meanwhile: no longer matched
                        throw e;
                    }
                }
            }
            cursor = page.next();
        } while (cursor != null);
        return new Views.Matched(matched);
    }
}
