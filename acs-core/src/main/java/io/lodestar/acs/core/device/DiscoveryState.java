package io.lodestar.acs.core.device;

import java.time.Instant;

/**
 * Whether the ACS knows the device's whole data model.
 *
 * @param required     whether the ACS must (re)learn the device's whole data model
 * @param discoveredAt when the data model was last learned completely (null when never)
 */
public record DiscoveryState(boolean required, Instant discoveredAt) {

    /** A device whose data model was never learned. */
    public static final DiscoveryState REQUIRED = new DiscoveryState(true, null);
}
