package io.lodestar.acs.core.device;

import io.lodestar.acs.core.rpc.DeviceIdStruct;

import java.nio.charset.StandardCharsets;

/**
 * How a device's identity is derived from the DeviceId of its Inform. Components are percent-encoded
 * (everything but letters, digits, '_' and '.'), so the '-' separator can never be ambiguous.
 */
public enum IdentityScheme {
    /** {@code OUI-ProductClass-SerialNumber}, or {@code OUI-SerialNumber} when ProductClass is empty. */
    OUI_PRODUCTCLASS_SERIAL,
    /** {@code OUI-SerialNumber}: for fleets whose product class changes with firmware. */
    OUI_SERIAL,
    /** {@code SerialNumber} alone: for fleets where serial numbers are unique across vendors. */
    SERIAL;

    public DeviceId idOf(DeviceIdStruct id) {
        String oui = escape(id.oui().toUpperCase(java.util.Locale.ROOT));
        String serial = escape(id.serialNumber());
        return new DeviceId(switch (this) {
            case OUI_PRODUCTCLASS_SERIAL -> id.productClass().isEmpty()
                    ? oui + "-" + serial
                    : oui + "-" + escape(id.productClass()) + "-" + serial;
            case OUI_SERIAL -> oui + "-" + serial;
            case SERIAL -> serial;
        });
    }

    static String escape(String component) {
        StringBuilder out = new StringBuilder(component.length());
        for (byte b : component.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
