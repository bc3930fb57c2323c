package io.lodestar.acs.bench.session;

import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.model.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulated TR-181 device with exactly the asked number of parameters. Whatever the size, the same 16
 * parameters carry the device's identity and its Inform (so every size sends an Inform of the same bytes and the
 * same 9 parameters); the rest is filler, groups of {@value #PER_GROUP} string parameters under
 * {@code Device.X_LODESTAR_Bench.Group.{n}.}.
 */
final class BenchTree {

    /** Below this the fixed part does not fit. */
    static final int MIN_PARAMETERS = 32;
    static final int PER_GROUP = 10;
    private static final String OUI = "00D09E";
    private static final String PRODUCT_CLASS = "LodestarBench";

    private BenchTree() {}

    /**
     * The model of one device.
     *
     * @param parameters how many parameters the tree has, at least {@link #MIN_PARAMETERS}
     * @param serial     the device's serial number; give all devices serials of one length so their Informs are
     *                   the same size
     */
    static DataModel of(int parameters, String serial) {
        if (parameters < MIN_PARAMETERS) {
            throw new IllegalArgumentException("a benchmark tree needs at least " + MIN_PARAMETERS
                    + " parameters, not " + parameters);
        }
        List<Node> nodes = new ArrayList<>(fixedPart(serial));
        int filler = parameters - nodes.size();
        for (int i = 0; i < filler; i++) {
            int group = i / PER_GROUP + 1;
            int member = i % PER_GROUP + 1;
            nodes.add(Node.parameter("Device.X_LODESTAR_Bench.Group." + group + ".Value" + member,
                    "value-" + group + "-" + member, Node.STRING, true));
        }
        DataModel model = DataModel.of(new DeviceIdStruct("Lodestar", OUI, PRODUCT_CLASS, serial), CwmpVersion.V1_2,
                true, nodes);
        if (model.parameterCount() != parameters) {
            throw new IllegalStateException("built " + model.parameterCount() + " parameters, not " + parameters);
        }
        return model;
    }

    /** A serial number of one length for every device of every size: {@code S00150-000001}. */
    static String serial(int parameters, int device) {
        return String.format("S%05d-%06d", parameters, device);
    }

    private static List<Node> fixedPart(String serial) {
        return List.of(
                Node.parameter("Device.RootDataModelVersion", "2.14", Node.STRING, false),
                Node.parameter("Device.DeviceInfo.Manufacturer", "Lodestar", Node.STRING, false),
                Node.parameter("Device.DeviceInfo.ManufacturerOUI", OUI, Node.STRING, false),
                Node.parameter("Device.DeviceInfo.ProductClass", PRODUCT_CLASS, Node.STRING, false),
                Node.parameter("Device.DeviceInfo.SerialNumber", serial, Node.STRING, false),
                Node.parameter("Device.DeviceInfo.SpecVersion", "1.0", Node.STRING, false),
                Node.parameter("Device.DeviceInfo.HardwareVersion", "HW-1", Node.STRING, false),
                Node.parameter("Device.DeviceInfo.SoftwareVersion", "SW-1.0.0", Node.STRING, false),
                Node.parameter("Device.DeviceInfo.ProvisioningCode", "BENCH", Node.STRING, true),
                Node.parameter("Device.ManagementServer.URL", "http://127.0.0.1/", Node.STRING, true),
                Node.parameter("Device.ManagementServer.ConnectionRequestURL", "http://127.0.0.1:7548/" + serial,
                        Node.STRING, false),
                Node.parameter("Device.ManagementServer.ParameterKey", "", Node.STRING, false),
                Node.parameter("Device.ManagementServer.PeriodicInformEnable", "true", "xsd:boolean", true),
                Node.parameter("Device.ManagementServer.PeriodicInformInterval", "300", "xsd:unsignedInt", true),
                Node.parameter("Device.ManagementServer.AliasBasedAddressing", "false", "xsd:boolean", false),
                Node.parameter("Device.IP.Interface.1.IPv4Address.1.IPAddress", "192.0.2.1", Node.STRING, true));
    }
}
