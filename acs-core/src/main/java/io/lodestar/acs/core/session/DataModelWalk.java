package io.lodestar.acs.core.session;

import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Learns the names and values of a subtree of a device's data model: GetParameterNames (level by level or
 * all at once) and batched GetParameterValues. It asks one request at a time and is fed the answers; a
 * fault on one object skips that object, a fault on a batch of values retries the batch name by name, so
 * one broken parameter cannot hide the rest.
 */
final class DataModelWalk {

    /** The path does not exist: listing it level by level would fault the same. */
    private static final int INVALID_PARAMETER_NAME = 9005;

    private final String path;
    /** How objects are listed; a full-tree walk turns level by level when the device cannot list the whole tree. */
    private DiscoveryMode mode;
    private boolean fellBack;
    private final int valuesPerRequest;
    private final int maxParameters;

    private final Deque<String> objectsToList = new ArrayDeque<>();
    private final Set<String> listed = new HashSet<>();
    private final Deque<String> valuesToRead = new ArrayDeque<>();
    private final Deque<String> soloValues = new ArrayDeque<>();
    private final Map<String, Parameter> found = new LinkedHashMap<>();
    private final Set<String> skipped = new java.util.LinkedHashSet<>();
    private CwmpMessage.AcsRequest pending;
    private boolean truncated;
    private boolean rootListed;
    private CwmpFault rootFault;

    /**
     * @param path the subtree to walk: an object path such as {@code Device.}, or {@code ""} for the whole
     *             model starting from the root object the device names
     */
    DataModelWalk(String path, DiscoveryMode mode, int valuesPerRequest, int maxParameters) {
        this.path = path;
        this.mode = mode;
        this.valuesPerRequest = valuesPerRequest;
        this.maxParameters = maxParameters;
        objectsToList.add(path);
    }

    String path() {
        return path;
    }

    /** The next request to send, or null when the walk is complete. */
    CwmpMessage.AcsRequest next() {
        if (pending != null) {
            throw new IllegalStateException("awaiting the answer to " + pending.methodName());
        }
        if (!soloValues.isEmpty()) {
            pending = new GetParameterValues(List.of(soloValues.peekFirst()));
        } else if (valuesToRead.size() >= valuesPerRequest || (objectsToList.isEmpty() && !valuesToRead.isEmpty())) {
            List<String> batch = new ArrayList<>(valuesPerRequest);
            for (String name : valuesToRead) {
                if (batch.size() == valuesPerRequest) {
                    break;
                }
                batch.add(name);
            }
            pending = new GetParameterValues(batch);
        } else if (!objectsToList.isEmpty()) {
            String object = objectsToList.peekFirst();
            pending = new GetParameterNames(object, mode == DiscoveryMode.LEVEL_BY_LEVEL);
        }
        return pending;
    }

    /** Feeds the device's answer to the request {@link #next()} returned; returns a fault to record, or null. */
    CwmpFault onAnswer(CwmpMessage answer, Instant now) {
        CwmpMessage.AcsRequest asked = pending;
        pending = null;
        if (asked instanceof GetParameterNames gpn) {
            objectsToList.pollFirst();
            listed.add(gpn.parameterPath());
            boolean root = gpn.parameterPath().equals(path);
            if (answer instanceof GetParameterNamesResponse names) {
                rootListed |= root;
                learnNames(gpn, names.parameterList(), now);
                if (!gpn.nextLevel() && onlyOneLevelDeep(gpn.parameterPath(), names.parameterList())) {
                    // NextLevel=false answered as if it were true (a CPE that cannot go deeper): walk on level by
                    // level from the objects it did list
                    fallBack();
                    names.parameterList().stream().filter(ParameterInfoStruct::isObject)
                            .map(ParameterInfoStruct::name).filter(found::containsKey)
                            .filter(n -> !listed.contains(n)).forEach(objectsToList::addLast);
                }
                return null;
            }
            CwmpFault fault = asFault(answer);
            if (root && !gpn.nextLevel() && answer instanceof CwmpFault cpe && cpe.faultCode() >= 9000
                    && cpe.faultCode() != INVALID_PARAMETER_NAME) {
                // the device cannot list its whole tree at once: list it again, level by level. The fault is
                // still recorded (it says why this device costs more round trips), but it fails nothing. (A fault
                // the ACS raised about the answer, such as 8003 for another request's cwmp:ID, is no such sign, nor is
                // 9005: the path does not exist.)
                fallBack();
                listed.remove(gpn.parameterPath());
                objectsToList.addFirst(gpn.parameterPath());
                return fault;
            }
            if (root) {
                rootFault = fault;
            } else {
                skipped.add(gpn.parameterPath());
            }
            return fault;
        } else if (asked instanceof GetParameterValues gpv) {
            boolean solo = !soloValues.isEmpty();
            if (answer instanceof GetParameterValuesResponse values) {
                consume(solo, gpv.parameterNames().size());
                learnValues(values.parameterList(), now);
                return null;
            }
            if (solo || gpv.parameterNames().size() == 1) {
                consume(solo, 1);
            } else {
                // name by name from now on for this batch: the fault names one parameter at best. The batch's
                // fault itself is not reported: the retries report the names that really fault, once each.
                for (int i = 0; i < gpv.parameterNames().size(); i++) {
                    soloValues.addLast(valuesToRead.pollFirst());
                }
                return null;
            }
        }
        return asFault(answer);
    }

    private void fallBack() {
        mode = DiscoveryMode.LEVEL_BY_LEVEL;
        fellBack = true;
    }

    /**
     * Whether a NextLevel=false answer reaches no deeper than the children of {@code base} while listing at least
     * one object: what a CPE that ignores NextLevel answers. (An object with only parameters below it, or empty
     * tables, is listed one level deep too; walking those level by level costs a few round trips, never data.)
     */
    private static boolean onlyOneLevelDeep(String base, List<ParameterInfoStruct> names) {
        boolean anyObject = false;
        for (ParameterInfoStruct info : names) {
            String name = info.name();
            if (name.equals(base) || !ParameterPaths.isUnder(name, base)) {
                continue;
            }
            String rest = name.substring(base.length());
            int dot = rest.indexOf('.');
            if (dot >= 0 && dot < rest.length() - 1) {
                return false; // something two levels down: the device did go deep
            }
            anyObject |= info.isObject();
        }
        return anyObject;
    }

    /** Whether a full-tree walk had to go level by level (the device faulted or ignored NextLevel=false). */
    boolean fellBack() {
        return fellBack;
    }

    private static CwmpFault asFault(CwmpMessage answer) {
        return answer instanceof CwmpFault fault ? fault
                : CwmpFault.acs(CwmpFault.INVALID_ARGUMENTS, "unexpected answer " + answer.methodName());
    }

    private void consume(boolean solo, int count) {
        Deque<String> from = solo ? soloValues : valuesToRead;
        for (int i = 0; i < count; i++) {
            from.pollFirst();
        }
    }

    private void learnNames(GetParameterNames asked, List<ParameterInfoStruct> names, Instant now) {
        String base = asked.parameterPath();
        for (ParameterInfoStruct info : names) {
            String name = info.name();
            if (name.equals(base) || !ParameterPaths.isValid(name) || !ParameterPaths.isUnder(name, base)
                    || found.containsKey(name)) {
                continue; // some CPEs list the object itself or stray paths: never walk them twice
            }
            if (found.size() >= maxParameters) {
                truncated = true;
                objectsToList.clear();
                return;
            }
            found.put(name, new Parameter(name, null, null, info.writable(), now));
            if (info.isObject()) {
                if (asked.nextLevel() && !listed.contains(name)) {
                    objectsToList.addLast(name);
                }
            } else {
                valuesToRead.addLast(name);
            }
        }
    }

    private void learnValues(List<ParameterValueStruct> values, Instant now) {
        for (ParameterValueStruct v : values) {
            Parameter known = found.get(v.name());
            Boolean writable = known == null ? null : known.writable();
            if (known != null || ParameterPaths.isUnder(v.name(), path)) {
                found.put(v.name(), new Parameter(v.name(), v.value(), v.type(), writable, now));
            }
        }
    }

    /** What the walk learned, by path. */
    Map<String, Parameter> found() {
        return found;
    }

    /** Whether the walk stopped at {@link SessionPolicy#maxParameters()}. */
    boolean truncated() {
        return truncated;
    }

    /**
     * Whether what the walk found is the whole subtree (so it may replace what is stored): the device listed
     * the walk's root and the walk did not stop at the limit. Objects below the root that could not be listed
     * are in {@link #skipped()}.
     */
    boolean complete() {
        return rootListed && !truncated;
    }

    /** Objects below the root whose listing faulted: what is under them is unknown, not gone. */
    Set<String> skipped() {
        return skipped;
    }

    /** The fault the device answered to the listing of the walk's root, or null. */
    CwmpFault rootFault() {
        return rootFault;
    }
}
