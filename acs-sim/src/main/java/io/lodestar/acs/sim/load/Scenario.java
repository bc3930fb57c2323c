package io.lodestar.acs.sim.load;

import java.util.Locale;

/** What a load run does (docs/simulator.md, "Load runs"). */
public enum Scenario {
    /** Known devices inform 2 PERIODIC, at a target rate or as fast as the concurrency allows. */
    PERIODIC,
    /** Every known device boots at once (1 BOOT); failed sessions retry with the TR-069 back-off until all are served. */
    BOOT_STORM,
    /** The ACS queues a task with a connection request for every known device; each answers with a session. */
    CONNECTION_REQUEST_STORM,
    /** Devices the ACS has never seen (0 BOOTSTRAP + 1 BOOT): the ACS registers them and walks their data model. */
    DISCOVERY;

    /** The command line's name: {@code periodic}, {@code boot-storm}, {@code cr-storm}, {@code discovery}. */
    public String cliName() {
        return this == CONNECTION_REQUEST_STORM ? "cr-storm" : name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Scenario fromCli(String s) {
        for (Scenario v : values()) {
            if (v.cliName().equalsIgnoreCase(s.trim()) || v.name().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown scenario " + s + " (periodic, boot-storm, cr-storm, discovery)");
    }

    /** Whether each device needs one served session and the run ends when all have one. */
    boolean once() {
        return this != PERIODIC;
    }
}
