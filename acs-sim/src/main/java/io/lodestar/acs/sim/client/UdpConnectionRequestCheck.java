package io.lodestar.acs.sim.client;

import io.lodestar.acs.stun.UdpConnectionRequestMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * A CPE's checks of a UDP connection request (TR-069 Annex G.2.2): the datagram reads as one, {@code un} is the
 * CPE's ConnectionRequestUsername, {@code sig} is right for its ConnectionRequestPassword, {@code ts} is fresh
 * (within {@code freshness} of the CPE's clock, and not older than the last request it accepted) and {@code id}
 * was not seen before (the ACS sends copies with the same id: only the first counts). Not thread-safe: one per
 * CPE, used on its loop.
 */
final class UdpConnectionRequestCheck {

    /** What a datagram turned out to be. */
    enum Verdict { ACCEPTED, MALFORMED, WRONG_CREDENTIALS, STALE, REPLAYED }

    private final Duration freshness;
    private final int rememberedIds;
    private final LinkedHashSet<Long> seenIds = new LinkedHashSet<>();
    private long lastTimestamp = -1;

    UdpConnectionRequestCheck(Duration freshness, int rememberedIds) {
        this.freshness = freshness;
        this.rememberedIds = rememberedIds;
    }

    Verdict check(byte[] datagram, int length, String username, String password, Instant now) {
        UdpConnectionRequestMessage m;
        try {
            m = UdpConnectionRequestMessage.parse(datagram, length);
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (!m.username().equals(username) || !m.signatureValid(password)) {
            return Verdict.WRONG_CREDENTIALS;
        }
        if (seenIds.contains(m.id())) {
            return Verdict.REPLAYED;
        }
        long age = now.getEpochSecond() - m.timestamp();
        if (Math.abs(age) > freshness.toSeconds() || m.timestamp() < lastTimestamp) {
            return Verdict.STALE;
        }
        seenIds.add(m.id());
        if (seenIds.size() > rememberedIds) {
            Iterator<Long> eldest = seenIds.iterator();
            eldest.next();
            eldest.remove();
        }
        lastTimestamp = m.timestamp();
        return Verdict.ACCEPTED;
    }
}
