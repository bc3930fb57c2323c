package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.store.CpeCredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Per-device credentials the ACS has sent to a device but the device has not used yet. They are kept (as hashes,
 * like all CPE credentials) beside the credentials in force, in the {@link CpeCredentialStore}, under a device scope
 * of their own: the device id behind a prefix of U+0001 characters, which an Inform cannot produce (XML 1.0 has no
 * U+0001), so no device's own credentials can be confused with another's pending ones. While pending, both the
 * credentials in force (the fleet's, say) and these are accepted; the first time the device authenticates with
 * these, they become the device's own and the pending entry goes: from then on the old ones are refused.
 */
public final class PendingCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(PendingCredentials.class);
    private static final String PREFIX = "\u0001pending\u0001";

    private PendingCredentials() {
    }

    public static CpeCredentialScope scopeOf(DeviceId device) {
        return new CpeCredentialScope.Device(new DeviceId(PREFIX + device.value()));
    }

    static Optional<CpeCredential> find(CpeCredentialStore store, DeviceId device) {
        return store.findCpeCredential(scopeOf(device));
    }

    /** The device authenticated with its pending credentials: they are its own from now on. */
    static void promote(CpeCredentialStore store, DeviceId device, CpeCredential pending) {
        store.putCpeCredential(new CpeCredentialScope.Device(device), pending);
        store.deleteCpeCredential(scopeOf(device));
        LOG.info("device {} uses the credentials the ACS set on it (user {}): they replace the ones it used before",
                LogText.escape(device.value()), LogText.escape(pending.username()));
    }
}
