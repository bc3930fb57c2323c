package io.lodestar.acs.profiles.service;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.profiles.template.RenderProblem;

import java.util.List;

/**
 * Told what happened to each identified request, so that operators see refused profiles (the API, the audit log,
 * metrics). Implementations return quickly and never throw.
 */
public interface ProfileListener {

    default void served(DeviceId device, String template, int bytes) {
    }

    /** The template needs what the device lacks: the operator must set a value or key, or fix the template. */
    default void refused(DeviceId device, String template, List<RenderProblem> problems) {
    }

    ProfileListener NONE = new ProfileListener() {
    };
}
