package io.lodestar.acs.sim.model;

import java.util.List;

/**
 * A parameter's TR-069 attributes.
 *
 * @param notification 0 off, 1 passive, 2 active (3-6 as defined by later TR-069 amendments)
 * @param accessList   the entities besides the ACS that may write it; TR-069 defines only {@code Subscriber}
 */
public record Attributes(int notification, List<String> accessList) {

    public static final Attributes DEFAULT = new Attributes(0, List.of());

    public Attributes {
        accessList = List.copyOf(accessList);
    }
}
