package io.lodestar.acs.profiles.stored;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.profiles.device.DeviceKey;
import io.lodestar.acs.profiles.device.ProfileDevice;
import io.lodestar.acs.profiles.device.ProfileDevices;
import io.lodestar.acs.store.DeviceQuery;
import io.lodestar.acs.store.DeviceStore;
import io.lodestar.acs.store.UnindexedParameterException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the stored device a resyncing phone names. By MAC: the device whose id is the MAC in upper-case hex (how a
 * phone that never spoke TR-069 is registered, by its first resync or by an operator), else a device whose MAC
 * parameter has that value, when that path is in {@code store.indexed-parameters}. By serial: the device whose id
 * is the serial, else one whose {@code DeviceInfo.SerialNumber} (indexed) has it. A device found has the MAC it was
 * found by even when its parameters lack it.
 */
public final class StoredProfileDevices implements ProfileDevices {

    /** Where TR-069 phones report their MAC (the first one is what Cisco MPP phones report). */
    static final List<String> MAC_PATHS = List.of("Device.Ethernet.Interface.1.MACAddress", "Device.LAN.MACAddress",
            "InternetGatewayDevice.LANDevice.1.LANEthernetInterfaceConfig.1.MACAddress");
    static final List<String> SERIAL_PATHS = List.of("Device.DeviceInfo.SerialNumber",
            "InternetGatewayDevice.DeviceInfo.SerialNumber");

    /** The device values where what a phone's User-Agent said is kept (operators see them among its values). */
    public static final String PRODUCT_VALUE = "phone.product-name";
    public static final String FIRMWARE_VALUE = "phone.firmware";

    private final DeviceStore devices;
    private final io.lodestar.acs.store.ProfileStore profiles;

    public StoredProfileDevices(DeviceStore devices, io.lodestar.acs.store.ProfileStore profiles) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    /**
     * Keeps the model and firmware the phone's User-Agent names when the stored device has none of its own (a phone
     * that never spoke TR-069), so that the API's preview and Download tasks render it as its resync does. Written
     * only when changed.
     */
    @Override
    public void seen(ProfileDevice device, io.lodestar.acs.profiles.identify.Identified phone) {
        if (phone.userAgent() == null) {
            return;
        }
        java.util.Map<String, String> kept =
                profiles.profileValues(io.lodestar.acs.store.ProfileValueKey.Scope.DEVICE, device.id().value());
        String[][] facts = {{PRODUCT_VALUE, device.productName(), phone.userAgent().productName()},
                {FIRMWARE_VALUE, device.softwareVersion(), phone.userAgent().firmware()}};
        for (String[] f : facts) {
            boolean ownFact = f[1] != null && !f[1].equals(kept.get(f[0])); // reported by the device itself
            if (!ownFact && !f[2].equals(kept.get(f[0]))) {
                profiles.putProfileValue(new io.lodestar.acs.store.ProfileValueKey(
                        io.lodestar.acs.store.ProfileValueKey.Scope.DEVICE, device.id().value(), f[0]), f[2]);
            }
        }
    }

    /** The device id a phone known only by its MAC (or serial) is registered under. */
    public static DeviceId idOf(DeviceKey key) {
        return key instanceof DeviceKey.ByMac mac ? new DeviceId(mac.mac().upperHex())
                : new DeviceId(((DeviceKey.BySerial) key).serialNumber());
    }

    @Override
    public Optional<ProfileDevice> find(DeviceKey key) {
        Optional<ProfileDevice> byId = byId(idOf(key));
        if (byId.isEmpty()) {
            List<String> paths = key instanceof DeviceKey.ByMac ? MAC_PATHS : SERIAL_PATHS;
            for (String path : paths) {
                if (!devices.indexedParameters().contains(path)) {
                    continue;
                }
                for (String value : values(key)) {
                    try {
                        List<Device> found = devices.findDevices(DeviceQuery.ALL.withParameter(path, value), null, 2);
                        if (found.size() == 1) {
                            byId = byId(found.get(0).id());
                        }
                    } catch (UnindexedParameterException e) {
                        // the index was dropped since the check: try the next path
                    }
                    if (byId.isPresent()) {
                        break;
                    }
                }
                if (byId.isPresent()) {
                    break;
                }
            }
        }
        return byId.map(d -> key instanceof DeviceKey.ByMac mac && d.mac() == null ? withMac(d, mac) : d);
    }

    /**
     * The device as a template sees it (the API's preview, a Download's profile), or empty when unknown. A device
     * whose id is a MAC (a phone registered by its resync) has that MAC when its parameters lack one.
     */
    public Optional<ProfileDevice> byId(DeviceId id) {
        return devices.loadSnapshot(id).map(ProfileDevice::fromSnapshot).map(d -> d.mac() != null ? d
                : io.lodestar.acs.profiles.device.MacAddress.parse(id.value())
                        .filter(m -> id.value().length() == 12)
                        .map(m -> withMac(d, new DeviceKey.ByMac(m))).orElse(d)).map(this::withKeptFacts);
    }

    /** What the phone's User-Agent said, where the device reports nothing of its own. */
    private ProfileDevice withKeptFacts(ProfileDevice d) {
        if (d.productName() != null && d.softwareVersion() != null) {
            return d;
        }
        java.util.Map<String, String> kept =
                profiles.profileValues(io.lodestar.acs.store.ProfileValueKey.Scope.DEVICE, d.id().value());
        String product = d.productName() != null ? d.productName() : kept.get(PRODUCT_VALUE);
        String firmware = d.softwareVersion() != null ? d.softwareVersion() : kept.get(FIRMWARE_VALUE);
        if (product == null && firmware == null) {
            return d;
        }
        return new ProfileDevice(d.id(), d.mac(), d.serialNumber(), d.productClass(), product, d.productSeries(),
                firmware, d.hardwareVersion(), d.tags(), d.parameters());
    }

    private static List<String> values(DeviceKey key) {
        if (key instanceof DeviceKey.ByMac mac) {
            return List.of(mac.mac().colonSeparated().toUpperCase(java.util.Locale.ROOT), mac.mac().colonSeparated(),
                    mac.mac().upperHex(), mac.mac().lowerHex());
        }
        return List.of(((DeviceKey.BySerial) key).serialNumber());
    }

    private static ProfileDevice withMac(ProfileDevice d, DeviceKey.ByMac mac) {
        return new ProfileDevice(d.id(), mac.mac(), d.serialNumber(), d.productClass(), d.productName(),
                d.productSeries(), d.softwareVersion(), d.hardwareVersion(), d.tags(), d.parameters());
    }
}
