package io.lodestar.acs.sim.load;

import io.lodestar.acs.sim.model.Node;
import io.lodestar.acs.sim.model.Paths;

import java.util.HashMap;
import java.util.Map;

/**
 * One device's parameter tree, copy-on-write over the shared {@link BaseTree}: the identity values (serial number,
 * user names, address, connection request URL) are computed from the device's number, and what the ACS changes
 * (SetParameterValues, SetParameterAttributes) goes into a small overlay made at the first change. A device the ACS
 * only reads costs a few dozen bytes. Not thread-safe: one session at a time drives a device.
 */
final class DeviceTree {

    private final BaseTree base;
    private final String serial;
    private final int number;
    private String connectionRequestUrl;
    private Map<Integer, String> values;
    private Map<Integer, Integer> notifications;

    DeviceTree(BaseTree base, String serial, int number) {
        this.base = base;
        this.serial = serial;
        this.number = number;
    }

    BaseTree base() {
        return base;
    }

    String serial() {
        return serial;
    }

    void connectionRequestUrl(String url) {
        this.connectionRequestUrl = url;
    }

    /** The value as the CPE holds it (passwords included). */
    String value(int i) {
        if (values != null) {
            String v = values.get(i);
            if (v != null) {
                return v;
            }
        }
        if (i == base.serialNumber || i == base.username || i == base.connectionRequestUsername) {
            return serial;
        }
        if (i == base.address) {
            return address();
        }
        if (i == base.connectionRequestUrl) {
            return connectionRequestUrl != null ? connectionRequestUrl : "http://" + address() + ":7547/";
        }
        return base.node(i).value();
    }

    /** The value a GetParameterValues reads: empty for passwords when the model hides them (TR-069). */
    String readBack(int i) {
        Node n = base.node(i);
        if (base.model().hidesPasswords() && Paths.lastSegment(n.path()).endsWith("Password")) {
            return "";
        }
        return value(i);
    }

    /** 10.x.y.z from the device number: unique for 16 million devices. */
    private String address() {
        int n = number + 1;
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    void set(int i, String value) {
        if (values == null) {
            values = new HashMap<>(4);
        }
        values.put(i, value);
    }

    int notification(int i) {
        if (notifications != null) {
            Integer n = notifications.get(i);
            if (n != null) {
                return n;
            }
        }
        return base.model().attributes(base.node(i).path()).notification();
    }

    void notification(int i, int value) {
        if (notifications == null) {
            notifications = new HashMap<>(4);
        }
        notifications.put(i, value);
    }

    /** FactoryReset: back to the shared tree. */
    void reset() {
        values = null;
        notifications = null;
    }

    /** How many values this device holds apart from the shared tree (for tests and the summary). */
    int overlaySize() {
        return (values == null ? 0 : values.size()) + (notifications == null ? 0 : notifications.size());
    }
}
