package io.lodestar.acs.stun;

import io.lodestar.acs.core.rpc.ParameterValueStruct;

import java.util.List;
import java.util.Objects;

/**
 * What the ACS sets on a device to turn STUN on (TR-069 Annex G, TR-098/TR-181 ManagementServer): the
 * SetParameterValues list of a policy (a provisioning step, a bootstrap task). Give each device its own
 * STUNUsername (its device id: the STUN server keys the learned binding by it, so the ACS finds the device's
 * binding by its id) and a STUNPassword the {@link StunCredentials} lookup knows.
 *
 * <p>The device also reports the binding as ManagementServer.UDPConnectionRequestAddress; the ACS should set
 * Active notification on that parameter (SetParameterAttributes, {@link #udpConnectionRequestAddress(String)}) so
 * that a change arrives at once; {@code UDPConnectionRequestAddressNotificationLimit} bounds how often.
 *
 * @param serverAddress     the STUN server's address as devices reach it (public name or IP)
 * @param serverPort        its UDP port (3478)
 * @param minimumKeepAlive  STUNMinimumKeepAlivePeriod, seconds: the shortest period between Binding Requests
 * @param maximumKeepAlive  STUNMaximumKeepAlivePeriod, seconds: the longest period (-1: no maximum); keep it under
 *                          the NAT's binding timeout (30 s is safe for most)
 * @param notificationLimit UDPConnectionRequestAddressNotificationLimit, seconds between two notifications
 */
public record StunPolicy(String serverAddress, int serverPort, int minimumKeepAlive, int maximumKeepAlive,
                         int notificationLimit) {

    public static final String DEVICE = "Device.";
    public static final String IGD = "InternetGatewayDevice.";

    public StunPolicy {
        Objects.requireNonNull(serverAddress, "serverAddress");
        if (serverAddress.isBlank() || serverAddress.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the STUN server address is a host name or IP, not '" + serverAddress + "'");
        }
        if (serverPort < 1 || serverPort > 65535) {
            throw new IllegalArgumentException("the STUN server port is 1..65535, not " + serverPort);
        }
        if (minimumKeepAlive < 0) {
            throw new IllegalArgumentException("STUNMinimumKeepAlivePeriod is 0 or more, not " + minimumKeepAlive);
        }
        if (maximumKeepAlive != -1 && maximumKeepAlive < minimumKeepAlive) {
            throw new IllegalArgumentException("STUNMaximumKeepAlivePeriod is -1 or at least the minimum ("
                    + minimumKeepAlive + "), not " + maximumKeepAlive);
        }
        if (notificationLimit < 0) {
            throw new IllegalArgumentException("UDPConnectionRequestAddressNotificationLimit is 0 or more, not " + notificationLimit);
        }
    }

    /** The given server, keep-alives of 20 to 30 seconds (under common NAT timeouts), notifications at most every 10 s. */
    public static StunPolicy of(String serverAddress, int serverPort) {
        return new StunPolicy(serverAddress, serverPort, 20, 30, 10);
    }

    /**
     * The values that turn STUN on for one device.
     *
     * @param root     {@code Device.} (TR-181) or {@code InternetGatewayDevice.} (TR-098)
     * @param username the device's STUNUsername (its device id)
     * @param password its STUNPassword
     */
    public List<ParameterValueStruct> enable(String root, String username, String password) {
        String ms = managementServer(root);
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("a STUNUsername is needed: the STUN server keys the binding by it");
        }
        return List.of(
                new ParameterValueStruct(ms + "STUNEnable", "true", "xsd:boolean"),
                ParameterValueStruct.string(ms + "STUNServerAddress", serverAddress),
                new ParameterValueStruct(ms + "STUNServerPort", Integer.toString(serverPort), "xsd:unsignedInt"),
                ParameterValueStruct.string(ms + "STUNUsername", username),
                ParameterValueStruct.string(ms + "STUNPassword", password),
                new ParameterValueStruct(ms + "STUNMaximumKeepAlivePeriod", Integer.toString(maximumKeepAlive), "xsd:int"),
                new ParameterValueStruct(ms + "STUNMinimumKeepAlivePeriod", Integer.toString(minimumKeepAlive), "xsd:unsignedInt"),
                new ParameterValueStruct(ms + "UDPConnectionRequestAddressNotificationLimit",
                        Integer.toString(notificationLimit), "xsd:unsignedInt"));
    }

    /** The value that turns STUN off for one device. */
    public static List<ParameterValueStruct> disable(String root) {
        return List.of(new ParameterValueStruct(managementServer(root) + "STUNEnable", "false", "xsd:boolean"));
    }

    /** The parameter the device reports its binding in (set Active notification on it). */
    public static String udpConnectionRequestAddress(String root) {
        return managementServer(root) + "UDPConnectionRequestAddress";
    }

    private static String managementServer(String root) {
        if (!DEVICE.equals(root) && !IGD.equals(root)) {
            throw new IllegalArgumentException("the data model root is Device. or InternetGatewayDevice., not '" + root + "'");
        }
        return root + "ManagementServer.";
    }
}
