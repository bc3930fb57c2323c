package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.filter.DeviceFilter;
import io.lodestar.acs.api.filter.FilterException;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.api.problem.Problem;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.service.ErrorCode;
import io.lodestar.acs.service.ServiceException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Pages of the devices a filter matches, by keyset: the cursor is the last device id looked at. The store answers
 * what it indexes; the rest of the filter is checked on the summaries it returns, reading at most
 * {@link #MAX_SCANNED} devices per page, so a page may hold fewer items than asked while {@code next} is set.
 */
final class DeviceSearch {

    static final int MAX_SCANNED = 5_000;
    private static final int BATCH = 500;

    record Page(List<Device> items, String next) {}

    private final DeviceService devices;

    DeviceSearch(DeviceService devices) {
        this.devices = devices;
    }

    static DeviceFilter filter(String text, Instant now) {
        try {
            return DeviceFilter.parse(text, now);
        } catch (FilterException e) {
            throw new ApiException(Problem.of(e.syntax() ? 400 : 422, "BAD_FILTER", "Bad filter", e.getMessage())
                    .at(e.position()));
        }
    }

    Page page(DeviceFilter filter, String cursor, int limit) {
        DeviceId after = cursor == null || cursor.isEmpty() ? null : decode(cursor);
        List<Device> out = new ArrayList<>();
        int scanned = 0;
        while (true) {
            int want = filter.exact() ? limit + 1 - out.size() : BATCH;
            List<Device> batch = search(filter, after, want);
            for (Device d : batch) {
                scanned++;
                if (filter.rest().test(d)) {
                    if (out.size() == limit) {
                        return new Page(out, encode(out.get(limit - 1).id()));
                    }
                    out.add(d);
                }
                after = d.id();
            }
            if (batch.size() < want) {
                return new Page(out, null);
            }
            if (scanned >= MAX_SCANNED) {
                return new Page(out, encode(after));
            }
        }
    }

    private List<Device> search(DeviceFilter filter, DeviceId after, int limit) {
        try {
            return devices.search(filter.query(), after, limit);
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.PARAMETER_NOT_INDEXED) {
                Problem p = Problem.of(422, "BAD_FILTER", "Bad filter", e.getMessage());
                for (Map.Entry<String, Integer> path : filter.parameterPositions().entrySet()) {
                    if (e.getMessage().contains(" " + path.getKey() + " ")) {
                        p = p.at(path.getValue());
                    }
                }
                throw new ApiException(p);
            }
            throw e;
        }
    }

    static String encode(DeviceId id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.value().getBytes(StandardCharsets.UTF_8));
    }

    static DeviceId decode(String cursor) {
        try {
            return new DeviceId(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("BAD_CURSOR", "'" + cursor + "' is not a cursor this API gave out");
        }
    }
}
