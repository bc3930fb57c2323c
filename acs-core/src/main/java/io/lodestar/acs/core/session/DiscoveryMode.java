package io.lodestar.acs.core.session;

/** How the ACS learns a device's data model. */
public enum DiscoveryMode {
    /**
     * One GetParameterNames with NextLevel=true per object, walking the tree level by level: many small
     * round trips, which even a CPE with little memory answers.
     */
    LEVEL_BY_LEVEL,
    /** One GetParameterNames with NextLevel=false for the whole tree: fewer round trips, one big answer. */
    FULL_TREE
}
