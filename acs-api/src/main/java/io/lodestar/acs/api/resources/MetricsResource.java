package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.MetricsExposition;
import io.lodestar.acs.api.auth.RequiresScope;
import io.lodestar.acs.core.access.TokenScope;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /metrics}: the metrics for Prometheus (text format 0.0.4, or OpenMetrics when the Accept header asks
 * for it), outside {@code /api/v1} where scrapers expect it and out of the OpenAPI document (docs/metrics.md
 * describes it). Open (setting {@code api.metrics=on}) or for a token with scope {@code read}
 * ({@code api.metrics=token}, see {@link WithToken}).
 */
@Path("/metrics")
@Hidden
public class MetricsResource {

    private final MetricsExposition metrics;

    public MetricsResource(MetricsExposition metrics) {
        this.metrics = metrics;
    }

    @GET
    public Response scrape(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return answer(metrics, accept);
    }

    static Response answer(MetricsExposition metrics, String accept) {
        MetricsExposition.Scrape scrape = metrics.scrape(accept);
        return Response.ok(scrape.body()).header(HttpHeaders.CONTENT_TYPE, scrape.contentType())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** {@code GET /metrics} for a bearer token with scope {@code read} ({@code api.metrics=token}). */
    @Path("/metrics")
    @Hidden
    public static final class WithToken {

        private final MetricsExposition metrics;

        public WithToken(MetricsExposition metrics) {
            this.metrics = metrics;
        }

        @GET
        @RequiresScope(TokenScope.READ)
        public Response scrape(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
            return answer(metrics, accept);
        }
    }
}
