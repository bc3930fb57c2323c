package io.lodestar.acs.core.operation;

import io.lodestar.acs.core.rpc.FaultStruct;

import java.time.Instant;
import java.util.Objects;

/**
 * What a transfer operation (a Download, an Upload, a ScheduleDownload, a ChangeDUState) adds to an operation:
 * the software version a firmware image must bring, the times the device reported for the transfer itself, and
 * the fault it reported. {@link #NONE} for a Reboot or a FactoryReset.
 *
 * @param expectedSoftwareVersion the version the device must report after a firmware download for the operation
 *                                to complete; "" when none is awaited
 * @param transferStartedAt       the transfer's StartTime as the device reported it, or null (unknown)
 * @param transferCompletedAt     its CompleteTime, or null; set means the transfer itself is over (a firmware
 *                                download may then still await its version)
 * @param fault                   the device's FaultStruct for a failed transfer, else {@link FaultStruct#NONE}
 * @param initiated               for a transfer the device started or asked for, what it reported; else null
 */
public record TransferDetails(String expectedSoftwareVersion, Instant transferStartedAt, Instant transferCompletedAt,
                              FaultStruct fault, DeviceInitiated initiated) {

    public static final TransferDetails NONE = new TransferDetails("", null, null, FaultStruct.NONE);

    /** The details of a transfer the ACS started (no {@link DeviceInitiated} part). */
    public TransferDetails(String expectedSoftwareVersion, Instant transferStartedAt, Instant transferCompletedAt,
                           FaultStruct fault) {
        this(expectedSoftwareVersion, transferStartedAt, transferCompletedAt, fault, null);
    }

    public TransferDetails {
        expectedSoftwareVersion = expectedSoftwareVersion == null ? "" : expectedSoftwareVersion;
        fault = Objects.requireNonNullElse(fault, FaultStruct.NONE);
    }

    /** Details awaiting {@code version} (may be ""), nothing reported yet. */
    public static TransferDetails expecting(String version) {
        return new TransferDetails(version, null, null, FaultStruct.NONE);
    }

    public boolean awaitsVersion() {
        return !expectedSoftwareVersion.isEmpty();
    }

    /** Whether the device reported the transfer itself over (its CompleteTime known, or a success reported). */
    public boolean transferred() {
        return transferCompletedAt != null;
    }

    public TransferDetails reported(Instant start, Instant complete, FaultStruct reportedFault) {
        return new TransferDetails(expectedSoftwareVersion, start, complete, reportedFault, initiated);
    }
}
