package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.ProfileViews;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.profiles.service.ProfileRedirects;
import io.lodestar.acs.profiles.stored.StoredProfileRedirects;
import io.lodestar.acs.profiles.stored.StoredProfiles;
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

import java.util.List;

/**
 * Where a profile has moved (docs/profiles.md, "Redirects"): resyncing phones get 301 (permanent) or 302 (temporary)
 * with Location. Per device ({@code device/<id>/<template>}), tag ({@code tag/<tag>/<template>}), product class
 * ({@code product-class/<ProductClass>/<template>}) or for every device of a template ({@code template/<template>});
 * looked up in that order.
 */
@Path("/api/v1/profile-redirects")
@Tag(name = "profiles")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class ProfileRedirectsResource {

    private static final int MAX_OWNER = 256;

    private final StoredProfiles profiles;

    public ProfileRedirectsResource(StoredProfiles profiles) {
        this.profiles = profiles;
    }

    @PUT
    @Path("template/{template}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Sends every device resyncing this template's profile elsewhere (301 or 302)",
            responses = @ApiResponse(responseCode = "204", description = "set"))
    public Response putForTemplate(@PathParam("template") String template, ProfileViews.NewRedirect body) {
        return put(StoredProfileRedirects.Scope.TEMPLATE, template, template, body);
    }

    @PUT
    @Path("{scope}/{owner}/{template}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Sends a device's, a tag's or a product class's phones resyncing this template elsewhere",
            responses = @ApiResponse(responseCode = "204", description = "set"))
    public Response put(@PathParam("scope") String scope, @PathParam("owner") String owner,
                        @PathParam("template") String template, ProfileViews.NewRedirect body) {
        return put(scope(scope), owner(owner), template, body);
    }

    @GET
    @Path("template/{template}")
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "The redirect of every device of a template (404 when none)")
    public ProfileViews.RedirectView getForTemplate(@PathParam("template") String template) {
        return get(StoredProfileRedirects.Scope.TEMPLATE, template, template);
    }

    @GET
    @Path("{scope}/{owner}")
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "Every redirect of a device, tag or product class, by template")
    public Views.Items<ProfileViews.RedirectView> list(@PathParam("scope") String scope,
                                                       @PathParam("owner") String owner) {
        StoredProfileRedirects.Scope s = scope(scope);
        List<ProfileViews.RedirectView> items = profiles.redirects().all(s, owner(owner)).entrySet().stream()
                .map(e -> view(s, owner, e.getKey(), e.getValue())).toList();
        return new Views.Items<>(items);
    }

    @GET
    @Path("{scope}/{owner}/{template}")
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "One redirect (404 when none)")
    public ProfileViews.RedirectView get(@PathParam("scope") String scope, @PathParam("owner") String owner,
                                         @PathParam("template") String template) {
        return get(scope(scope), owner(owner), template);
    }

    @DELETE
    @Path("template/{template}")
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Removes a template's redirect (404 when none)",
            responses = @ApiResponse(responseCode = "204", description = "removed"))
    public Response deleteForTemplate(@PathParam("template") String template) {
        return delete(StoredProfileRedirects.Scope.TEMPLATE, template, template);
    }

    @DELETE
    @Path("{scope}/{owner}/{template}")
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Removes a redirect (404 when none)",
            responses = @ApiResponse(responseCode = "204", description = "removed"))
    public Response delete(@PathParam("scope") String scope, @PathParam("owner") String owner,
                           @PathParam("template") String template) {
        return delete(scope(scope), owner(owner), template);
    }

    private Response put(StoredProfileRedirects.Scope scope, String owner, String template,
                         ProfileViews.NewRedirect body) {
        if (body == null || body.location() == null) {
            throw ApiException.badRequest("BAD_JSON", "a redirect needs a body {\"location\": ..., \"permanent\": ...}");
        }
        checkTemplate(template);
        try {
            profiles.redirects().set(scope, owner, template, body.location(), Boolean.TRUE.equals(body.permanent()));
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("BAD_REDIRECT", e.getMessage());
        }
        return Response.noContent().build();
    }

    private ProfileViews.RedirectView get(StoredProfileRedirects.Scope scope, String owner, String template) {
        checkTemplate(template);
        return profiles.redirects().get(scope, owner, template).map(r -> view(scope, owner, template, r))
                .orElseThrow(() -> notFound(scope, owner, template));
    }

    private Response delete(StoredProfileRedirects.Scope scope, String owner, String template) {
        checkTemplate(template);
        if (!profiles.redirects().remove(scope, owner, template)) {
            throw notFound(scope, owner, template);
        }
        return Response.noContent().build();
    }

    private static ProfileViews.RedirectView view(StoredProfileRedirects.Scope scope, String owner, String template,
                                                  ProfileRedirects.Redirect r) {
        return new ProfileViews.RedirectView(name(scope), owner, template, r.location(), r.permanent(),
                r.permanent() ? 301 : 302);
    }

    private static ApiException notFound(StoredProfileRedirects.Scope scope, String owner, String template) {
        return ApiException.notFound("UNKNOWN_REDIRECT", "no redirect of template '" + template + "' for "
                + name(scope) + " " + owner);
    }

    private static String name(StoredProfileRedirects.Scope scope) {
        return switch (scope) {
            case DEVICE -> "device";
            case TAG -> "tag";
            case PRODUCT_CLASS -> "product-class";
            case TEMPLATE -> "template";
        };
    }

    private static StoredProfileRedirects.Scope scope(String text) {
        return switch (text) {
            case "device" -> StoredProfileRedirects.Scope.DEVICE;
            case "tag" -> StoredProfileRedirects.Scope.TAG;
            case "product-class" -> StoredProfileRedirects.Scope.PRODUCT_CLASS;
            default -> throw ApiException.notFound("UNKNOWN_SCOPE",
                    "redirects are set per device, tag, product-class or template, not '" + text + "'");
        };
    }

    private static void checkTemplate(String template) {
        if (template == null || !template.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")) {
            throw ApiException.unprocessable("BAD_TEMPLATE", "'" + template + "' is not a template name");
        }
    }

    private static String owner(String owner) {
        if (owner.isEmpty() || owner.length() > MAX_OWNER || owner.equals(StoredProfileRedirects.EVERY_DEVICE)
                || owner.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiException.unprocessable("BAD_OWNER", "an owner has 1 to " + MAX_OWNER
                    + " characters, no control characters, and is not '*'");
        }
        return owner;
    }
}
