package io.lodestar.acs.profiles.stored;

import io.lodestar.acs.profiles.crypto.ProfileKeys;
import io.lodestar.acs.profiles.crypto.SecretBox;
import io.lodestar.acs.profiles.service.ProfileAuthenticator;
import io.lodestar.acs.profiles.service.ProfileBuilder;
import io.lodestar.acs.profiles.service.ProfileDeviceRegistrar;
import io.lodestar.acs.profiles.service.ProfileListener;
import io.lodestar.acs.profiles.service.ProfileService;
import io.lodestar.acs.profiles.service.ProfileServiceOptions;
import io.lodestar.acs.profiles.template.TemplateRenderer;
import io.lodestar.acs.store.DeviceStore;
import io.lodestar.acs.store.ProfileStore;

import java.time.Clock;
import java.util.Objects;

/**
 * Everything profiles keep, on the store: templates, values, keys (sealed with the ACS's profile master key), status
 * reports and devices, and the builder and service made of them. One per ACS, shared by the API and the file server.
 */
public final class StoredProfiles {

    private final ProfileStore store;
    private final StoredTemplates templates;
    private final StoredProfileValues values;
    private final ProfileKeys keys;
    private final StoredStatusReports statusReports;
    private final StoredProfileDevices devices;
    private final ProfileBuilder builder;
    private final StoredProfileRedirects redirects;
    private final StoredProfileProblems problems;

    public StoredProfiles(ProfileStore store, DeviceStore devices, SecretBox masterKey) {
        this.store = Objects.requireNonNull(store, "store");
        this.templates = new StoredTemplates(store);
        this.values = new StoredProfileValues(store);
        this.keys = new ProfileKeys(new StoredKeyStore(store), masterKey);
        this.statusReports = new StoredStatusReports(store);
        this.devices = new StoredProfileDevices(devices, store);
        this.builder = new ProfileBuilder(new TemplateRenderer(values), keys);
        this.redirects = new StoredProfileRedirects(store);
        this.problems = new StoredProfileProblems(store);
    }

    /** Where operators moved profiles (301/302 to phones). */
    public StoredProfileRedirects redirects() {
        return redirects;
    }

    /** The latest refusal of each profile of a device. */
    public StoredProfileProblems problems() {
        return problems;
    }

    public ProfileStore store() {
        return store;
    }

    public StoredTemplates templates() {
        return templates;
    }

    public StoredProfileValues values() {
        return values;
    }

    public ProfileKeys keys() {
        return keys;
    }

    public StoredStatusReports statusReports() {
        return statusReports;
    }

    public StoredProfileDevices devices() {
        return devices;
    }

    public ProfileBuilder builder() {
        return builder;
    }

    /** The service resyncing phones are answered by. */
    public ProfileService service(ProfileDeviceRegistrar registrar, ProfileAuthenticator authenticator,
                                  ProfileListener listener, ProfileServiceOptions options, Clock clock) {
        return new ProfileService(templates, devices, registrar, authenticator, builder, statusReports, listener,
                options, clock, redirects);
    }
}
