package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.parameter.Parameter;

import java.util.Objects;

/**
 * The device's parameters as a session sees them: the stored snapshot with what this session learned and
 * forgot laid over it. Reads go to the tree, which is the snapshot's own until the session changes something
 * and then shares every untouched branch with it; every change is also recorded, as a delta only, in the
 * session's {@link SessionChanges.Builder}. So opening a session copies nothing, and each change costs
 * O(log n) in the size of the device's tree (a subtree deletion the size of the subtree).
 */
final class SessionParameters {

    private final SessionChanges.Builder changes;
    private ParameterTree tree;

    SessionParameters(ParameterTree stored, SessionChanges.Builder changes) {
        this.tree = Objects.requireNonNull(stored, "stored");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /** The parameter or object at exactly this path as the session knows it, or null. */
    Parameter get(String path) {
        return tree.get(path);
    }

    /** What lies under {@code prefix} now (see {@link ParameterTree#subtree}). */
    ParameterTree subtree(String prefix) {
        return tree.subtree(prefix);
    }

    /** The whole tree as the session leaves it. */
    ParameterTree view() {
        return tree;
    }

    /** The parameter is learned or changed: it replaces whatever was at its path. */
    void upsert(Parameter p) {
        tree = tree.plus(p);
        changes.upsert(p);
    }

    /** Everything under {@code subtree} is gone (an object path and below, a parameter path, "" for all). */
    void deleteSubtree(String subtree) {
        tree = tree.minusSubtree(subtree);
        changes.deleteSubtree(subtree);
    }

    /** A bootstrap: everything learned before this session is void. */
    void forgetLearned() {
        tree = ParameterTree.empty();
        changes.forgetLearned();
    }
}
