package io.lodestar.acs.core.device;

import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;
import org.pcollections.TreePMap;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A device's parameters and objects by path, as an immutable persistent tree: {@link #plus} and {@link #minus}
 * return a new tree in O(log n) that shares every untouched branch with this one. So a snapshot, the session
 * that reads it and the cache that keeps it hold one tree between them, and a change costs what it touches,
 * not the size of the device's data model.
 *
 * <p>Paths are kept in their natural order, in which everything under an object path ({@code Device.WiFi.})
 * is one contiguous range: a subtree is a view ({@link #subtree}) and its removal costs its own size.
 */
public final class ParameterTree implements Iterable<Parameter> {

    private static final ParameterTree EMPTY = new ParameterTree(TreePMap.empty());

    private final TreePMap<String, Parameter> entries;

    private ParameterTree(TreePMap<String, Parameter> entries) {
        this.entries = entries;
    }

    public static ParameterTree empty() {
        return EMPTY;
    }

    /** A tree of these parameters; each map key must be its parameter's path. */
    public static ParameterTree of(Map<String, Parameter> byPath) {
        Objects.requireNonNull(byPath, "parameters");
        if (byPath instanceof TreePMap<String, Parameter> persistent && persistent.comparator() == null) {
            return new ParameterTree(persistent);
        }
        byPath.forEach((path, p) -> {
            Objects.requireNonNull(p, () -> "no parameter for path " + path);
            if (!p.path().equals(path)) {
                throw new IllegalArgumentException("parameter " + p.path() + " is keyed by another path: " + path);
            }
        });
        return new ParameterTree(TreePMap.from(byPath));
    }

    /** A tree of these parameters; of two with the same path, the later wins. */
    public static ParameterTree of(Collection<Parameter> parameters) {
        TreePMap<String, Parameter> entries = TreePMap.empty();
        for (Parameter p : parameters) {
            entries = entries.plus(p.path(), p);
        }
        return new ParameterTree(entries);
    }

    /** The parameter or object with exactly this path, or null. */
    public Parameter get(String path) {
        return entries.get(path);
    }

    public boolean contains(String path) {
        return entries.containsKey(path);
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** This tree with the parameter added, or replacing the one at its path. */
    public ParameterTree plus(Parameter p) {
        return new ParameterTree(entries.plus(p.path(), p));
    }

    /** This tree without the parameter or object at exactly this path. */
    public ParameterTree minus(String path) {
        TreePMap<String, Parameter> after = entries.minus(path);
        return after == entries ? this : new ParameterTree(after);
    }

    /**
     * This tree without everything {@link ParameterPaths#isUnder under} {@code prefix}: an object path and all
     * below it, a parameter path alone, or everything for {@code ""}. Costs the size of what is removed.
     */
    public ParameterTree minusSubtree(String prefix) {
        if (prefix.isEmpty()) {
            return EMPTY;
        }
        if (!ParameterPaths.isObject(prefix)) {
            return minus(prefix);
        }
        TreePMap<String, Parameter> under = range(prefix);
        return under.isEmpty() ? this : new ParameterTree(entries.minusAll(under.keySet()));
    }

    /** What lies {@link ParameterPaths#isUnder under} {@code prefix}, in path order: a view, not a copy. */
    public ParameterTree subtree(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        if (!ParameterPaths.isObject(prefix)) {
            Parameter p = entries.get(prefix);
            return p == null ? EMPTY : new ParameterTree(TreePMap.singleton(prefix, p));
        }
        return new ParameterTree(range(prefix));
    }

    /** The paths that start with an object path: from it up to (not including) the same path ending in '/'. */
    private TreePMap<String, Parameter> range(String objectPath) {
        String end = objectPath.substring(0, objectPath.length() - 1) + (char) ('.' + 1);
        return entries.subMap(objectPath, true, end, false);
    }

    /** The tree as an unmodifiable map by path, in path order: a view, not a copy. */
    public NavigableMap<String, Parameter> asMap() {
        return entries;
    }

    /** The parameters in path order. */
    public Stream<Parameter> stream() {
        return entries.values().stream();
    }

    @Override
    public Iterator<Parameter> iterator() {
        return entries.values().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterTree other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "ParameterTree" + entries.values();
    }
}
