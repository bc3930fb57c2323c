package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.DeviceIdStruct;

/**
 * The name a client certificate must carry (as its subject CN or a DNS or URI SubjectAltName) to prove it is the
 * device an Inform names ({@code cwmp.auth.certificate-identity}).
 */
public enum CertificateIdentity {
    /** The SerialNumber alone (certificates made by a vendor that numbers its devices uniquely). */
    SERIAL,
    /** {@code OUI-SerialNumber}, e.g. {@code 00D09E-FCH1234} (TR-069's CPE identity without the product class). */
    OUI_SERIAL,
    /** The ACS's device id, as the identity scheme makes it (by default {@code OUI-ProductClass-SerialNumber}). */
    DEVICE_ID;

    /** The name a certificate of this device must carry. */
    public String expectedName(DeviceIdStruct informed, DeviceId deviceId) {
        return switch (this) {
            case SERIAL -> informed.serialNumber();
            case OUI_SERIAL -> informed.oui() + "-" + informed.serialNumber();
            case DEVICE_ID -> deviceId.value();
        };
    }
}
