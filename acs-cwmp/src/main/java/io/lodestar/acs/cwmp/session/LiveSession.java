package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.session.CwmpSession;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CWMP session in progress: the engine's state plus what the HTTP side needs to find it again (its
 * cookie) and to time it out. Callers hold its monitor while they drive the engine, because a CPE that
 * reconnects may reach it from another connection's thread.
 */
public final class LiveSession {

    private final String id;
    private final CwmpSession engine;
    private final String remoteAddress;
    private volatile Instant lastActivity;
    private Instant leaseRenewedAt;
    private int messageCounter;
    private boolean closed;
    private String methodInFlight;
    private String idInFlight;
    /** How long this session may sit idle: the CPE's SessionTimeout when it asked for a shorter one, else null. */
    private volatile Duration idleTimeout;
    private final Set<Object> told = new HashSet<>();
    /** Whether an operator waits on this session (opened by a connection request): its requests go first. */
    private volatile boolean preferred;
    /** The bytes of the CPE's requests in this session so far, for the endpoint's per-session bound. */
    private final AtomicLong bytesReceived = new AtomicLong();

    LiveSession(String id, CwmpSession engine, String remoteAddress, Instant now) {
        this.id = id;
        this.engine = engine;
        this.remoteAddress = remoteAddress;
        this.lastActivity = now;
        this.leaseRenewedAt = now;
    }

    /** Counts a request's bytes; the session's total so far. */
    public long received(long bytes) {
        return bytesReceived.addAndGet(bytes);
    }

    /** Marks this session as one an operator waits on: the endpoint serves its requests before the others'. */
    public void prefer() {
        preferred = true;
    }

    /** Whether {@link #prefer()} was called. */
    public boolean isPreferred() {
        return preferred;
    }

    /** The session cookie's value. */
    public String id() {
        return id;
    }

    public DeviceId deviceId() {
        return engine.deviceId();
    }

    public CwmpSession engine() {
        return engine;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    public void touch(Instant now) {
        lastActivity = now;
    }

    /** When this node last took or renewed the device's session lease. */
    synchronized Instant leaseRenewedAt() {
        return leaseRenewedAt;
    }

    synchronized void leaseRenewed(Instant at) {
        leaseRenewedAt = at;
    }

    /** A fresh cwmp:ID for the next request the ACS sends in this session. */
    public synchronized String nextMessageId() {
        return "lodestar-" + (++messageCounter);
    }

    /** The ACS sent a request of this method with this cwmp:ID; it waits for the CPE's answer. */
    synchronized void requestSent(String method, String messageId) {
        methodInFlight = method;
        idInFlight = messageId;
    }

    /** The method of the request waiting for an answer (now answered or given up), or null when none was. */
    synchronized String takeMethodInFlight() {
        String method = methodInFlight;
        methodInFlight = null;
        idInFlight = null;
        return method;
    }

    /** The cwmp:ID of the request waiting for an answer, or null when none is. */
    synchronized String idInFlight() {
        return idInFlight;
    }

    /** This session's idle timeout, or {@code otherwise} when the CPE asked for none shorter. */
    Duration idleTimeout(Duration otherwise) {
        Duration own = idleTimeout;
        return own == null ? otherwise : own;
    }

    /** Ends this session after {@code timeout} idle, when that is shorter than the configured one. */
    void idleTimeout(Duration timeout, Duration configured) {
        idleTimeout = timeout.compareTo(configured) < 0 ? timeout : null;
    }

    /** True the first time a stored change (a task, an operation) is to be told to listeners, false after. */
    synchronized boolean firstTellingOf(Object change) {
        return told.add(change);
    }

    /** Marks the session over; returns false when it already was (so only one party writes its changes). */
    public synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    public synchronized boolean isClosed() {
        return closed;
    }
}
