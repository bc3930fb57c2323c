package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.parameter.Parameter;

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
 */
final class SessionParameters {

    private final SessionChanges.Builder changes;
    private ParameterTree tree;
    /** Upserts since the tree was last brought up to date, in order; a later one for a path replaces the earlier. */
    private final Map<String, Parameter> pending = new LinkedHashMap<>();

    SessionParameters(ParameterTree stored, SessionChanges.Builder changes) {
        this.tree = Objects.requireNonNull(stored, "stored");
        this.changes = Objects.requireNonNull(changes, "changes");
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

    /** The parameter is learned or changed: it replaces whatever was at its path. */
    void upsert(Parameter p) {
        pending.put(p.path(), p);
        changes.upsert(p);
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
