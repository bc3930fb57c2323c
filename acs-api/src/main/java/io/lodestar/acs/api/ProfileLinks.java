package io.lodestar.acs.api;

import io.lodestar.acs.core.device.DeviceId;

/**
 * The signed per-device URL at which the file server renders a profile template for one device (what a Download
 * task naming a {@code profile} hands the device). The composition root backs it with the file server's URL signer.
 */
@FunctionalInterface
public interface ProfileLinks {

    /** No file server: no profile can be named. */
    ProfileLinks NONE = (template, device) -> null;

    /** The URL, or null when there is no file server. */
    String url(String template, DeviceId device);
}
