package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.json.ProfileViews;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.profiles.crypto.KeyScope;
import io.lodestar.acs.profiles.stored.ProfileEncryptions;
import io.lodestar.acs.profiles.stored.StoredProfiles;
import io.lodestar.acs.profiles.template.ProfileTemplate;
import io.lodestar.acs.profiles.template.TemplateSyntaxException;
import io.lodestar.acs.store.StoredProfileTemplate;
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

import java.time.Clock;
import java.util.Locale;

/**
 * Phone profile templates (docs/profiles.md): uploaded as JSON with their path, media type, encryption and key
 * scope, parsed at once (a syntax error is a 422 naming its line and column), listed, read and deleted.
 */
@Path("/api/v1/profile-templates")
@Tag(name = "profiles")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class ProfileTemplatesResource {

    /** A template is configuration, not a file: larger ones are refused. */
    static final int MAX_TEXT = 256 * 1024;

    private final StoredProfiles profiles;
    private final Clock clock;

    public ProfileTemplatesResource(StoredProfiles profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Stores (replaces) a template; 422 with the line and column of a syntax error")
    public ProfileViews.TemplateView put(@PathParam("name") String name, ProfileViews.NewTemplate body) {
        if (body == null || body.path() == null || body.text() == null) {
            throw ApiException.badRequest("BAD_JSON", "a template needs {\"path\": ..., \"text\": ..., "
                    + "\"encryption\": ...}");
        }
        if (body.text().length() > MAX_TEXT) {
            throw ApiException.unprocessable("BAD_TEMPLATE", "a template has at most " + MAX_TEXT + " characters");
        }
        ProfileTemplate template;
        try {
            template = ProfileTemplate.of(name, body.path(), body.text(),
                    body.contentType() == null ? "application/xml" : body.contentType(),
                    ProfileEncryptions.parse(body.encryption() == null ? "plain" : body.encryption()),
                    body.keyScope() == null ? KeyScope.TEMPLATE
                            : KeyScope.valueOf(body.keyScope().toUpperCase(Locale.ROOT)));
        } catch (TemplateSyntaxException e) {
            throw ApiException.unprocessable("TEMPLATE_SYNTAX", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("BAD_TEMPLATE", e.getMessage().startsWith("No enum constant")
                    ? "keyScope is template or device, not '" + body.keyScope() + "'" : e.getMessage());
        }
        return view(profiles.templates().put(template, clock.instant()));
    }

    @GET
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "Every template, by name")
    public Views.Items<ProfileViews.TemplateView> list() {
        return new Views.Items<>(profiles.store().profileTemplates().stream().map(ProfileTemplatesResource::view)
                .toList());
    }

    @GET
    @Path("{name}")
    @RequiresScope(TokenScope.READ)
    @Operation(summary = "One template (404 when there is none of that name)")
    public ProfileViews.TemplateView get(@PathParam("name") String name) {
        return profiles.store().findProfileTemplate(name).map(ProfileTemplatesResource::view)
                .orElseThrow(() -> unknown(name));
    }

    @DELETE
    @Path("{name}")
    @RequiresScope(TokenScope.WRITE)
    @Operation(summary = "Deletes a template: phones asking for its path get 404",
            responses = @ApiResponse(responseCode = "204", description = "deleted"))
    public Response delete(@PathParam("name") String name) {
        if (!profiles.templates().delete(name)) {
            throw unknown(name);
        }
        return Response.noContent().build();
    }

    static ApiException unknown(String name) {
        return ApiException.notFound("UNKNOWN_TEMPLATE", "no profile template '" + name + "'");
    }

    static ProfileTemplate template(StoredProfiles profiles, String name) {
        return profiles.templates().find(name).orElseThrow(() -> unknown(name));
    }

    private static ProfileViews.TemplateView view(StoredProfileTemplate t) {
        return new ProfileViews.TemplateView(t.name(), t.path(), t.contentType(), t.encryption(), t.keyScope(), t.text(),
                t.updatedAt());
    }
}
