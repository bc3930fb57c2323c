package io.lodestar.acs.service;

/**
 * A value an operator wants a parameter to take, as given: the type may be left out (null or empty), and is
 * then the type the device reported for the parameter ({@code xsd:string} when it reported none).
 *
 * @param path  the parameter's full path
 * @param value the value's lexical form
 * @param type  an xsd type ({@code xsd:unsignedInt} or {@code unsignedInt}), or null for the stored one
 */
public record NewValue(String path, String value, String type) {

    /** A value whose type is the stored parameter's. */
    public static NewValue of(String path, String value) {
        return new NewValue(path, value, null);
    }
}
