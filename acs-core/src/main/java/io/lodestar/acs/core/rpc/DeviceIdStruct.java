package io.lodestar.acs.core.rpc;

/** The Inform's DeviceId: who the CPE says it is. ProductClass may be empty. */
public record DeviceIdStruct(String manufacturer, String oui, String productClass, String serialNumber) {

    public DeviceIdStruct {
        manufacturer = nullToEmpty(manufacturer);
        oui = nullToEmpty(oui);
        productClass = nullToEmpty(productClass);
        serialNumber = nullToEmpty(serialNumber);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}
