package io.lodestar.acs.datamodel;

/**
 * An object of a standard model, by its path pattern ({@code Device.IP.Interface.{i}.}).
 *
 * @param path       the pattern, {@code {i}} for every instance number
 * @param model      the model that defines it, e.g. {@code Device:2.17}
 * @param writable   for a table's instance object: whether the ACS may add and delete instances
 * @param maxEntries the most instances a table may hold, or -1 for unbounded
 */
public record ObjectSpec(String path, String model, boolean writable, long maxEntries) {

    /** Whether it is the instance object of a table (its pattern ends in {@code {i}.}). */
    public boolean isTableInstance() {
        return path.endsWith(".{i}.");
    }
}
