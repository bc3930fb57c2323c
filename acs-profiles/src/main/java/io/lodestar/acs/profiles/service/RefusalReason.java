package io.lodestar.acs.profiles.service;

import java.util.Locale;

/** Why a resyncing phone was not served its profile (404): the metric's {@code reason} tag and the API's record. */
public enum RefusalReason {
    /** The template needs a value, parameter, macro or key the device lacks. */
    INCOMPLETE,
    /** The phone names a device the store does not know, and auto-registration is off. */
    UNKNOWN_DEVICE,
    /** No template serves the path asked for. */
    NO_PROFILE,
    /** A template serves the path, but neither the path nor the User-Agent names a device. */
    UNIDENTIFIED,
    /** The path names another model ({@code $PN}, {@code $PSN}) than the device's. */
    OTHER_MODEL,
    /** A redirect is set for the device, but its location names a macro the device lacks. */
    BAD_REDIRECT;

    /** {@code incomplete}, {@code unknown_device}, ...: the metric's tag value and the API's {@code reason}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
