package io.lodestar.acs.core.device;

/**
 * What the device is, as it last reported it.
 *
 * @param dataModelRoot   "Device." or "InternetGatewayDevice." (null until known)
 * @param softwareVersion DeviceInfo.SoftwareVersion as last reported
 * @param hardwareVersion DeviceInfo.HardwareVersion as last reported
 */
public record Inventory(String dataModelRoot, String softwareVersion, String hardwareVersion) {

    /** Nothing known yet. */
    public static final Inventory UNKNOWN = new Inventory(null, null, null);

    public Inventory withDataModelRoot(String root) {
        return new Inventory(root, softwareVersion, hardwareVersion);
    }
}
