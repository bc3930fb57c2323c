package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.SessionStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every device within {@code session.max-parameters} stored parameters across all its sessions, not only
 * within one discovery: the store the sessions write through drops, from a session's changes, the new parameter
 * paths beyond the device's room (updates of parameters it already has always pass), and says so in the log.
 * A device that invents thousands of new names per Inform therefore stops growing at the bound instead of
 * filling the store and the cache.
 *
 * <p>It knows a device's tree from the session's own load of it ({@code loadSessionStart} or {@code loadSnapshot},
 * remembered until the session releases its lease)
 * and otherwise reads it. It wraps the store as a proxy so that every other method passes through unchanged,
 * whatever the store contract grows.
 */
final class DeviceParameterBound implements InvocationHandler {

    private static final Logger LOG = LoggerFactory.getLogger("io.lodestar.acs.session");
    /** Trees remembered at most (sessions in flight, plus loads that opened no session); beyond, forgotten. */
    static final int REMEMBERED = 100_000;

    private final AcsStore store;
    private final int maxParameters;
    private final Map<DeviceId, Known> loaded = new ConcurrentHashMap<>();

    private DeviceParameterBound(AcsStore store, int maxParameters) {
        this.store = store;
        this.maxParameters = maxParameters;
    }

    static AcsStore around(AcsStore store, int maxParameters) {
        return (AcsStore) Proxy.newProxyInstance(AcsStore.class.getClassLoader(), new Class<?>[] {AcsStore.class},
                new DeviceParameterBound(store, maxParameters));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null && args.length > 0 && args[0] instanceof SessionChanges changes) {
            // every way of writing a session's changes (commit, commitAndFind, commitAndReleaseLease, any later one)
            return commit(method, args, changes);
        }
        switch (method.getName()) {
            case "loadSnapshot", "loadSessionStart" -> { // the latter: how a session opens, its snapshot inside
                Object result = call(method, args);
                Object snapshot = result instanceof SessionStart start ? start.snapshot() : result;
                if (snapshot instanceof Optional<?> loaded && loaded.orElse(null) instanceof DeviceSnapshot s) {
                    remember(s.device().id(), new Known(s.tree(), null));
                }
                return result;
            }
            case "releaseLease" -> {
                Object result = call(method, args);
                if (args[0] instanceof DeviceId id) {
                    loaded.remove(id);
                }
                return result;
            }
            case "toString" -> {
                if (args == null) {
                    return "parameter-bounded " + store;
                }
            }
            default -> { }
        }
        return call(method, args);
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(store, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Passes the call on with the changes bounded, and keeps (or, when it also ends the lease, forgets) the tree. */
    private Object commit(Method method, Object[] args, SessionChanges changes) throws Throwable {
        DeviceId id = changes.device().id();
        Known known = loaded.get(id);
        ParameterTree before = known != null ? known.tree()
                : store.loadSnapshot(id).map(DeviceSnapshot::tree).orElse(ParameterTree.empty());
        SessionChanges bounded = bounded(changes, before);
        Object[] boundedArgs = args.clone();
        boundedArgs[0] = bounded;
        if (method.getName().equals("commitAndReleaseLease")) {
            try {
                return call(method, boundedArgs);
            } finally {
                loaded.remove(id); // the session is over: its tree is not needed again
            }
        }
        Object result = call(method, boundedArgs);
        // the tree after this commit is needed only if the session commits again before it releases its lease
        // (a plain periodic session commits once): applied then, not on every commit
        remember(id, new Known(before, bounded));
        return result;
    }

    /** The changes with the new paths beyond the device's room left out (in path order, the first ones kept). */
    SessionChanges bounded(SessionChanges changes, ParameterTree before) {
        ParameterTree base = changes.forgetLearned() ? ParameterTree.empty() : before;
        for (String subtree : changes.deletedSubtrees()) {
            base = base.minusSubtree(subtree);
        }
        int room = Math.max(0, maxParameters - base.size());
        if (changes.upserts().size() <= room) {
            return changes; // even if every path were new it fits: the common case, decided without a lookup
        }
        ParameterTree kept = base;
        List<String> newPaths = changes.upserts().keySet().stream().filter(p -> !kept.contains(p)).sorted().toList();
        if (newPaths.size() <= room) {
            return changes;
        }
        Map<String, Parameter> upserts = new LinkedHashMap<>(changes.upserts());
        List<String> dropped = newPaths.subList(room, newPaths.size());
        dropped.forEach(upserts::remove);
        LOG.warn("session device={} {} new parameters not stored: a device keeps at most {} (session.max-parameters)",
                changes.device().id(), dropped.size(), maxParameters);
        return new SessionChanges(changes.device(), changes.forgetLearned(), changes.deletedSubtrees(), upserts,
                changes.tasks(), changes.faults(), changes.inform(), changes.operations());
    }

    private void remember(DeviceId id, Known known) {
        if (loaded.size() >= REMEMBERED) {
            loaded.clear(); // loads that opened no session; forgetting only costs a read at the next commit
        }
        loaded.put(id, known);
    }

    /** A device's tree as loaded, with the changes committed since (applied when first asked for). */
    private static final class Known {
        private ParameterTree tree;
        private SessionChanges committed;

        Known(ParameterTree tree, SessionChanges committed) {
            this.tree = tree;
            this.committed = committed;
        }

        synchronized ParameterTree tree() {
            if (committed != null) {
                tree = committed.applyTo(tree);
                committed = null;
            }
            return tree;
        }
    }
}
