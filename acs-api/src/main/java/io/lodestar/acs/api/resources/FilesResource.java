package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.FileView;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.api.problem.Problem;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.service.files.FileReferences;
import io.lodestar.acs.store.FileContent;
import io.lodestar.acs.store.FileMetadata;
import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.FileTooLargeException;
import io.lodestar.acs.store.NewFile;
import io.lodestar.acs.store.StoredFile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Files CPEs download (firmware, configuration, certificates): uploaded streamed to the file store (never whole in
 * memory, at most {@code files.max-upload-bytes}), listed, described, read back and deleted (not while a pending
 * task uses one). The file server hands them to CPEs by signed per-device URLs.
 */
@Path("/api/v1/files")
@Tag(name = "files")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class FilesResource {

    /** Short names for the TR-069 file types operators upload most. */
    private static final Map<String, String> TYPE_ALIASES = Map.of(
            "firmware", FileMetadata.FIRMWARE,
            "web", FileMetadata.WEB_CONTENT,
            "config", FileMetadata.VENDOR_CONFIGURATION,
            "configuration", FileMetadata.VENDOR_CONFIGURATION);

    private final FileStore files;
    /** How many users a refused delete names (a firmware campaign may have thousands; the check stops there). */
    private static final int USERS_NAMED = 10;

    private final FileReferences references;
    private final long maxBytes;
    private final Clock clock;

    public FilesResource(FileStore files, FileReferences references, long maxBytes, Clock clock) {
        this.files = files;
        this.references = references;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Uploads a file (the request body, any content type), streamed to storage; metadata in the "
            + "query (or X-File-* headers)",
            responses = {
                    @ApiResponse(responseCode = "201", description = "stored",
                            content = @Content(schema = @Schema(implementation = FileView.class))),
                    @ApiResponse(responseCode = "409", description = "the id is taken"),
                    @ApiResponse(responseCode = "413", description = "larger than files.max-upload-bytes")})
    public Response upload(InputStream body,
                           @Parameter(description = "the file name CPEs see (required)") @QueryParam("name") String name,
                           @Parameter(description = "the TR-069 FileType, e.g. '1 Firmware Upgrade Image', or firmware, "
                                   + "config, web (required)") @QueryParam("type") String type,
                           @QueryParam("version") String version,
                           @Parameter(description = "OUIs it applies to, comma-separated") @QueryParam("oui") String ouis,
                           @Parameter(description = "product classes it applies to, comma-separated")
                           @QueryParam("productClass") String productClasses,
                           @Parameter(description = "its id (letters, digits, . _ -); made when absent") @QueryParam("id") String id,
                           @HeaderParam("X-File-Name") String headerName,
                           @HeaderParam("X-File-Type") String headerType,
                           @HeaderParam("X-File-Version") String headerVersion,
                           @HeaderParam("Content-Length") Long length) {
        if (length != null && length > maxBytes) {
            throw tooLarge();
        }
        String fileName = first(name, headerName);
        String fileType = first(type, headerType);
        if (fileName == null) {
            throw ApiException.unprocessable("MISSING_NAME", "a file needs a name: ?name=image.bin");
        }
        if (fileType == null) {
            throw ApiException.unprocessable("MISSING_TYPE", "a file needs a type: ?type=firmware, config, web or a "
                    + "TR-069 FileType such as '1 Firmware Upgrade Image'");
        }
        fileType = TYPE_ALIASES.getOrDefault(fileType.toLowerCase(Locale.ROOT), fileType);
        NewFile file;
        try {
            file = new NewFile(id == null || id.isBlank() ? "f-" + UUID.randomUUID() : id.trim(), fileName, fileType,
                    first(version, headerVersion) == null ? "" : first(version, headerVersion), list(ouis, true),
                    list(productClasses, false), null, clock.instant());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("BAD_ARGUMENT", e.getMessage());
        }
        StoredFile stored;
        try {
            stored = files.putFile(file, body, maxBytes);
        } catch (FileTooLargeException e) {
            throw tooLarge();
        } catch (IllegalArgumentException e) {
            throw new ApiException(Problem.of(409, "FILE_EXISTS", "Conflict", e.getMessage()));
        } catch (UncheckedIOException e) {
            throw ApiException.badRequest("UPLOAD_INTERRUPTED", "the upload ended early: " + e.getMessage());
        }
        return Response.status(201).header("Location", "/api/v1/files/" + stored.id()).entity(FileView.of(stored))
                .build();
    }

    @GET
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "Every file in creation order, operators' and devices' uploads (?device= narrows to one device's uploads)")
    public Views.Items<FileView> list(@QueryParam("device") String device) {
        List<StoredFile> found = device == null ? files.files() : files.filesOfDevice(device);
        return new Views.Items<>(found.stream().map(FileView::of).toList());
    }

    @GET
    @Path("{fileId}")
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "A file's metadata")
    public FileView get(@PathParam("fileId") String id) {
        return FileView.of(files.findFile(id).orElseThrow(() -> unknown(id)));
    }

    @GET
    @Path("{fileId}/content")
    @Produces(MediaType.WILDCARD)
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "A file's content", responses = @ApiResponse(responseCode = "200",
            description = "the bytes as stored", content = @Content(mediaType = "application/octet-stream")))
    public Response content(@PathParam("fileId") String id) {
        FileContent content = files.openFile(id).orElseThrow(() -> unknown(id));
        InputStream in;
        try {
            in = content.open();
        } catch (IOException e) {
            throw unknown(id); // deleted between the two calls
        }
        StreamingOutput out = sink -> {
            try (in) {
                in.transferTo(sink);
            }
        };
        return Response.ok(out, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", content.file().size())
                .header("ETag", "\"" + content.file().sha256() + "\"")
                .build();
    }

    @DELETE
    @Path("{fileId}")
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Deletes a file, unless a pending Download or one in progress uses it (409)",
            responses = {@ApiResponse(responseCode = "204", description = "deleted"),
                    @ApiResponse(responseCode = "409", description = "a pending Download or one in progress uses it")})
    public Response delete(@PathParam("fileId") String id) {
        files.findFile(id).orElseThrow(() -> unknown(id));
        List<String> users = references.usersOf(id, USERS_NAMED + 1);
        if (!users.isEmpty()) {
            String named = String.join(", ", users.subList(0, Math.min(USERS_NAMED, users.size())))
                    + (users.size() > USERS_NAMED ? " and more" : "");
            throw new ApiException(Problem.of(409, "FILE_IN_USE", "Conflict", "file " + id + " is used by "
                    + named + ": cancel or finish those first"));
        }
        if (!files.deleteFile(id)) {
            throw unknown(id);
        }
        return Response.noContent().build();
    }

    private ApiException tooLarge() {
        return new ApiException(Problem.of(413, "TOO_LARGE", "Request body too large",
                "the file is larger than " + maxBytes + " bytes (files.max-upload-bytes)"));
    }

    static ApiException unknown(String id) {
        return ApiException.notFound("UNKNOWN_FILE", "no file " + id);
    }

    private static String first(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b != null && !b.isBlank() ? b.trim() : null;
    }

    private static List<String> list(String commaSeparated, boolean upperCase) {
        List<String> out = new ArrayList<>();
        if (commaSeparated != null) {
            for (String s : commaSeparated.split(",")) {
                if (!s.isBlank()) {
                    out.add(upperCase ? s.trim().toUpperCase(Locale.ROOT) : s.trim());
                }
            }
        }
        return out;
    }
}
