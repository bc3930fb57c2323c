package io.lodestar.acs.profiles.device;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.DeviceIdStruct;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a template may read of one device. Absent facts are null and make a template that uses them fail with the
 * name of what is missing; they are never rendered as empty text.
 *
 * @param id              the device's id in Lodestar (per-device values and keys hang on it)
 * @param mac             its MAC address, or null
 * @param serialNumber    {@code $SN}, or null
 * @param productClass    the TR-069 ProductClass (per-product-class values hang on it), or null
 * @param productName     {@code $PN}, e.g. {@code CP-8841-3PCC}, or null
 * @param productSeries   {@code $PSN}, or null to derive it from the product name
 * @param softwareVersion {@code $SWVER}, or null
 * @param hardwareVersion {@code $HWVER}, or null
 * @param tags            operators' tags (per-tag values hang on them)
 * @param parameters      parameter values by full path (objects and never-read values left out)
 */
public record ProfileDevice(DeviceId id, MacAddress mac, String serialNumber, String productClass, String productName,
                            String productSeries, String softwareVersion, String hardwareVersion, Set<String> tags,
                            Map<String, String> parameters) {

    /** {@code CP-8841-3PCC} gives {@code 8841-3PCC}, {@code SPA504G} gives {@code 504G}, as Cisco's guides show. */
    private static final Pattern SERIES_AFTER_LETTERS = Pattern.compile("^[A-Za-z]+-?([0-9].*)$");

    /** Where TR-098 and TR-181 devices report a MAC address, tried in order. */
    private static final List<String> MAC_PATHS = List.of(
            "Device.Ethernet.Interface.1.MACAddress",
            "Device.LAN.MACAddress",
            "InternetGatewayDevice.LANDevice.1.LANEthernetInterfaceConfig.1.MACAddress",
            "InternetGatewayDevice.LANDevice.1.LANHostConfigManagement.MACAddress");

    public ProfileDevice {
        Objects.requireNonNull(id, "id");
        tags = Set.copyOf(tags);
        parameters = Map.copyOf(parameters);
        serialNumber = blankToNull(serialNumber);
        productClass = blankToNull(productClass);
        productName = blankToNull(productName);
        productSeries = blankToNull(productSeries);
        softwareVersion = blankToNull(softwareVersion);
        hardwareVersion = blankToNull(hardwareVersion);
    }

    /** {@code $PSN}: the product series when known, else what follows the product name's letter prefix. */
    public Optional<String> series() {
        if (productSeries != null) {
            return Optional.of(productSeries);
        }
        if (productName == null) {
            return Optional.empty();
        }
        Matcher m = SERIES_AFTER_LETTERS.matcher(productName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * A stored device as a template sees it: serial and product class from its Inform's DeviceId, versions from
     * its inventory, product name from {@code DeviceInfo.ModelName}, the MAC from the first usual path that holds
     * one. What the snapshot lacks stays null.
     */
    public static ProfileDevice fromSnapshot(DeviceSnapshot snapshot) {
        var device = snapshot.device();
        Map<String, String> values = new HashMap<>();
        for (Parameter p : snapshot.tree()) {
            if (!p.isObject() && p.value() != null) {
                values.put(p.path(), p.value());
            }
        }
        String root = device.dataModelRoot() != null ? device.dataModelRoot() : "Device.";
        DeviceIdStruct reported = device.deviceIdStruct();
        MacAddress mac = MAC_PATHS.stream().map(values::get).map(MacAddress::parse)
                .flatMap(Optional::stream).findFirst().orElse(null);
        return new ProfileDevice(device.id(), mac,
                reported != null ? reported.serialNumber() : values.get(root + "DeviceInfo.SerialNumber"),
                reported != null ? reported.productClass() : values.get(root + "DeviceInfo.ProductClass"),
                values.get(root + "DeviceInfo.ModelName"), null,
                device.softwareVersion() != null ? device.softwareVersion() : values.get(root + "DeviceInfo.SoftwareVersion"),
                device.hardwareVersion() != null ? device.hardwareVersion() : values.get(root + "DeviceInfo.HardwareVersion"),
                device.tags(), values);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
