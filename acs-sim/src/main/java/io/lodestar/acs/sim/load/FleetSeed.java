package io.lodestar.acs.sim.load;

import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.sim.model.DataModel;

import java.util.Locale;

/**
 * The devices of a load run, one at a time, for tools that register a fleet without HTTP (acs-bench's
 * {@code SeedDevices}): device {@code number} has the identity, tree and answers it has in {@code lodestar load}
 * with the same model and {@code --serial-prefix} (serial number prefix + 7 digits of {@code number + 1}), so that a
 * store seeded through it holds the very devices a later {@code lodestar load --no-prime} informs as.
 */
public final class FleetSeed {

    private final BaseTree base;
    private final String serialPrefix;

    public FleetSeed(DataModel model, String serialPrefix) {
        this.base = new BaseTree(model);
        this.serialPrefix = serialPrefix;
    }

    /** The serial number of device {@code number} (0-based), as {@link LoadGenerator} gives it. */
    public String serial(int number) {
        return String.format(Locale.ROOT, "%s%07d", serialPrefix, number + 1);
    }

    /** One device as a load run simulates it (not thread-safe; one per thread). */
    public Device device(int number) {
        return new Device(new LoadCpe(base, number, serial(number)));
    }

    /** The CWMP version the model's devices speak. */
    public CwmpVersion version() {
        return base.model().defaultCwmpVersion();
    }

    /** One simulated device: its first contact's Inform, and its answers to the ACS's requests. */
    public static final class Device {

        private final LoadCpe cpe;

        private Device(LoadCpe cpe) {
            this.cpe = cpe;
        }

        /** The ACS's id of the device: OUI-ProductClass-Serial. */
        public String acsDeviceId() {
            return cpe.acsDeviceId();
        }

        /** The Inform of the device's first contact: {@code 0 BOOTSTRAP} and {@code 1 BOOT}. */
        public Inform bootstrapInform() {
            cpe.fresh();
            return cpe.inform(cpe.events(null));
        }

        /** An Inform with these event codes. */
        public Inform inform(String... eventCodes) {
            return cpe.inform(java.util.Arrays.stream(eventCodes).map(EventStruct::of).toList());
        }

        /** The device's answer to one request of the ACS (a response or a CWMP fault). */
        public CwmpMessage answer(CwmpMessage request) {
            return LoadRpcHandler.answer(cpe, request);
        }
    }
}
