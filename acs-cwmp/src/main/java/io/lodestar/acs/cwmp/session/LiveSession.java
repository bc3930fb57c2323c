package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.session.CwmpSession;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

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
    private final Set<Object> told = new HashSet<>();

    LiveSession(String id, CwmpSession engine, String remoteAddress, Instant now) {
        this.id = id;
        this.engine = engine;
        this.remoteAddress = remoteAddress;
        this.lastActivity = now;
        this.leaseRenewedAt = now;
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

    /** The ACS sent a request of this method; it waits for the CPE's answer. */
    synchronized void requestSent(String method) {
        methodInFlight = method;
    }

    /** The method of the request waiting for an answer (now answered or given up), or null when none was. */
    synchronized String takeMethodInFlight() {
        String method = methodInFlight;
        methodInFlight = null;
        return method;
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
