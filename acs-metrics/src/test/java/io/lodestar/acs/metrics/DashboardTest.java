package io.lodestar.acs.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard ({@code deploy/grafana/lodestar.json}) queries only metrics that exist: every metric name
 * in its PromQL is one {@link MetricNames} lists (whose series a scrape shows: {@link AcsMetricsTest}; after a real
 * session over HTTP: acs-server's MetricsEndToEndTest).
 */
public class DashboardTest {

    public static final Path DASHBOARD = Path.of("../deploy/grafana/lodestar.json");

    /** PromQL's functions, aggregations and keywords: identifiers in an expression that are not metrics. */
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "avg", "min", "max", "count", "topk", "bottomk",
            "rate", "irate", "increase", "delta", "histogram_quantile", "by", "without", "on", "ignoring",
            "group_left", "group_right", "and", "or", "unless", "clamp_min", "clamp_max", "abs", "offset", "bool",
            "label_values", "quantile", "stddev", "time", "vector", "scalar", "avg_over_time", "max_over_time");
    private static final Pattern LABELS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** Every PromQL expression of the dashboard's panels (rows' panels included) and variables. */
    public static List<String> expressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> exprs = new ArrayList<>();
        collect(dashboard.path("panels"), exprs);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("query").isTextual()) {
                exprs.add(variable.path("query").asText());
            }
        }
        return exprs;
    }

    private static void collect(JsonNode panels, List<String> exprs) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText());
            }
            collect(panel.path("panels"), exprs);
        }
    }

    /** The metric names an expression reads. */
    public static Set<String> metricsIn(String expr) {
        String bare = RANGE.matcher(GROUPING.matcher(LABELS.matcher(expr).replaceAll(" ")).replaceAll(" "))
                .replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String word = m.group();
            boolean number = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!PROMQL_WORDS.contains(word) && !number) {
                names.add(word);
            }
        }
        return names;
    }

    /** Every metric name the dashboard's queries read. */
    public static Set<String> dashboardMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        expressions().forEach(e -> names.addAll(metricsIn(e)));
        return names;
    }

    @Test
    void theMetricNamesOfAnExpressionAreFoundAmongItsFunctionsLabelsAndRanges() {
        assertThat(metricsIn("histogram_quantile(0.99, sum by (le, method) (rate(lodestar_rpc_duration_seconds_bucket"
                + "{outcome=\"ok\",method=~\"Get.*\"}[$__rate_interval])))"))
                .containsExactly("lodestar_rpc_duration_seconds_bucket");
        assertThat(metricsIn("sum(rate(a_total[5m])) / sum(rate(b_total{x=\"y\"}[5m]))"))
                .containsExactly("a_total", "b_total");
    }

    @Test
    void theDashboardHasPanelsForWhatOperatorsWatch() throws IOException {
        assertThat(expressions()).hasSizeGreaterThan(15);
        assertThat(dashboardMetrics()).contains("lodestar_sessions_total", "lodestar_session_duration_seconds_bucket",
                "lodestar_rpc_duration_seconds_bucket", "lodestar_cpe_faults_total",
                "lodestar_store_operation_duration_seconds_bucket", "cache_gets_total", "jvm_memory_used_bytes",
                "jvm_gc_pause_seconds_sum", "lodestar_connection_request_duration_seconds_count",
                "lodestar_sessions_shed_total");
    }

    @Test
    void everyMetricTheDashboardQueriesIsOneTheNamesClassLists() throws IOException {
        assertThat(MetricNames.prometheusSeries()).containsAll(dashboardMetrics());
    }
}
