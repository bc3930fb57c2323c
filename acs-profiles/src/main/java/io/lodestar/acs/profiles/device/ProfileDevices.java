package io.lodestar.acs.profiles.device;

import java.util.Optional;

/** Finds the stored device a resyncing phone names. The merger backs it with the device store (by MAC, by serial). */
public interface ProfileDevices {

    Optional<ProfileDevice> find(DeviceKey key);

    /**
     * Told, for each identified request, what the phone said of itself: an implementation may keep what the stored
     * device lacks (a phone that never spoke TR-069 has no model or firmware but its User-Agent's).
     */
    default void seen(ProfileDevice device, io.lodestar.acs.profiles.identify.Identified phone) {
    }
}
