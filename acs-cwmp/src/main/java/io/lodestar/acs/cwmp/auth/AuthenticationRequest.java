package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.Inform;

import java.util.Objects;

/**
 * An Inform asking to open a session, with what the authenticator needs to judge it.
 *
 * @param inform        the decoded Inform (its DeviceId, events and parameters as the CPE claims them)
 * @param deviceId      the id the identity scheme gives the Inform's DeviceId: whose credentials to check
 * @param remoteAddress the CPE's IP address
 * @param credentials   what the HTTP request carried
 */
public record AuthenticationRequest(Inform inform, DeviceId deviceId, String remoteAddress,
                                    CpeCredentials credentials) {

    public AuthenticationRequest {
        Objects.requireNonNull(inform, "inform");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(credentials, "credentials");
    }
}
