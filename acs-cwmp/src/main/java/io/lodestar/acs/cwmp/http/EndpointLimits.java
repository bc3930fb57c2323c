package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;
import io.netty.util.internal.PlatformDependent;

import java.time.Duration;
import java.util.List;

/**
 * What bounds the CWMP endpoint's resources, so that no sender, slow or large or many, can exhaust them
 * (docs/security.md says what each bound answers).
 *
 * @param requestTimeout      a whole request, headers and body, must arrive within this (else 408 and close)
 * @param maxConnections      open connections at most; one more is answered 503 and closed
 * @param maxBufferedBytes    request bytes held in memory by all connections together; beyond it, 503 and close
 * @param maxInformParameters parameters in one Inform; more get fault 8004
 * @param maxSessionBytes     request bytes one session may send in all; beyond, fault 8004 and the session ends
 * @param maxSessions         sessions in flight at most; a new one beyond is answered 503 with Retry-After
 * @param reservedSessions    of those, how many only sessions opened by a connection request (6) or carrying a
 *                            TransferComplete (7) may take: the others are turned away earlier
 * @param maxStoreLatency     when opening sessions takes longer than this (a recent average), only those
 *                            preferred sessions are admitted; zero: not checked
 * @param retryAfterMin       the shortest Retry-After given with a 503 (it is randomised up to the longest)
 * @param retryAfterMax       the longest Retry-After
 * @param shutdownGrace       how long a stopping ACS lets the sessions in flight finish
 */
public record EndpointLimits(Duration requestTimeout, int maxConnections, long maxBufferedBytes,
                             int maxInformParameters, long maxSessionBytes, int maxSessions, int reservedSessions,
                             Duration maxStoreLatency, Duration retryAfterMin, Duration retryAfterMax,
                             Duration shutdownGrace) {

    public static final List<Setting> SETTINGS = List.of(
            new Setting("cwmp.request-timeout", "30s",
                    "a whole request (headers and body) must arrive within this, else HTTP 408 and the connection closes"),
            new Setting("cwmp.max-connections", "10000", "open CPE connections at most; more are answered 503 and closed"),
            new Setting("cwmp.max-buffered-bytes", "auto",
                    "request bytes held in memory by all connections together (auto: a quarter of the direct memory); "
                            + "beyond it, 503 and close"),
            new Setting("cwmp.max-inform-parameters", "5000", "parameters in one Inform at most; more get fault 8004"),
            new Setting("cwmp.max-session-bytes", String.valueOf(64L * 1024 * 1024),
                    "request bytes one CWMP session may send in all; beyond, fault 8004 and the session ends"),
            new Setting("cwmp.max-sessions", "1000",
                    "CWMP sessions in flight at most; new ones beyond get 503 with a randomised Retry-After"),
            new Setting("cwmp.reserved-sessions", "100",
                    "of cwmp.max-sessions, how many only sessions opened by a connection request or carrying a "
                            + "TransferComplete may take"),
            new Setting("cwmp.max-store-latency", "2s",
                    "when opening a session takes longer than this on average, only connection-request and "
                            + "TransferComplete sessions are admitted (0s: not checked)"),
            new Setting("cwmp.retry-after-min", "30s", "the shortest Retry-After of a 503 (randomised up to the longest)"),
            new Setting("cwmp.retry-after-max", "120s", "the longest Retry-After of a 503"),
            new Setting("cwmp.shutdown-grace", "30s",
                    "a stopping ACS refuses new sessions (503) and lets those in flight finish for this long"));

    public EndpointLimits {
        if (reservedSessions >= maxSessions) {
            throw new IllegalArgumentException("reserved sessions must be fewer than max sessions");
        }
        if (retryAfterMax.compareTo(retryAfterMin) < 0) {
            throw new IllegalArgumentException("retry-after-max must not be shorter than retry-after-min");
        }
    }

    public static EndpointLimits defaults() {
        return from(SettingsReader.defaults(SETTINGS));
    }

    public static EndpointLimits from(SettingsReader s) {
        int maxSessions = s.integer("cwmp.max-sessions", 1, 1_000_000);
        int reserved = s.integer("cwmp.reserved-sessions", 0, 1_000_000);
        if (reserved >= maxSessions) {
            throw new SettingsException("cwmp.reserved-sessions", "setting 'cwmp.reserved-sessions' (" + reserved
                    + ") must be lower than cwmp.max-sessions (" + maxSessions + ")");
        }
        Duration retryMin = s.positiveDuration("cwmp.retry-after-min");
        Duration retryMax = s.positiveDuration("cwmp.retry-after-max");
        if (retryMax.compareTo(retryMin) < 0) {
            throw new SettingsException("cwmp.retry-after-max", "setting 'cwmp.retry-after-max' must not be shorter "
                    + "than cwmp.retry-after-min");
        }
        return new EndpointLimits(s.positiveDuration("cwmp.request-timeout"),
                s.integer("cwmp.max-connections", 1, 10_000_000),
                s.parsed("cwmp.max-buffered-bytes", EndpointLimits::bufferedBytes),
                s.integer("cwmp.max-inform-parameters", 1, 10_000_000),
                s.parsed("cwmp.max-session-bytes", EndpointLimits::positiveLong),
                maxSessions, reserved, s.duration("cwmp.max-store-latency"), retryMin, retryMax,
                s.duration("cwmp.shutdown-grace"));
    }

    public EndpointLimits withRequestTimeout(Duration d) {
        return new EndpointLimits(d, maxConnections, maxBufferedBytes, maxInformParameters, maxSessionBytes,
                maxSessions, reservedSessions, maxStoreLatency, retryAfterMin, retryAfterMax, shutdownGrace);
    }

    public EndpointLimits withMaxConnections(int n) {
        return new EndpointLimits(requestTimeout, n, maxBufferedBytes, maxInformParameters, maxSessionBytes,
                maxSessions, reservedSessions, maxStoreLatency, retryAfterMin, retryAfterMax, shutdownGrace);
    }

    public EndpointLimits withMaxBufferedBytes(long n) {
        return new EndpointLimits(requestTimeout, maxConnections, n, maxInformParameters, maxSessionBytes,
                maxSessions, reservedSessions, maxStoreLatency, retryAfterMin, retryAfterMax, shutdownGrace);
    }

    public EndpointLimits withSessions(int max, int reserved) {
        return new EndpointLimits(requestTimeout, maxConnections, maxBufferedBytes, maxInformParameters,
                maxSessionBytes, max, reserved, maxStoreLatency, retryAfterMin, retryAfterMax, shutdownGrace);
    }

    public EndpointLimits withRetryAfter(Duration min, Duration max) {
        return new EndpointLimits(requestTimeout, maxConnections, maxBufferedBytes, maxInformParameters,
                maxSessionBytes, maxSessions, reservedSessions, maxStoreLatency, min, max, shutdownGrace);
    }

    public EndpointLimits withShutdownGrace(Duration grace) {
        return new EndpointLimits(requestTimeout, maxConnections, maxBufferedBytes, maxInformParameters,
                maxSessionBytes, maxSessions, reservedSessions, maxStoreLatency, retryAfterMin, retryAfterMax, grace);
    }

    public EndpointLimits withMaxStoreLatency(Duration latency) {
        return new EndpointLimits(requestTimeout, maxConnections, maxBufferedBytes, maxInformParameters,
                maxSessionBytes, maxSessions, reservedSessions, latency, retryAfterMin, retryAfterMax, shutdownGrace);
    }

    public EndpointLimits withSessionMemory(int informParameters, long sessionBytes) {
        return new EndpointLimits(requestTimeout, maxConnections, maxBufferedBytes, informParameters, sessionBytes,
                maxSessions, reservedSessions, maxStoreLatency, retryAfterMin, retryAfterMax, shutdownGrace);
    }

    private static long bufferedBytes(String v) {
        if (v.equalsIgnoreCase("auto")) {
            return Math.max(16L * 1024 * 1024, PlatformDependent.maxDirectMemory() / 4);
        }
        return positiveLong(v);
    }

    private static long positiveLong(String v) {
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number of bytes, not " + v);
        }
        if (n < 1024) {
            throw new IllegalArgumentException("must be at least 1024 bytes, not " + v);
        }
        return n;
    }
}
