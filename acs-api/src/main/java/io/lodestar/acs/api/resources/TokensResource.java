package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.api.auth.Tokens;
import io.lodestar.acs.api.json.Views;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.core.access.TokenScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** API tokens: listed, created (the text shown once), revoked. Admin scope only. */
@Path("/api/v1/tokens")
@Tag(name = "tokens")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public final class TokensResource {

    private final Tokens tokens;

    public TokensResource(Tokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Every token, revoked ones included (lastUsedAt: as seen by this ACS node since it started)")
    public Views.Items<Views.TokenView> list() {
        return new Views.Items<>(tokens.list().stream().map(t -> new Views.TokenView(t.id(), t.name(), scopes(t),
                t.createdAt(), tokens.lastUsed(t.id()).orElse(null), t.revokedAt())).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Creates a token; its text is in the answer this once",
            responses = @ApiResponse(responseCode = "201", description = "created",
                    content = @Content(schema = @Schema(implementation = Views.CreatedToken.class))))
    public Response create(Views.NewTokenRequest body) {
        if (body == null) {
            throw ApiException.badRequest("BAD_JSON", "a token needs a body {\"name\": ..., \"scopes\": [...]}");
        }
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (String s : body.scopes() == null ? List.<String>of() : body.scopes()) {
            try {
                scopes.add(TokenScope.valueOf(String.valueOf(s).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.unprocessable("BAD_SCOPE", "unknown scope '" + s + "': read, write or admin");
            }
        }
        Tokens.Created created;
        try {
            created = tokens.create(body.name(), scopes);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("BAD_ARGUMENT", e.getMessage());
        }
        ApiToken t = created.token();
        return Response.status(201).header("Location", "/api/v1/tokens/" + t.id())
                .entity(new Views.CreatedToken(t.id(), t.name(), scopes(t), t.createdAt(), created.text())).build();
    }

    @DELETE
    @Path("{tokenId}")
    @RequiresScope(TokenScope.ADMIN)
    @Operation(summary = "Revokes a token: it stops working at once",
            responses = @ApiResponse(responseCode = "204", description = "revoked"))
    public Response revoke(@PathParam("tokenId") String id) {
        tokens.revoke(id).orElseThrow(() -> ApiException.notFound("UNKNOWN_TOKEN", "no token " + id));
        return Response.noContent().build();
    }

    private static List<String> scopes(ApiToken t) {
        return t.scopes().stream().sorted().map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
    }
}
