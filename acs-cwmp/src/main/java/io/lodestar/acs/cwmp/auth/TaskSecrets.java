package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.cwmp.connreq.CredentialCipher;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Secrets the ACS puts in the SetParameterValues tasks it queues itself (a device's ManagementServer.Password, its
 * ConnectionRequestPassword) without keeping them in clear in the stored task: the task holds a sealed reference,
 * {@code lodestar-sealed:} then base64url of the value sealed for that device (AES-256-GCM, the device id as
 * associated data, {@link CredentialCipher}), and the endpoint opens it just before the SetParameterValues goes out
 * ({@link #openIn}). The device's parameter tree keeps passwords as the empty string already
 * (TR-069 A.3.2.1), so the value in clear lives only in memory while the request is written.
 */
public final class TaskSecrets {

    static final String PREFIX = "lodestar-sealed:";

    private final CredentialCipher cipher;

    public TaskSecrets(CredentialCipher cipher) {
        this.cipher = Objects.requireNonNull(cipher);
    }

    /** The reference to store in the device's task instead of {@code value}. */
    public String seal(DeviceId device, String value) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(cipher.seal(device, value));
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /**
     * The envelope as it goes to the device: a SetParameterValues with sealed references carries their values
     * instead; any other envelope as it is.
     *
     * @throws IllegalStateException when a reference does not open for this device with this ACS's key (another
     *                               cluster's key, or a reference copied from another device): nothing is sent
     */
    public CwmpEnvelope openIn(CwmpEnvelope envelope, DeviceId device) {
        if (!(envelope.message() instanceof SetParameterValues set)
                || set.parameterList().stream().noneMatch(v -> isSealed(v.value()))) {
            return envelope;
        }
        List<ParameterValueStruct> opened = new ArrayList<>(set.parameterList().size());
        for (ParameterValueStruct v : set.parameterList()) {
            opened.add(isSealed(v.value()) ? new ParameterValueStruct(v.name(), open(device, v.value()), v.type()) : v);
        }
        return new CwmpEnvelope(envelope.version(), envelope.header(),
                new SetParameterValues(opened, set.parameterKey()));
    }

    private String open(DeviceId device, String reference) {
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(reference.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a sealed task value of " + device + " is not base64url", e);
        }
        return cipher.open(device, sealed);
    }
}
