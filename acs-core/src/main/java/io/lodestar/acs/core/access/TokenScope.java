package io.lodestar.acs.core.access;

/** What an API token may do; each scope includes the ones before it. */
public enum TokenScope {
    /** Look at devices, parameters, tasks, faults. */
    READ,
    /** Also act on devices: queue and cancel tasks, tags, delete devices. */
    WRITE,
    /** Also manage tokens and settings. */
    ADMIN;

    /** Whether holding this scope allows what {@code required} allows. */
    public boolean includes(TokenScope required) {
        return ordinal() >= required.ordinal();
    }
}
