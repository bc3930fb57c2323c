package io.lodestar.acs.stun;

/**
 * Told when the STUN server learns something the ACS should store about a device's UDP binding. Called on the
 * STUN server's event loop, after the registry is updated: a listener hands slow work (the store) to another
 * thread. A failing listener is logged and does not harm the others.
 */
@FunctionalInterface
public interface UdpBindingListener {

    /**
     * Why the listener is told. Plain keep-alive refreshes of an unchanged binding are not told, except one every
     * half time-to-live ({@link #REFRESHED}), so that a stored copy stays fresh.
     */
    enum Change {
        /** A username seen for the first time (or again after it was forgotten). */
        LEARNED,
        /** The binding's address changed (the NAT mapped the CPE anew). */
        MOVED,
        /** The CPE reported BINDING-CHANGE: it will also report a new UDPConnectionRequestAddress in an Inform. */
        REPORTED_BY_CPE,
        /** Unchanged, refreshed by keep-alives: told at most once per half binding time-to-live per device. */
        REFRESHED
    }

    void bindingChanged(UdpBinding binding, Change change);
}
