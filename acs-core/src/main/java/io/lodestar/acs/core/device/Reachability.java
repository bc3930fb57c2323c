package io.lodestar.acs.core.device;

/**
 * How the ACS can reach the device between its sessions (the place for more ways to reach it, such as a
 * UDP connection request address and its credentials).
 *
 * @param connectionRequestUrl ManagementServer.ConnectionRequestURL as last reported (null when unknown)
 */
public record Reachability(String connectionRequestUrl) {

    /** Nothing known yet. */
    public static final Reachability UNKNOWN = new Reachability(null);
}
