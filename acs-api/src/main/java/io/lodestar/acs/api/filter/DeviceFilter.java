package io.lodestar.acs.api.filter;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.store.DeviceQuery;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A parsed filter split in two: the part the store answers from its indexes ({@link #query()}: product class,
 * software version, one tag, last inform bounds, indexed parameters compared with =), and the rest, checked on
 * each device summary the store returns ({@link #rest()}). Parameters are only stored-side: a parameter compared
 * with anything but = is refused, not silently ignored.
 *
 * @param query    what the store searches by
 * @param rest     what is checked on the summaries (always true when {@link #exact()})
 * @param exact    whether the store's answer is the whole answer
 * @param parameterPositions where each parameter path is named, for errors the store raises about it
 */
public record DeviceFilter(DeviceQuery query, Predicate<Device> rest, boolean exact,
                           java.util.Map<String, Integer> parameterPositions) {

    public static final DeviceFilter ALL = new DeviceFilter(DeviceQuery.ALL, d -> true, true, java.util.Map.of());

    /** @throws FilterException naming the position of the first error */
    public static DeviceFilter parse(String text, Instant now) {
        List<Comparison> comparisons = FilterParser.parse(text);
        DeviceQuery query = DeviceQuery.ALL;
        List<Predicate<Device>> rest = new ArrayList<>();
        java.util.Map<String, Integer> paths = new java.util.HashMap<>();
        for (Comparison c : comparisons) {
            String f = c.field();
            switch (f) {
                case "lastInform" -> query = lastInform(query, c, now);
                case "tag" -> {
                    requireString(c);
                    if (c.op() == Comparison.Op.EQ && query.tag() == null) {
                        query = query.withTag(c.value());
                    } else if (c.op() == Comparison.Op.EQ) {
                        rest.add(d -> d.tags().contains(c.value()));
                    } else if (c.op() == Comparison.Op.NE) {
                        rest.add(d -> !d.tags().contains(c.value()));
                    } else {
                        throw semantic("tag takes = (has the tag) or != (has not)", c.position());
                    }
                }
                case "productClass" -> {
                    requireString(c);
                    if (c.op() == Comparison.Op.EQ && query.productClass() == null) {
                        query = query.withProductClass(c.value());
                    } else {
                        rest.add(compare(c, d -> struct(d, DeviceIdStruct::productClass)));
                    }
                }
                case "softwareVersion" -> {
                    requireString(c);
                    if (c.op() == Comparison.Op.EQ && query.softwareVersion() == null) {
                        query = query.withSoftwareVersion(c.value());
                    } else {
                        rest.add(compare(c, Device::softwareVersion));
                    }
                }
                case "id" -> rest.add(compare(requireString(c), d -> d.id().value()));
                case "manufacturer" -> rest.add(compare(requireString(c), d -> struct(d, DeviceIdStruct::manufacturer)));
                case "oui" -> rest.add(compare(requireString(c), d -> struct(d, DeviceIdStruct::oui)));
                case "serialNumber" -> rest.add(compare(requireString(c), d -> struct(d, DeviceIdStruct::serialNumber)));
                case "hardwareVersion" -> rest.add(compare(requireString(c), Device::hardwareVersion));
                default -> {
                    if (!f.contains(".")) {
                        throw semantic("unknown field '" + f + "': id, manufacturer, oui, productClass, serialNumber, "
                                + "softwareVersion, hardwareVersion, lastInform, tag or an indexed parameter's path",
                                c.position());
                    }
                    requireString(c);
                    if (c.op() != Comparison.Op.EQ) {
                        throw semantic("parameter " + f + " can only be compared with = (the store's index matches "
                                + "values exactly)", c.position());
                    }
                    if (query.parameters().containsKey(f) && !query.parameters().get(f).equals(c.value())) {
                        throw semantic("parameter " + f + " cannot equal two values", c.position());
                    }
                    query = query.withParameter(f, c.value());
                    paths.putIfAbsent(f, c.position());
                }
            }
        }
        Predicate<Device> all = d -> rest.stream().allMatch(p -> p.test(d));
        return new DeviceFilter(query, all, rest.isEmpty(), paths);
    }

    private static DeviceQuery lastInform(DeviceQuery query, Comparison c, Instant now) {
        Instant at;
        if (c.relative()) {
            at = now.minus(duration(c.value()));
        } else {
            try {
                at = Instant.parse(c.value());
            } catch (DateTimeParseException e) {
                throw semantic("lastInform compares with a time: now-<N><s|m|h|d> or \"2026-01-31T12:00:00Z\"",
                        c.valuePosition());
            }
        }
        Instant after = query.informedAfter();
        Instant before = query.informedBefore();
        switch (c.op()) {
            case LT -> before = min(before, at);
            case LE -> before = min(before, at.plusNanos(1));
            case GT -> after = max(after, at.plusNanos(1));
            case GE -> after = max(after, at);
            default -> throw semantic("lastInform takes <, <=, > or >= (a time is never exactly equal)", c.position());
        }
        return query.informedBetween(after, before);
    }

    private static Duration duration(String text) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static Comparison requireString(Comparison c) {
        if (c.relative()) {
            throw semantic("only lastInform compares with a relative time; quote the value", c.valuePosition());
        }
        return c;
    }

    private static Predicate<Device> compare(Comparison c, Function<Device, String> field) {
        return d -> {
            String v = field.apply(d);
            if (v == null) {
                return c.op() == Comparison.Op.NE;
            }
            return c.op().holds(v.compareTo(c.value()));
        };
    }

    private static String struct(Device d, Function<DeviceIdStruct, String> f) {
        return d.deviceIdStruct() == null ? null : f.apply(d.deviceIdStruct());
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static FilterException semantic(String message, int position) {
        return new FilterException(message + " (at position " + position + ")", position, false);
    }

    public DeviceFilter {
        Objects.requireNonNull(query);
        Objects.requireNonNull(rest);
        parameterPositions = java.util.Map.copyOf(parameterPositions);
    }
}
