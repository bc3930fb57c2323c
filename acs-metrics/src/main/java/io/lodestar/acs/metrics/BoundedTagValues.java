package io.lodestar.acs.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one tag may take when they come from outside (CPEs choose their event codes, fault codes and product
 * classes): the first {@code limit} distinct values are kept as they are (cut to {@value #MAX_LENGTH} characters),
 * every later one becomes {@link MetricNames#OTHER}. Each value is a series in Prometheus; without this bound a
 * misbehaving CPE could grow the scrape, and the ACS's memory, without end.
 */
final class BoundedTagValues {

    static final int MAX_LENGTH = 64;

    private final int limit;
    private final Set<String> kept = ConcurrentHashMap.newKeySet();

    BoundedTagValues(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a tag keeps at least one value, not " + limit);
        }
        this.limit = limit;
    }

    /** The value to tag with: {@code value} itself while there is room (or it was seen before), else "other". */
    String of(String value) {
        String v = value == null ? "" : value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
        if (kept.contains(v)) {
            return v;
        }
        synchronized (this) {
            if (kept.size() < limit) {
                kept.add(v);
                return v;
            }
        }
        return MetricNames.OTHER;
    }
}
