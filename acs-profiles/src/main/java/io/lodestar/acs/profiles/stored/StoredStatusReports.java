package io.lodestar.acs.profiles.stored;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.profiles.service.StatusReports;
import io.lodestar.acs.store.ProfileStatusReport;
import io.lodestar.acs.store.ProfileStore;

import java.time.Instant;
import java.util.Objects;

/** The status reports phones POST, kept per device in the store (its newest {@link ProfileStore#STATUS_REPORTS_KEPT}). */
public final class StoredStatusReports implements StatusReports {

    private final ProfileStore store;

    public StoredStatusReports(ProfileStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void record(DeviceId device, String template, Instant at, byte[] body) {
        store.addStatusReport(device, new ProfileStatusReport(template, at, body));
    }
}
