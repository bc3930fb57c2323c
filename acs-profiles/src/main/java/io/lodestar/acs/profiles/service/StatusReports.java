package io.lodestar.acs.profiles.service;

import io.lodestar.acs.core.device.DeviceId;

import java.time.Instant;

/** Keeps the status a phone POSTs with its resync (bounded in size by the service). The merger stores them per device. */
public interface StatusReports {

    void record(DeviceId device, String template, Instant at, byte[] body);

    StatusReports DISCARD = (device, template, at, body) -> {
    };
}
