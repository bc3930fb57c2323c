package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.ProfileLinks;
import io.lodestar.acs.api.json.TaskRequest;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.profiles.device.ProfileDevice;
import io.lodestar.acs.profiles.service.ProfileBuilder;
import io.lodestar.acs.profiles.stored.StoredProfiles;
import io.lodestar.acs.profiles.template.ProfileTemplate;

/**
 * A Download task that names a phone profile: the profile must build for the device now (else 422 with every
 * reason, as the preview), and the task gets the signed per-device URL at which the file server renders it when the
 * device fetches it (so values changed meanwhile are served). FileSize is left 0 (unknown): the profile is rendered
 * at fetch time and its length may change.
 */
public final class ProfileDownloads {

    static final ProfileDownloads NONE = new ProfileDownloads(null, ProfileLinks.NONE);
    static final String VENDOR_CONFIGURATION = "3 Vendor Configuration File";

    private final StoredProfiles profiles;
    private final ProfileLinks links;

    public ProfileDownloads(StoredProfiles profiles, ProfileLinks links) {
        this.profiles = profiles;
        this.links = links;
    }

    TaskRequest.Download withProfile(DeviceId deviceId, TaskRequest.Download d) {
        if (d.url() != null) {
            throw ApiException.unprocessable("BAD_ARGUMENT", "download: give either \"url\" or \"profile\", not both");
        }
        if (profiles == null) {
            throw ApiException.unprocessable("UNKNOWN_TEMPLATE", "download: this ACS serves no phone profiles");
        }
        ProfileTemplate template = ProfileTemplatesResource.template(profiles, d.profile());
        ProfileDevice device = profiles.devices().byId(deviceId).orElse(null);
        if (device != null && profiles.builder().build(template, device) instanceof ProfileBuilder.Refused refused) {
            throw DeviceProfilesResource.incomplete(template.name(), deviceId, refused.problems());
        }
        String url = links.url(template.name(), deviceId);
        if (url == null) {
            throw ApiException.unprocessable("UNKNOWN_TEMPLATE", "download: this ACS has no file server to serve "
                    + "profiles from");
        }
        return d.withFile(url, 0, VENDOR_CONFIGURATION, "", "");
    }
}
