package io.lodestar.acs.store;

import io.lodestar.acs.core.parameter.ParameterPaths;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The parameter paths a store keeps an index of, so that operators can find devices by the value of one of
 * them ({@link DeviceQuery#withParameter}): a serial number, a MAC address, a SIP user name. Each path names
 * one parameter exactly, instance numbers included; every ACS node on one store must be given the same list.
 *
 * <p>The index costs a write per changed indexed parameter in each session, so the list is kept short
 * (at most {@value #MAX_PATHS} paths). A store opened with paths it did not index before indexes the devices
 * it already holds first (see each store's {@code open}).
 */
public final class IndexedParameters {

    /** The most paths one store indexes. */
    public static final int MAX_PATHS = 32;
    /** The longest indexed path (TR-069's limit of a parameter name). */
    public static final int MAX_PATH_LENGTH = 256;

    /** No indexed parameter. */
    public static final IndexedParameters NONE = new IndexedParameters(new TreeSet<>());

    private final SortedSet<String> paths;

    private IndexedParameters(SortedSet<String> paths) {
        this.paths = Collections.unmodifiableSortedSet(paths);
    }

    /**
     * The given paths (duplicates count once).
     *
     * @throws IllegalArgumentException for a path that is not one parameter's full path, or too many paths
     */
    public static IndexedParameters of(Collection<String> paths) {
        TreeSet<String> set = new TreeSet<>();
        for (String p : paths) {
            set.add(check(p));
        }
        if (set.size() > MAX_PATHS) {
            throw new IllegalArgumentException("at most " + MAX_PATHS + " indexed parameters, not " + set.size());
        }
        return new IndexedParameters(set);
    }

    public static IndexedParameters of(String... paths) {
        return of(Arrays.asList(paths));
    }

    /** Parses a comma-separated list (blanks around the commas are ignored; an empty text is {@link #NONE}). */
    public static IndexedParameters parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        return of(Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    private static String check(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("an indexed parameter needs a path");
        }
        if (path.contains("*") || path.contains("{i}")) {
            throw new IllegalArgumentException("indexed parameter '" + path
                    + "': wildcards are not supported, name the instance (e.g. Device.Ethernet.Interface.1.MACAddress)");
        }
        if (!ParameterPaths.isValid(path) || ParameterPaths.isObject(path) || ParameterPaths.root(path).isEmpty()) {
            throw new IllegalArgumentException("indexed parameter '" + path
                    + "' is not a parameter's full path (e.g. Device.DeviceInfo.SerialNumber)");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException("indexed parameter '" + path.substring(0, 40) + "...' is longer than "
                    + MAX_PATH_LENGTH + " characters");
        }
        return path;
    }

    /** The paths, in order. */
    public SortedSet<String> paths() {
        return paths;
    }

    public boolean contains(String path) {
        return paths.contains(path);
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    /** The paths of this list that {@code other} lacks. */
    public Set<String> minus(IndexedParameters other) {
        TreeSet<String> out = new TreeSet<>(paths);
        out.removeAll(other.paths);
        return out;
    }

    /**
     * Checks that every parameter the query names is indexed here.
     *
     * @throws UnindexedParameterException naming the first that is not
     */
    public void requireIndexed(DeviceQuery query) {
        for (String path : query.parameters().keySet()) {
            if (!paths.contains(path)) {
                throw new UnindexedParameterException(path, this);
            }
        }
    }

    /** The comma-separated form {@link #parse} reads. */
    @Override
    public String toString() {
        return String.join(",", paths);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexedParameters other && paths.equals(other.paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode();
    }
}
