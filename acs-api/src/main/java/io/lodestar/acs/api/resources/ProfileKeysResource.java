package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.ProfileViews;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.profiles.crypto.KeyRef;
import io.lodestar.acs.profiles.crypto.KeyScope;
import io.lodestar.acs.profiles.stored.StoredProfiles;
import io.lodestar.acs.profiles.template.ProfileTemplate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Profile keys (docs/profiles.md), sealed at rest with the ACS's profile master key: a template's
 * ({@code template/<name>}) or a device's ({@code device/<id>}, checked against the template named in the body).
 * Set with a secret (PUT) or generated (POST: the secret is in the answer, once, and never again). Admin scope; a
 * key is never read back.
 */
@Path("/api/v1/profile-keys/{scope}/{owner}")
@Tag(name = "profiles")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class ProfileKeysResource {

    private final StoredProfiles profiles;

    public ProfileKeysResource(StoredProfiles profiles) {
        this.profiles = profiles;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Sets the key to a secret of the operator's (422 when it does not fit the encryption)",
            responses = @ApiResponse(responseCode = "204", description = "set"))
    public Response put(@PathParam("scope") String scope, @PathParam("owner") String owner, ProfileViews.NewKey body) {
        if (body == null || body.secret() == null) {
            throw ApiException.badRequest("BAD_JSON", "a key needs {\"secret\": ...} (POST generates one)");
        }
        KeyRef ref = ref(scope, owner);
        ProfileTemplate template = templateFor(ref, body.template());
        try {
            profiles.keys().set(ref, template.encryption(), body.secret());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("BAD_SECRET", e.getMessage());
        }
        return Response.noContent().build();
    }

    @POST
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Generates the key; the answer shows the secret once (give it to the phone: [--key SECRET])",
            responses = @ApiResponse(responseCode = "201", description = "generated"))
    public Response generate(@PathParam("scope") String scope, @PathParam("owner") String owner,
                             ProfileViews.NewKey body) {
        KeyRef ref = ref(scope, owner);
        ProfileTemplate template = templateFor(ref, body == null ? null : body.template());
        String secret;
        try {
            secret = profiles.keys().generate(ref, template.encryption());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("BAD_SECRET", e.getMessage());
        }
        return Response.status(201).entity(new ProfileViews.KeyView(scope, owner, secret)).build();
    }

    @DELETE
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Removes the key: profiles it encrypted are refused until a new one is set",
            responses = @ApiResponse(responseCode = "204", description = "removed"))
    public Response delete(@PathParam("scope") String scope, @PathParam("owner") String owner) {
        KeyRef ref = ref(scope, owner);
        if (!profiles.store().deleteProfileKey(ref.scope().name().toLowerCase(java.util.Locale.ROOT), ref.owner())) {
            throw ApiException.notFound("UNKNOWN_KEY", "no profile key for " + scope + " " + owner);
        }
        return Response.noContent().build();
    }

    private static KeyRef ref(String scope, String owner) {
        KeyScope s = switch (scope) {
            case "template" -> KeyScope.TEMPLATE;
            case "device" -> KeyScope.DEVICE;
            default -> throw ApiException.notFound("UNKNOWN_SCOPE",
                    "profile keys belong to a template or a device, not '" + scope + "'");
        };
        try {
            return new KeyRef(s, owner);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("BAD_OWNER", e.getMessage());
        }
    }

    /** The template whose encryption the secret must fit: the key's own, or the one the body names. */
    private ProfileTemplate templateFor(KeyRef ref, String named) {
        String name = ref.scope() == KeyScope.TEMPLATE ? ref.owner() : named;
        if (name == null) {
            throw ApiException.unprocessable("BAD_ARGUMENT", "a device's key names the template it is for: "
                    + "{\"template\": ...}");
        }
        ProfileTemplate template = ProfileTemplatesResource.template(profiles, name);
        if (!template.encryption().encrypts()) {
            throw ApiException.unprocessable("BAD_ARGUMENT", "template '" + name + "' is sent in clear: it has no key");
        }
        return template;
    }
}
