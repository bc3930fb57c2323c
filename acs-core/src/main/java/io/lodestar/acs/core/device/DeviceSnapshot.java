package io.lodestar.acs.core.device;

import io.lodestar.acs.core.parameter.Parameter;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;

/**
 * A device with all its stored parameters: what a session starts from. The tree is persistent, so a snapshot
 * costs nothing to hand on and a session's changes to it never copy it.
 */
public record DeviceSnapshot(Device device, ParameterTree tree) {

    public DeviceSnapshot {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(tree, "tree");
    }

    /** A snapshot of parameters keyed by path (as a store reads them). */
    public DeviceSnapshot(Device device, Map<String, Parameter> parameters) {
        this(device, ParameterTree.of(parameters));
    }

    /** The parameters by path, in path order: an unmodifiable view of the tree, not a copy. */
    public NavigableMap<String, Parameter> parameters() {
        return tree.asMap();
    }
}
