package io.lodestar.acs.stun;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The devices' UDP bindings the STUN server learned, by STUNUsername: bounded ({@code maxBindings}, the least
 * recently refreshed is forgotten first) and forgetting bindings not refreshed for {@code ttl}. Thread-safe: the
 * STUN server records on its loop, the ACS looks up from anywhere.
 */
public final class UdpBindings {

    private static final Logger log = LoggerFactory.getLogger(UdpBindings.class);

    private final int maxBindings;
    private final Duration ttl;
    /** In order of last refresh: the eldest is the first to go when full or expired. */
    private final LinkedHashMap<String, UdpBinding> bindings = new LinkedHashMap<>();
    private final List<UdpBindingListener> listeners = new CopyOnWriteArrayList<>();
    /** When listeners were last told of each binding held (for {@link UdpBindingListener.Change#REFRESHED}). */
    private final java.util.HashMap<String, Instant> toldAt = new java.util.HashMap<>();

    public UdpBindings(int maxBindings, Duration ttl) {
        if (maxBindings < 1) {
            throw new IllegalArgumentException("maxBindings must be at least 1, not " + maxBindings);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the bindings' time to live must be positive: " + ttl);
        }
        this.maxBindings = maxBindings;
        this.ttl = ttl;
    }

    /** Sized from the settings ({@code stun.max-bindings}, {@code stun.binding-ttl}). */
    public static UdpBindings from(StunSettings settings) {
        return new UdpBindings(settings.maxBindings(), settings.bindingTtl());
    }

    public void addListener(UdpBindingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * A Binding Request with CONNECTION-REQUEST-BINDING came from {@code address} for {@code username}; tells the
     * listeners when that is news.
     *
     * @param bindingChange whether it carried BINDING-CHANGE
     * @return the binding as now recorded
     */
    public UdpBinding record(String username, InetSocketAddress address, Instant now, boolean bindingChange,
                             boolean authenticated) {
        UdpBinding updated;
        UdpBindingListener.Change change;
        synchronized (this) {
            expire(now);
            UdpBinding previous = bindings.remove(username);
            if (previous == null) {
                updated = new UdpBinding(username, address, now, now, authenticated);
                change = UdpBindingListener.Change.LEARNED;
            } else if (!previous.address().equals(address)) {
                updated = new UdpBinding(username, address, now, now, authenticated);
                change = UdpBindingListener.Change.MOVED;
            } else {
                updated = new UdpBinding(username, address, previous.firstSeen(), now, authenticated);
                Instant told = toldAt.get(username);
                change = bindingChange ? UdpBindingListener.Change.REPORTED_BY_CPE
                        : told == null || !now.isBefore(told.plus(ttl.dividedBy(2))) ? UdpBindingListener.Change.REFRESHED
                        : null;
            }
            bindings.put(username, updated);
            if (change != null) {
                toldAt.put(username, now);
            }
            if (bindings.size() > maxBindings) {
                Iterator<String> eldest = bindings.keySet().iterator();
                toldAt.remove(eldest.next());
                eldest.remove();
            }
        }
        if (change != null) {
            for (UdpBindingListener l : listeners) {
                try {
                    l.bindingChanged(updated, change);
                } catch (RuntimeException e) {
                    log.warn("a UDP binding listener failed on {} ({})", updated, change, e);
                }
            }
        }
        return updated;
    }

    /** The device's binding, unless it is unknown or was not refreshed within the time to live. */
    public synchronized Optional<UdpBinding> find(String username, Instant now) {
        UdpBinding b = bindings.get(username);
        if (b == null || expired(b, now)) {
            return Optional.empty();
        }
        return Optional.of(b);
    }

    /** How many bindings are held (expired ones may still count until the next record). */
    public synchronized int size() {
        return bindings.size();
    }

    /** A snapshot of the bindings held, eldest first. */
    public synchronized Map<String, UdpBinding> snapshot() {
        return Map.copyOf(bindings);
    }

    private boolean expired(UdpBinding b, Instant now) {
        return b.lastSeen().plus(ttl).isBefore(now);
    }

    /** Drops expired bindings from the eldest end (the order is of last refresh, so it stops at the first fresh one). */
    private void expire(Instant now) {
        Iterator<UdpBinding> it = bindings.values().iterator();
        while (it.hasNext()) {
            UdpBinding b = it.next();
            if (!expired(b, now)) {
                return;
            }
            toldAt.remove(b.username());
            it.remove();
        }
    }
}
