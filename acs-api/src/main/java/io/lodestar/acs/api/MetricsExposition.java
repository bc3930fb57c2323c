package io.lodestar.acs.api;

import java.util.Objects;

/**
 * What {@code GET /metrics} serves: the process's metrics rendered by whoever keeps them (acs-metrics, wired by the
 * composition root). The API knows nothing of the metrics library; it asks for a scrape in the format the request's
 * Accept header names and answers with it.
 */
@FunctionalInterface
public interface MetricsExposition {

    /**
     * The metrics now.
     *
     * @param accept the request's Accept header, or null
     */
    Scrape scrape(String accept);

    /**
     * @param contentType the exposition format, e.g. {@code text/plain; version=0.0.4; charset=utf-8}
     * @param body        the metrics in that format
     */
    record Scrape(String contentType, String body) {
        public Scrape {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }
}
