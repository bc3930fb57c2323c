package io.lodestar.acs.profiles.device;

import java.util.Optional;

/** Finds the stored device a resyncing phone names. The merger backs it with the device store (by MAC, by serial). */
public interface ProfileDevices {

    Optional<ProfileDevice> find(DeviceKey key);
}
