package io.lodestar.acs.sim.load;

import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.ParameterValueStruct;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One device of a load run: its identity, its copy-on-write tree, and what it remembers between sessions (the
 * events still to deliver, its failed attempts for the Inform's RetryCount and the retry back-off). Not
 * thread-safe: the generator never runs two sessions of one device at once.
 */
final class LoadCpe {

    private final int number;
    private final DeviceTree tree;
    private final DeviceIdStruct deviceId;
    private boolean bootstrapPending;
    private boolean bootPending;
    private String rebootKey;
    private boolean factoryReset;
    private int retryCount;
    private int nextId;
    /** The Digest answer of its last session, kept to present its nonce again at the next (null: none yet). */
    private io.lodestar.acs.httpauth.HttpAuthClient auth;
    /** Set while the device waits for a connection-request session. */
    volatile boolean connectionRequested;

    LoadCpe(BaseTree base, int number, String serial) {
        this.number = number;
        this.tree = new DeviceTree(base, serial, number);
        DeviceIdStruct d = base.model().deviceId();
        this.deviceId = new DeviceIdStruct(d.manufacturer(), d.oui(), d.productClass(), serial);
    }

    int number() {
        return number;
    }

    DeviceTree tree() {
        return tree;
    }

    DeviceIdStruct deviceId() {
        return deviceId;
    }

    /** The ACS's id of this device: OUI-ProductClass-Serial. */
    String acsDeviceId() {
        return deviceId.oui() + "-" + deviceId.productClass() + "-" + deviceId.serialNumber();
    }

    /** A device the ACS has not seen: its next Inform is 0 BOOTSTRAP + 1 BOOT. */
    void fresh() {
        bootstrapPending = true;
        bootPending = true;
    }

    /** A power cut: the next Inform is 1 BOOT. */
    void powerCycled() {
        bootPending = true;
    }

    int retryCount() {
        return retryCount;
    }

    String nextId() {
        return Integer.toString(++nextId);
    }

    List<EventStruct> events(String trigger) {
        List<EventStruct> out = new ArrayList<>(3);
        if (bootstrapPending) {
            out.add(EventStruct.of(EventStruct.BOOTSTRAP));
        }
        if (bootPending) {
            out.add(EventStruct.of(EventStruct.BOOT));
        }
        if (trigger != null) {
            out.add(EventStruct.of(trigger));
        }
        if (rebootKey != null) {
            out.add(new EventStruct(EventStruct.M_REBOOT, rebootKey));
        }
        if (out.isEmpty()) {
            out.add(EventStruct.of(EventStruct.PERIODIC));
        }
        return out;
    }

    Inform inform(List<EventStruct> events) {
        BaseTree b = tree.base();
        List<ParameterValueStruct> params = new ArrayList<>(b.informNames().size());
        for (String name : b.informNames()) {
            int i = b.indexOf(name);
            params.add(new ParameterValueStruct(name, tree.readBack(i), b.node(i).type()));
        }
        return new Inform(deviceId, events, 1, Instant.now().toString(), retryCount, params);
    }

    /** The ACS took the Inform: its events are delivered. */
    void informAccepted(List<EventStruct> events) {
        for (EventStruct e : events) {
            switch (e.eventCode()) {
                case EventStruct.BOOTSTRAP -> bootstrapPending = false;
                case EventStruct.BOOT -> bootPending = false;
                case EventStruct.M_REBOOT -> rebootKey = null;
                default -> { }
            }
        }
    }

    void rebootAfterSession(String commandKey) {
        rebootKey = commandKey == null ? "" : commandKey;
    }

    void factoryResetAfterSession() {
        factoryReset = true;
    }

    /** The session ended: a reboot or factory reset asked for happens now; the retry count follows the outcome. */
    void sessionEnded(boolean ok) {
        retryCount = ok ? 0 : retryCount + 1;
        if (factoryReset) {
            factoryReset = false;
            tree.reset();
            rebootKey = null;
            fresh();
        } else if (rebootKey != null) {
            bootPending = true;
        }
    }

    io.lodestar.acs.httpauth.HttpAuthClient auth() {
        return auth;
    }

    void auth(io.lodestar.acs.httpauth.HttpAuthClient auth) {
        this.auth = auth;
    }
}
