package io.lodestar.acs.api.auth;

import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.api.problem.Problem;
import io.lodestar.acs.core.access.ApiToken;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Map;
import java.util.Optional;

/**
 * Every route that names a {@link RequiresScope} needs {@code Authorization: Bearer <token>} of a valid token
 * that grants the scope: 401 (with {@code WWW-Authenticate: Bearer}) without one, 403 without the scope. The
 * token is left in the request's property {@link #TOKEN} for the routes and the rate limit.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {

    public static final String TOKEN = "lodestar.token";

    private final Tokens tokens;

    @Context
    private ResourceInfo resource;

    public AuthFilter(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        RequiresScope required = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RequiresScope.class);
        if (required == null || "OPTIONS".equals(request.getMethod())) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("this route needs the header 'Authorization: Bearer <token>'");
        }
        Optional<ApiToken> token = tokens.authenticate(header.substring(7).trim());
        if (token.isEmpty()) {
            throw unauthorized("the bearer token is not valid (unknown, mistyped, revoked or expired)");
        }
        if (!token.get().grants(required.value())) {
            throw new ApiException(Problem.of(403, "SCOPE_MISSING", "Scope missing", "token '" + token.get().name()
                    + "' lacks the scope " + required.value().name().toLowerCase(java.util.Locale.ROOT)
                    + " this route needs"));
        }
        request.setProperty(TOKEN, token.get());
    }

    private static ApiException unauthorized(String detail) {
        return new ApiException(Problem.of(401, "TOKEN_INVALID", "Unauthorized", detail),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lodestar\""));
    }
}
