package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.service.Ids;
import io.lodestar.acs.service.ServiceException;
import io.lodestar.acs.store.DeviceQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Faults devices raised, newest first. Fleet-wide, the store keeps faults per device, so the answer reads the
 * faults of at most {@link #MAX_DEVICES_SCANNED} devices (in id order); name a device for a complete answer.
 */
@Tag(name = "faults")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Path("/api/v1/faults")
public final class FaultsResource {

    static final int MAX_DEVICES_SCANNED = 10_000;
    private static final int PER_DEVICE = 100;

    private final DeviceService devices;

    public FaultsResource(DeviceService devices) {
        this.devices = devices;
    }

    @GET
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "Faults across the fleet (or of one device), filtered by code and time, newest first")
    public Views.Items<Views.Fault> faults(@QueryParam("device") String device, @QueryParam("code") Integer code,
                                          @QueryParam("since") String since,
                                          @QueryParam("limit") @DefaultValue("100") int limit) {
        checkLimit(limit);
        Instant from = since(since);
        List<DeviceFault> found = new ArrayList<>();
        if (device != null && !device.isEmpty()) {
            found.addAll(devices.faults(DeviceIds.resolve(devices, device), PER_DEVICE));
        } else {
            DeviceId after = null;
            int scanned = 0;
            while (scanned < MAX_DEVICES_SCANNED) {
                List<Device> page = devices.search(DeviceQuery.ALL, after, 500);
                for (Device d : page) {
                    try {
                        found.addAll(devices.faults(d.id(), PER_DEVICE));
                    } catch (ServiceException e) {
                        // deleted meanwhile
                    }
                    after = d.id();
                }
                scanned += page.size();
                if (page.size() < 500) {
                    break;
                }
            }
        }
        return new Views.Items<>(found.stream()
                .filter(f -> code == null || f.code() == code)
                .filter(f -> from == null || !f.at().isBefore(from))
                .sorted(Comparator.comparing(DeviceFault::at).reversed())
                .limit(limit).map(Views.Fault::of).toList());
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > DevicesResource.MAX_LIMIT) {
            throw ApiException.badRequest("BAD_LIMIT", "limit must be 1.." + DevicesResource.MAX_LIMIT + ", not " + limit);
        }
    }

    private static Instant since(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("BAD_TIME", "since takes an ISO-8601 UTC time, e.g. 2026-01-31T12:00:00Z, not '"
                    + text + "'");
        }
    }
}
