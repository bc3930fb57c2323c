package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.FileView;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.service.ErrorCode;
import io.lodestar.acs.service.ServiceException;
import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.StoredFile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The files a device uploaded to the file server (configuration backups, logs: the Upload RPC). */
@Path("/api/v1/devices/{id}/uploads")
@Tag(name = "files")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class DeviceUploadsResource {

    private final DeviceService devices;
    private final FileStore files;

    public DeviceUploadsResource(DeviceService devices, FileStore files) {
        this.devices = devices;
        this.files = files;
    }

    @GET
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "The files the device uploaded, oldest first (their content: GET /api/v1/files/{fileId}/content)")
    public Views.Items<FileView> uploads(@PathParam("id") String id) {
        DeviceId device = DeviceIds.resolve(devices, id);
        List<StoredFile> uploads = files.filesOfDevice(device.value());
        if (uploads.isEmpty() && !known(device)) {
            throw ApiException.notFound("UNKNOWN_DEVICE", "no device " + device.value());
        }
        return new Views.Items<>(uploads.stream().map(FileView::of).toList());
    }

    private boolean known(DeviceId id) {
        try {
            devices.device(id);
            return true;
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.DEVICE_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
