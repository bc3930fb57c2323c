package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The device's parameters as a session sees them: the stored snapshot with what this session learned and
 * forgot laid over it. Reads go to the tree, which is the snapshot's own until the session changes something
 * and then shares every untouched branch with it; every change is also recorded, as a delta only, in the
 * session's {@link SessionChanges.Builder}. So opening a session copies nothing, and each change costs
 * O(log n) in the size of the device's tree (a subtree deletion the size of the subtree).
 *
 * <p>Upserts are laid over the tree only when something reads more than one path (a subtree, the whole view) or
 * deletes: until then a read of one path looks at them first. A plain periodic session reads single paths only
 * (each Inform value's stored Writable flag), so its Inform's values never build a tree of their own: the
 * stores and the cache apply the same delta to their own copy at commit anyway.
 *
 * <p>It also keeps the device within its bound ({@link SessionPolicy#maxParameters()}) across all its sessions: a
 * new path is refused once the tree holds that many entries besides its data model's root object (the bound a
 * discovery stops at counts the entries below the root it walks); updates of known paths always pass. So a device
 * that invents new names at every Inform stops growing at the bound instead of filling the store and the cache.
 */
final class SessionParameters {

    private final SessionChanges.Builder changes;
    private ParameterTree tree;
    /** Upserts since the tree was last brought up to date, in order; a later one for a path replaces the earlier. */
    private final Map<String, Parameter> pending = new LinkedHashMap<>();
    private final int maxParameters;
    /** New paths refused at the bound in this session. */
    private int refused;

    SessionParameters(ParameterTree stored, SessionChanges.Builder changes, int maxParameters) {
        this.tree = Objects.requireNonNull(stored, "stored");
        this.changes = Objects.requireNonNull(changes, "changes");
        if (maxParameters < 1) {
            throw new IllegalArgumentException("maxParameters must be at least 1");
        }
        this.maxParameters = maxParameters;
    }

    /** The parameter or object at exactly this path as the session knows it, or null. */
    Parameter get(String path) {
        Parameter upserted = pending.get(path);
        return upserted != null ? upserted : tree.get(path); // nothing is deleted while upserts are pending
    }

    /** What lies under {@code prefix} now (see {@link ParameterTree#subtree}). */
    ParameterTree subtree(String prefix) {
        return current().subtree(prefix);
    }

    /** The whole tree as the session leaves it. */
    ParameterTree view() {
        return current();
    }

    /**
     * The parameter is learned or changed: it replaces whatever was at its path, unless its path is new and the
     * device already holds {@code maxParameters} entries (then it is refused and counted).
     */
    void upsert(Parameter p) {
        // the tree's size plus every pending upsert is the most the session's tree can hold: below the bound every
        // path fits without a lookup (every periodic session); at it, the answer needs the tree brought up to date
        if (tree.size() + pending.size() >= maxParameters && !pending.containsKey(p.path())) {
            ParameterTree now = current();
            String root = ParameterPaths.root(p.path());
            int besidesTheRoot = now.size() - (now.contains(root) ? 1 : 0);
            if (besidesTheRoot >= maxParameters && !now.contains(p.path()) && !p.path().equals(root)) {
                refused++;
                return;
            }
        }
        pending.put(p.path(), p);
        changes.upsert(p);
    }

    /** How many new paths this session refused at the device's bound. */
    int refused() {
        return refused;
    }

    /** Everything under {@code subtree} is gone (an object path and below, a parameter path, "" for all). */
    void deleteSubtree(String subtree) {
        tree = current().minusSubtree(subtree);
        changes.deleteSubtree(subtree);
    }

    /** A bootstrap: everything learned before this session is void. */
    void forgetLearned() {
        pending.clear();
        tree = ParameterTree.empty();
        changes.forgetLearned();
    }

    /** The tree with the pending upserts laid over it, each once. */
    private ParameterTree current() {
        if (!pending.isEmpty()) {
            for (Parameter p : pending.values()) {
                tree = tree.plus(p);
            }
            pending.clear();
        }
        return tree;
    }
}
