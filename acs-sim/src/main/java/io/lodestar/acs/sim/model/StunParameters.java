package io.lodestar.acs.sim.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ManagementServer parameters of TR-069 Annex G (UDP connection requests through STUN) that a simulated CPE
 * needs to run its STUN client: {@code STUNEnable}, {@code STUNServerAddress}, {@code STUNServerPort},
 * {@code STUNUsername}, {@code STUNPassword}, the keep-alive periods, {@code NATDetected},
 * {@code UDPConnectionRequestAddress} (Active notification, so that a new binding is reported in the next Inform)
 * and {@code UDPConnectionRequestAddressNotificationLimit}; {@code SupportedConnReqMethods}, where the model has
 * it, becomes {@code HTTP,STUN}.
 */
public final class StunParameters {

    private StunParameters() {
    }

    /**
     * A copy of {@code model} with the STUN parameters added where missing (values the model has are kept).
     * STUN starts disabled: the ACS turns it on with SetParameterValues, or the caller sets {@code STUNEnable}.
     */
    public static DataModel withStun(DataModel model) {
        String ms = model.root() + "ManagementServer.";
        Map<String, Node> defaults = new LinkedHashMap<>();
        for (Node n : List.of(
                Node.parameter(ms + "UDPConnectionRequestAddress", "", "xsd:string", false),
                Node.parameter(ms + "UDPConnectionRequestAddressNotificationLimit", "0", "xsd:unsignedInt", true),
                Node.parameter(ms + "STUNEnable", "false", "xsd:boolean", true),
                Node.parameter(ms + "STUNServerAddress", "", "xsd:string", true),
                Node.parameter(ms + "STUNServerPort", "3478", "xsd:unsignedInt", true),
                Node.parameter(ms + "STUNUsername", "", "xsd:string", true),
                Node.parameter(ms + "STUNPassword", "", "xsd:string", true),
                Node.parameter(ms + "STUNMaximumKeepAlivePeriod", "-1", "xsd:int", true),
                Node.parameter(ms + "STUNMinimumKeepAlivePeriod", "30", "xsd:unsignedInt", true),
                Node.parameter(ms + "NATDetected", "false", "xsd:boolean", false))) {
            defaults.put(n.path(), n);
        }
        List<Node> content = new ArrayList<>();
        for (Node n : model.nodes()) {
            defaults.remove(n.path());
            content.add(n.path().equals(ms + "SupportedConnReqMethods") ? n.withValue("HTTP,STUN") : n);
        }
        content.addAll(defaults.values());
        DataModel copy = DataModel.of(model.deviceId(), model.defaultCwmpVersion(), model.hidesPasswords(), content);
        for (Node n : model.nodes()) {
            if (!n.isObject() && !model.attributes(n.path()).equals(Attributes.DEFAULT)) {
                copy.setAttributes(n.path(), model.attributes(n.path()));
            }
        }
        copy.setAttributes(udpConnectionRequestAddress(copy), new Attributes(2, List.of()));
        return copy;
    }

    /** {@code <root>ManagementServer.UDPConnectionRequestAddress}. */
    public static String udpConnectionRequestAddress(DataModel model) {
        return model.root() + "ManagementServer.UDPConnectionRequestAddress";
    }

    /** {@code <root>ManagementServer.<name>}, e.g. {@code STUNEnable}. */
    public static String managementServer(DataModel model, String name) {
        return model.root() + "ManagementServer." + name;
    }
}
