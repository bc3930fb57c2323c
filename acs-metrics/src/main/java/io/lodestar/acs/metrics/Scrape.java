package io.lodestar.acs.metrics;

import java.util.Objects;

/**
 * One scrape of the metrics.
 *
 * @param contentType the exposition format's media type, for the HTTP answer's Content-Type
 * @param body        the metrics in that format
 */
public record Scrape(String contentType, String body) {

    /** Prometheus text format 0.0.4, what Prometheus reads by default. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** OpenMetrics 1.0, for scrapers that ask for it in their Accept header. */
    public static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    public Scrape {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /** The format to answer an Accept header with: OpenMetrics when it is asked for, else Prometheus text. */
    public static String formatFor(String accept) {
        return accept != null && accept.contains("application/openmetrics-text") ? OPEN_METRICS : PROMETHEUS_TEXT;
    }
}
