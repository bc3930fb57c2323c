package io.lodestar.acs.profiles.service;

import io.lodestar.acs.profiles.device.ProfileDevice;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a device's profile has moved (issue 20, item 6: phones follow 301 and 302): set by operators per device, per
 * tag, per product class or for every device of a template. The service asks once the device is known and its
 * credentials checked, before building the profile.
 */
@FunctionalInterface
public interface ProfileRedirects {

    /** The redirect for this device's profile of {@code template}, if an operator set one. */
    Optional<Redirect> find(ProfileDevice device, String template);

    ProfileRedirects NONE = (device, template) -> Optional.empty();

    /**
     * @param location  the absolute http(s) URL, macros ({@code $MA}, {@code $(SN)}, ...) not yet expanded
     * @param permanent 301 when true, else 302
     */
    record Redirect(String location, boolean permanent) {
        public Redirect {
            Objects.requireNonNull(location, "location");
        }
    }
}
