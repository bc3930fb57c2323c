package io.lodestar.acs.profiles.service;

import io.lodestar.acs.profiles.device.ProfileDevice;

import io.lodestar.acs.profiles.identify.Identified;

import java.util.Optional;

/**
 * Registers a phone seen for the first time, as an informing device is registered; empty when auto-registration is
 * off (the phone then gets 404). The merger implements it with the service layer's register.
 */
public interface ProfileDeviceRegistrar {

    Optional<ProfileDevice> register(Identified phone);

    /** Auto-registration off: unknown phones are refused. */
    ProfileDeviceRegistrar REFUSE = phone -> Optional.empty();
}
