package io.lodestar.acs.store.codec;

import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.LearnedUdpBinding;
import io.lodestar.acs.core.device.ConnectionRequestOutcome;
import io.lodestar.acs.core.device.SealedCredentials;

/**
 * A device's connection request credentials and last attempt, format byte included, as both stores write them
 * (the same bytes by construction). Credentials, format {@link #V1}: username, the sealed password (an int
 * length, then the bytes), applied. Attempt, format {@link #V1}: id, requestedAt, target, the outcome by name
 * (never its ordinal, so outcomes added later need no new format), outcomeAt, detail, node.
 */
public final class ConnectionRequestEncoding {

    public static final byte V1 = 1;

    private ConnectionRequestEncoding() {}

    public static byte[] encode(SealedCredentials c) {
        byte[] sealed = c.sealedPassword();
        BinaryWriter w = new BinaryWriter(32 + sealed.length);
        w.b(V1);
        w.str(c.username());
        w.i(sealed.length);
        for (byte b : sealed) {
            w.b(b);
        }
        w.bool(c.applied());
        return w.bytes();
    }

    public static SealedCredentials decodeCredentials(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes, "connection request credentials");
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        String username = r.str();
        byte[] sealed = new byte[r.count()];
        for (int i = 0; i < sealed.length; i++) {
            sealed[i] = r.b();
        }
        boolean applied = r.bool();
        if (username == null) {
            throw r.corrupt("connection request credentials without a username");
        }
        return new SealedCredentials(username, sealed, applied);
    }

    /** A learned UDP binding, format {@link #V1}: address, lastSeen, authenticated, node. */
    public static byte[] encode(LearnedUdpBinding b) {
        BinaryWriter w = new BinaryWriter(64);
        w.b(V1);
        w.str(b.address());
        w.instant(b.lastSeen());
        w.bool(b.authenticated());
        w.str(b.node());
        return w.bytes();
    }

    public static LearnedUdpBinding decodeUdpBinding(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes, "learned UDP binding");
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        String address = r.str();
        var lastSeen = r.instant();
        boolean authenticated = r.bool();
        String node = r.str();
        if (address == null || lastSeen == null || node == null) {
            throw r.corrupt("learned UDP binding incomplete");
        }
        return new LearnedUdpBinding(address, lastSeen, authenticated, node);
    }

    public static byte[] encode(ConnectionRequestAttempt a) {
        BinaryWriter w = new BinaryWriter(128);
        w.b(V1);
        w.str(a.id());
        w.instant(a.requestedAt());
        w.str(a.target());
        w.str(a.outcome().name());
        w.instant(a.outcomeAt());
        w.str(a.detail());
        w.str(a.node());
        return w.bytes();
    }

    public static ConnectionRequestAttempt decodeAttempt(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes, "connection request attempt");
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        String id = r.str();
        var requestedAt = r.instant();
        String target = r.str();
        String outcomeName = r.str();
        var outcomeAt = r.instant();
        String detail = r.str();
        String node = r.str();
        ConnectionRequestOutcome outcome = null;
        for (ConnectionRequestOutcome o : ConnectionRequestOutcome.values()) {
            if (o.name().equals(outcomeName)) {
                outcome = o;
            }
        }
        if (id == null || requestedAt == null || outcome == null || outcomeAt == null || node == null) {
            throw r.corrupt("connection request attempt incomplete or of an unknown outcome " + outcomeName);
        }
        return new ConnectionRequestAttempt(id, requestedAt, target, outcome, outcomeAt, detail, node);
    }
}
