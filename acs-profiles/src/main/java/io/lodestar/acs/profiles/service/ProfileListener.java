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

    /**
     * Every request answered 404, with why ({@link #refused} is told as well for {@link RefusalReason#INCOMPLETE}).
     *
     * @param device   the device the phone named when it is known (stored or registered), else null
     * @param template the template whose path matched, else null
     * @param message  the reason for operators (every problem for an incomplete profile)
     */
    default void notServed(DeviceId device, String template, RefusalReason reason, String message) {
    }

    ProfileListener NONE = new ProfileListener() {
    };
}
