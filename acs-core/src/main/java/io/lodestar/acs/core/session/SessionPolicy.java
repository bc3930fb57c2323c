package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.core.task.RetryPolicy;

import java.time.Duration;

/**
 * The operator's choices that shape every session.
 *
 * @param identityScheme   how device ids are derived from the Inform's DeviceId
 * @param autoRegister     whether unknown devices are registered on their first Inform (else refused)
 * @param discoveryMode    how the data model is walked
 * @param valuesPerRequest how many names one discovery GetParameterValues asks for
 * @param maxParameters    the most parameters a device keeps: one discovery stops there, and no session adds a new
 *                         path beyond it (a guard against runaway CPEs)
 * @param retryPolicy      how failed tasks are retried
 * @param operationTimeout how long a device has to report the end of an operation (a reboot, a reset) before a
 *                         later session ends it as timed out
 * @param transferTimeout  how long a device has to report the end of a transfer (Download, Upload, ScheduleDownload,
 *                         ChangeDUState), counted from when it may start (after DelaySeconds, the last time window)
 * @param quirks           known CPE deviations, matched per device at its Inform (an empty table: none)
 */
public record SessionPolicy(IdentityScheme identityScheme, boolean autoRegister, DiscoveryMode discoveryMode,
                            int valuesPerRequest, int maxParameters, RetryPolicy retryPolicy,
                            Duration operationTimeout, Duration transferTimeout, QuirkTable quirks) {

    /** A policy without quirks. */
    public SessionPolicy(IdentityScheme identityScheme, boolean autoRegister, DiscoveryMode discoveryMode,
                         int valuesPerRequest, int maxParameters, RetryPolicy retryPolicy, Duration operationTimeout,
                         Duration transferTimeout) {
        this(identityScheme, autoRegister, discoveryMode, valuesPerRequest, maxParameters, retryPolicy,
                operationTimeout, transferTimeout, QuirkTable.EMPTY);
    }

    /** This policy with a quirk table. */
    public SessionPolicy withQuirks(QuirkTable table) {
        return new SessionPolicy(identityScheme, autoRegister, discoveryMode, valuesPerRequest, maxParameters,
                retryPolicy, operationTimeout, transferTimeout, table);
    }

    /** The policy for one device: its quirks' discovery mode and batch size over the settings. */
    SessionPolicy forDevice(DeviceQuirks q) {
        if (q.discovery() == null && q.valuesPerRequest() == null) {
            return this;
        }
        return new SessionPolicy(identityScheme, autoRegister, q.discovery() != null ? q.discovery() : discoveryMode,
                q.valuesPerRequest() != null ? q.valuesPerRequest() : valuesPerRequest, maxParameters, retryPolicy,
                operationTimeout, transferTimeout, quirks);
    }

    /** How long a device has by default to come back from a reboot or a reset. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofHours(1);

    /** How long a device has by default to report a transfer's end, a firmware's reboot included. */
    public static final Duration DEFAULT_TRANSFER_TIMEOUT = Duration.ofHours(2);

    public static final SessionPolicy DEFAULT = new SessionPolicy(IdentityScheme.OUI_PRODUCTCLASS_SERIAL, true,
            DiscoveryMode.FULL_TREE, 64, 100_000, RetryPolicy.DEFAULT, DEFAULT_OPERATION_TIMEOUT,
            DEFAULT_TRANSFER_TIMEOUT);

    /** A policy with the default transfer timeout. */
    public SessionPolicy(IdentityScheme identityScheme, boolean autoRegister, DiscoveryMode discoveryMode,
                         int valuesPerRequest, int maxParameters, RetryPolicy retryPolicy, Duration operationTimeout) {
        this(identityScheme, autoRegister, discoveryMode, valuesPerRequest, maxParameters, retryPolicy,
                operationTimeout, DEFAULT_TRANSFER_TIMEOUT);
    }

    /** A policy with the default operation timeout. */
    public SessionPolicy(IdentityScheme identityScheme, boolean autoRegister, DiscoveryMode discoveryMode,
                         int valuesPerRequest, int maxParameters, RetryPolicy retryPolicy) {
        this(identityScheme, autoRegister, discoveryMode, valuesPerRequest, maxParameters, retryPolicy,
                DEFAULT_OPERATION_TIMEOUT, DEFAULT_TRANSFER_TIMEOUT);
    }

    public SessionPolicy {
        if (valuesPerRequest < 1) {
            throw new IllegalArgumentException("valuesPerRequest must be at least 1");
        }
        if (maxParameters < 1) {
            throw new IllegalArgumentException("maxParameters must be at least 1");
        }
        if (operationTimeout == null || operationTimeout.isZero() || operationTimeout.isNegative()) {
            throw new IllegalArgumentException("operationTimeout must be positive");
        }
        if (transferTimeout == null || transferTimeout.isZero() || transferTimeout.isNegative()) {
            throw new IllegalArgumentException("transferTimeout must be positive");
        }
        quirks = quirks == null ? QuirkTable.EMPTY : quirks;
    }
}
