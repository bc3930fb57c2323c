package io.lodestar.acs.api.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Set;

/**
 * CORS for the configured origins only ({@code api.cors-origins}); with none configured (the default) it adds no
 * header at all, so browsers refuse cross-origin calls. A preflight from an allowed origin is answered here.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR + 1)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private final Set<String> origins;

    public CorsFilter(List<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if ("OPTIONS".equals(request.getMethod()) && origin != null && allowed(origin)
                && request.getHeaderString("Access-Control-Request-Method") != null) {
            request.abortWith(Response.noContent()
                    .header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
                    .header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, Accept")
                    .header("Access-Control-Max-Age", "600")
                    .header("Vary", "Origin")
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin != null && allowed(origin)) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().putSingle("Access-Control-Expose-Headers", "Location, Retry-After");
            response.getHeaders().add("Vary", "Origin");
        }
    }

    private boolean allowed(String origin) {
        return origins.contains(origin) || origins.contains("*");
    }
}
