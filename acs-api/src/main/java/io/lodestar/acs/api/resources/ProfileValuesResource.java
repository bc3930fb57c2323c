package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.ProfileViews;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.profiles.stored.StoredProfiles;
import io.lodestar.acs.profiles.template.ValueScope;
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
 * The values templates read with {@code {{value:NAME}}}, per device ({@code device/<id>}), per tag
 * ({@code tag/<tag>}) and per product class ({@code product-class/<ProductClass>}). Values often are SIP passwords:
 * reading them needs the admin scope, setting them write.
 */
@Path("/api/v1/profile-values/{scope}/{owner}")
@Tag(name = "profiles")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class ProfileValuesResource {

    private static final int MAX_OWNER = 256;

    private final StoredProfiles profiles;

    public ProfileValuesResource(StoredProfiles profiles) {
        this.profiles = profiles;
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Sets one value of a device, tag or product class",
            responses = @ApiResponse(responseCode = "204", description = "set"))
    public Response put(@PathParam("scope") String scope, @PathParam("owner") String owner,
                        @PathParam("name") String name, ProfileViews.NewValue body) {
        if (body == null || body.value() == null) {
            throw ApiException.badRequest("BAD_JSON", "a value needs a body {\"value\": ...}");
        }
        try {
            profiles.values().set(scope(scope), owner(owner), name, body.value());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("BAD_VALUE", e.getMessage());
        }
        return Response.noContent().build();
    }

    @GET
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Every value of a device, tag or product class (they may be passwords: admin scope)")
    public ProfileViews.ValuesView list(@PathParam("scope") String scope, @PathParam("owner") String owner) {
        return new ProfileViews.ValuesView(scope, owner, profiles.values().all(scope(scope), owner(owner)));
    }

    @DELETE
    @Path("{name}")
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Removes one value (404 when it was not set)",
            responses = @ApiResponse(responseCode = "204", description = "removed"))
    public Response delete(@PathParam("scope") String scope, @PathParam("owner") String owner,
                           @PathParam("name") String name) {
        if (!profiles.values().remove(scope(scope), owner(owner), name)) {
            throw ApiException.notFound("UNKNOWN_VALUE", "value '" + name + "' is not set for " + scope + " " + owner);
        }
        return Response.noContent().build();
    }

    static ValueScope scope(String text) {
        return switch (text) {
            case "device" -> ValueScope.DEVICE;
            case "tag" -> ValueScope.TAG;
            case "product-class" -> ValueScope.PRODUCT_CLASS;
            default -> throw ApiException.notFound("UNKNOWN_SCOPE",
                    "values are kept per device, tag or product-class, not '" + text + "'");
        };
    }

    private static String owner(String owner) {
        if (owner.isEmpty() || owner.length() > MAX_OWNER || owner.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiException.unprocessable("BAD_OWNER", "an owner has 1 to " + MAX_OWNER
                    + " characters and no control characters");
        }
        return owner;
    }
}
