package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.session.CwmpSession;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions in progress on this node, found by cookie or by device, with the rule that a device has
 * at most one session at a time. A session leaves the registry only once its changes are written, so a
 * new Inform never starts from a stale store.
 */
public final class SessionRegistry {

    /**
     * Session ids (cookies) come from one generator per thread: the default SecureRandom (NativePRNG) serializes
     * every caller on one lock, a wait of milliseconds per session on a busy machine. DRBG is as unguessable. Each
     * thread draws its random bytes 64 ids at a time: the DRBG's cost is mostly per call, not per byte.
     */
    private static final ThreadLocal<IdSource> IDS = ThreadLocal.withInitial(IdSource::new);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** 144 random bits: 24 URL-safe characters. */
    static final int ID_BYTES = 18;

    private final Map<String, LiveSession> byId = new ConcurrentHashMap<>();
    private final Map<DeviceId, LiveSession> byDevice = new ConcurrentHashMap<>();
    private final Duration idleTimeout;

    public SessionRegistry(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    /**
     * Registers a new session for its device, unless the device already has one.
     *
     * @return the new session, or empty when another session of the device is in progress
     */
    public Optional<LiveSession> begin(CwmpSession engine, String remoteAddress, Instant now) {
        LiveSession session = new LiveSession(newId(), engine, remoteAddress, now);
        LiveSession existing = byDevice.putIfAbsent(engine.deviceId(), session);
        if (existing != null) {
            return Optional.empty();
        }
        byId.put(session.id(), session);
        return Optional.of(session);
    }

    public Optional<LiveSession> byCookie(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public Optional<LiveSession> byDevice(DeviceId id) {
        return Optional.ofNullable(byDevice.get(id));
    }

    /** Removes a session whose changes have been written (or given up on). */
    public void remove(LiveSession session) {
        byId.remove(session.id(), session);
        byDevice.remove(session.deviceId(), session);
    }

    /**
     * The sessions idle for longer than their timeout at {@code now}: the configured one, or the shorter one the
     * CPE asked for (CWMP 1.3 SessionTimeout).
     */
    public List<LiveSession> idleAt(Instant now) {
        return byId.values().stream()
                .filter(s -> s.lastActivity().isBefore(now.minus(s.idleTimeout(idleTimeout)))).toList();
    }

    public int size() {
        return byId.size();
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** A new session id: 144 bits from the thread's DRBG, URL-safe Base64 without padding (24 characters). */
    static String newId() {
        return ENCODER.encodeToString(IDS.get().next());
    }

    private static final class IdSource {
        private final SecureRandom random = idRandom();
        private final byte[] buffer = new byte[ID_BYTES * 64];
        private int position = buffer.length;

        byte[] next() {
            if (position == buffer.length) {
                random.nextBytes(buffer);
                position = 0;
            }
            byte[] id = java.util.Arrays.copyOfRange(buffer, position, position + ID_BYTES);
            java.util.Arrays.fill(buffer, position, position + ID_BYTES, (byte) 0); // handed out once, not kept
            position += ID_BYTES;
            return id;
        }

        private static SecureRandom idRandom() {
            try {
                return SecureRandom.getInstance("DRBG");
            } catch (java.security.NoSuchAlgorithmException e) {
                return new SecureRandom();
            }
        }
    }
}
