package io.lodestar.acs.profiles.identify;

import io.lodestar.acs.profiles.device.DeviceKey;
import io.lodestar.acs.profiles.template.Macro;
import io.lodestar.acs.profiles.template.ProfileTemplate;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A phone and the template it asks for.
 *
 * @param template   the template whose path matched
 * @param key        the device's MAC or serial number
 * @param userAgent  what its User-Agent said, or null when it was not a known form
 * @param pathValues the macro values read from the path (e.g. {@code PSN -> 8841-3PCC})
 */
public record Identified(ProfileTemplate template, DeviceKey key, PhoneUserAgent userAgent,
                         Map<Macro, String> pathValues) implements Identification {

    public Identified {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(key, "key");
        pathValues = Map.copyOf(pathValues);
    }

    public Optional<PhoneUserAgent> agent() {
        return Optional.ofNullable(userAgent);
    }
}
