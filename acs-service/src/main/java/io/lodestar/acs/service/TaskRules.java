package io.lodestar.acs.service;

import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.datamodel.ParameterSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a task must meet before it is queued, in one place: paths well formed and present in the device's
 * stored data model, values that fit their parameter's type and parameters the device lets be written, keys
 * within TR-069's lengths; where a path is standard, values also within what the Broadband Forum model allows
 * (range, enumeration, size, pattern, writability: {@link io.lodestar.acs.datamodel.StandardModels}). What the
 * device alone can judge (a vendor parameter's range, say) is left to it: it answers with a fault.
 */
final class TaskRules {

    /** ParameterKey and CommandKey are string(32) in TR-069. */
    static final int MAX_KEY_LENGTH = 32;

    private static final TransferRules TRANSFERS = TransferRules.withRandomKeys();

    private TaskRules() {}

    /** Whether checking the action needs the device's stored parameters, or only the device's existence. */
    static boolean needsTree(TaskAction action) {
        return action instanceof TaskAction.GetParameterValues || action instanceof TaskAction.SetParameterValues
                || action instanceof TaskAction.GetParameterNames || action instanceof TaskAction.AddObject
                || action instanceof TaskAction.DeleteObject || action instanceof TaskAction.GetParameterAttributes
                || action instanceof TaskAction.SetParameterAttributes;
    }

    /**
     * The action to queue, once checked: the same action, except that a SetParameterValues carries its types
     * in their {@code xsd:} form.
     *
     * @param tree the device's stored tree; may be null when {@link #needsTree} is false
     * @throws ServiceException when a rule is broken
     */
    static TaskAction check(TaskAction action, StoredTree tree) {
        if (action instanceof TaskAction.GetParameterValues gpv) {
            for (String name : gpv.parameterNames()) {
                requireWellFormed(name, true);
                tree.requireExists(name);
            }
            return gpv;
        }
        if (action instanceof TaskAction.SetParameterValues spv) {
            List<NewValue> values = spv.values().stream().map(v -> new NewValue(v.name(), v.value(), v.type())).toList();
            return setValues(values, spv.parameterKey(), tree);
        }
        if (action instanceof TaskAction.GetParameterNames gpn) {
            requireWellFormed(gpn.path(), true);
            if (gpn.nextLevel() && !gpn.path().isEmpty() && !ParameterPaths.isObject(gpn.path())) {
                throw new ServiceException(ErrorCode.BAD_PATH, "NextLevel needs an object path (ending in '.'), not "
                        + gpn.path());
            }
            tree.requireExists(gpn.path());
            return gpn;
        }
        if (action instanceof TaskAction.AddObject add) {
            requireKey("ParameterKey", add.parameterKey());
            requireWellFormed(add.objectName(), false);
            if (isInstance(add.objectName())) {
                throw new ServiceException(ErrorCode.BAD_PATH, add.objectName()
                        + " is an object instance: AddObject takes the table to add an instance to");
            }
            tree.requireExists(add.objectName());
            if (add.values().isEmpty()) {
                return add;
            }
            List<NewValue> values = add.values().stream().map(v -> new NewValue(v.name(), v.value(), v.type())).toList();
            return addObject(add.objectName(), values, add.parameterKey(), tree);
        }
        if (action instanceof TaskAction.DeleteObject delete) {
            requireKey("ParameterKey", delete.parameterKey());
            requireWellFormed(delete.objectName(), false);
            if (!isInstance(delete.objectName())) {
                throw new ServiceException(ErrorCode.BAD_PATH, delete.objectName()
                        + " is not an object instance: DeleteObject takes a path ending in an instance number");
            }
            tree.requireExists(delete.objectName());
            return delete;
        }
        if (action instanceof TaskAction.Reboot reboot) {
            requireKey("CommandKey", reboot.commandKey());
            return reboot;
        }
        if (action instanceof TaskAction.GetParameterAttributes gpa) {
            for (String name : gpa.parameterNames()) {
                requireWellFormed(name, true);
                tree.requireExists(name);
            }
            return gpa;
        }
        if (action instanceof TaskAction.SetParameterAttributes spa) {
            checkAttributes(spa, tree);
            return spa;
        }
        if (action instanceof TaskAction.ScheduleInform si) {
            requireKey("CommandKey", si.commandKey());
            return si;
        }
        if (action instanceof TaskAction.Refresh refresh) {
            // a refresh is how a tree the store lost or never had is learned again: its path need not be stored
            requireWellFormed(refresh.path(), true);
            return refresh;
        }
        if (TransferRules.handles(action)) {
            return TRANSFERS.check(action);
        }
        return action; // FactoryReset, GetRPCMethods: nothing to check
    }

    /**
     * A SetParameterValues of the values given, each typed (the stored parameter's type when none is given) and
     * checked against its parameter.
     *
     * @throws ServiceException when a rule is broken
     */
    static TaskAction.SetParameterValues setValues(List<NewValue> values, String parameterKey, StoredTree tree) {
        if (values.isEmpty()) {
            throw new ServiceException(ErrorCode.BAD_ARGUMENT, "setParameterValues needs at least one value");
        }
        requireKey("ParameterKey", parameterKey);
        Set<String> seen = new HashSet<>();
        List<ParameterValueStruct> checked = new ArrayList<>();
        for (NewValue v : values) {
            checked.add(typedValue(v, tree));
            if (!seen.add(v.path())) {
                // TR-069 makes the device refuse the whole request (9003) for a parameter named twice
                throw new ServiceException(ErrorCode.BAD_ARGUMENT, v.path() + " is given twice");
            }
        }
        return new TaskAction.SetParameterValues(checked, parameterKey);
    }

    /**
     * An AddObject whose values (named relative to the new instance) are typed and checked as a SetParameterValues
     * on it would be: against the same parameter of the table's stored instances (what the device said of them)
     * and against the standard model's definition of the table's instances.
     *
     * @throws ServiceException when a rule is broken
     */
    static TaskAction.AddObject addObject(String objectName, List<NewValue> values, String parameterKey,
                                          StoredTree tree) {
        requireKey("ParameterKey", parameterKey);
        Set<String> seen = new HashSet<>();
        List<ParameterValueStruct> checked = new ArrayList<>();
        for (NewValue v : values) {
            String relative = v.path() == null ? "" : v.path();
            if (relative.isEmpty() || relative.startsWith(".") || !ParameterPaths.isValid(objectName + "1." + relative)) {
                throw new ServiceException(ErrorCode.BAD_PATH, "'" + relative + "' is not a parameter name relative"
                        + " to the new instance of " + objectName + " (e.g. Enable, or Stats.BytesSent)");
            }
            // "1" stands for the instance number the device will choose: the model reads every number as {i}
            ParameterValueStruct typed = typedValue(objectName + "1." + relative, v.value(), v.type(),
                    tree.inAnyInstance(objectName, relative), tree);
            checked.add(new ParameterValueStruct(relative, typed.value(), typed.type()));
            if (!seen.add(relative)) {
                throw new ServiceException(ErrorCode.BAD_ARGUMENT, relative + " is given twice");
            }
        }
        return new TaskAction.AddObject(objectName, parameterKey, checked);
    }

    private static ParameterValueStruct typedValue(NewValue v, StoredTree tree) {
        String path = v.path() == null ? "" : v.path();
        requireWellFormed(path, false);
        Optional<Parameter> stored = tree.parameter(path);
        if (stored.isEmpty() && !ParameterPaths.isObject(path)) {
            tree.requireExists(path);
        }
        return typedValue(path, v.value(), v.type(), stored, tree);
    }

    /**
     * The value typed and checked: its type is the one given, else the one the device reported for the parameter,
     * else the standard model's; a value none of them types is refused rather than sent as a string the device
     * may reject. The value must fit that type, and, where the path is standard, the model's range, enumeration,
     * size and pattern; a parameter is writable unless the device said it is not, or the model says it is not and
     * the device never said it is.
     */
    private static ParameterValueStruct typedValue(String path, String value, String given, Optional<Parameter> stored,
                                                   StoredTree tree) {
        if (ParameterPaths.isObject(path)) {
            throw new ServiceException(ErrorCode.BAD_PATH, path + " is an object: only parameters take values");
        }
        if (value == null) {
            throw new ServiceException(ErrorCode.BAD_VALUE, "no value given for " + path);
        }
        if (stored.isPresent() && Boolean.FALSE.equals(stored.get().writable())) {
            throw new ServiceException(ErrorCode.NOT_WRITABLE, path + " is read-only on device " + tree.deviceId());
        }
        Optional<ParameterSpec> standard = tree.standard(path);
        if (standard.isPresent() && !standard.get().writable()
                && !(stored.isPresent() && Boolean.TRUE.equals(stored.get().writable()))) {
            throw new ServiceException(ErrorCode.NOT_WRITABLE, path + " is read-only in the standard model "
                    + standard.get().model() + " (" + standard.get().path() + ")");
        }
        String storedType = stored.map(Parameter::type).filter(t -> !t.isEmpty()).orElse(null);
        String type = typeOf(path, given, storedType, standard.orElse(null), tree);
        XsdTypes.problem(type, value).ifPresent(expected -> {
            throw new ServiceException(ErrorCode.BAD_VALUE, "'" + value + "' is not a valid "
                    + XsdTypes.qualified(type) + " for " + path + ": " + expected);
        });
        standard.flatMap(spec -> spec.problem(value)).ifPresent(why -> {
            throw new ServiceException(ErrorCode.BAD_VALUE, "'" + value + "' is not a valid value for " + path
                    + " in the standard model " + standard.get().model() + ": " + why);
        });
        return new ParameterValueStruct(path, value, XsdTypes.qualified(type));
    }

    private static String typeOf(String path, String given, String storedType, ParameterSpec standard,
                                 StoredTree tree) {
        String standardType = standard == null ? null : standard.xsdType();
        if (given == null || given.isEmpty()) {
            if (storedType != null) {
                return storedType;
            }
            if (standardType != null) {
                return standardType;
            }
            throw new ServiceException(ErrorCode.BAD_TYPE, "no type is known for " + path + ": device "
                    + tree.deviceId() + " reported none and it is not a standard parameter; give one "
                    + "(xsd:string, boolean, int, unsignedInt, long, unsignedLong, dateTime, base64 or hexBinary)");
        }
        if (storedType != null && !XsdTypes.sameType(given, storedType)) {
            throw new ServiceException(ErrorCode.TYPE_MISMATCH, path + " is " + XsdTypes.qualified(storedType)
                    + " on device " + tree.deviceId() + ", not " + XsdTypes.qualified(given));
        }
        if (storedType == null && standardType != null && !XsdTypes.sameType(given, standardType)) {
            throw new ServiceException(ErrorCode.TYPE_MISMATCH, path + " is " + standardType
                    + " in the standard model " + standard.model() + ", not " + XsdTypes.qualified(given));
        }
        if (storedType == null && standardType == null && !XsdTypes.isKnown(given)) {
            throw new ServiceException(ErrorCode.BAD_TYPE, "unknown type " + given + " for " + path
                    + " (xsd:string, boolean, int, unsignedInt, long, unsignedLong, dateTime, base64 or hexBinary)");
        }
        return given;
    }

    /** TR-069 defines one access-list entity, Subscriber; vendors add their own with an X_ prefix. */
    private static void checkAttributes(TaskAction.SetParameterAttributes spa, StoredTree tree) {
        Set<String> seen = new HashSet<>();
        for (SetParameterAttributesStruct a : spa.attributes()) {
            String name = a.name() == null ? "" : a.name();
            requireWellFormed(name, true);
            tree.requireExists(name);
            if (!seen.add(name)) {
                throw new ServiceException(ErrorCode.BAD_ARGUMENT, name + " is given twice");
            }
            if (!a.notificationChange() && !a.accessListChange()) {
                throw new ServiceException(ErrorCode.BAD_ARGUMENT, "the attributes of " + name
                        + " change nothing: give a notification, an access list or both");
            }
            if (a.accessList().size() > MAX_ACCESS_LIST) {
                throw new ServiceException(ErrorCode.BAD_ARGUMENT, "the access list of " + name + " has more than "
                        + MAX_ACCESS_LIST + " entries");
            }
            for (String entity : a.accessList()) {
                if (!entity.equals("Subscriber") && !(entity.startsWith("X_") && entity.length() <= 64)) {
                    throw new ServiceException(ErrorCode.BAD_ARGUMENT, "access list entry '" + entity + "' of "
                            + name + " is neither Subscriber nor a vendor entity (X_...)");
                }
            }
        }
    }

    /** An access list is string(64)[64] in TR-069. */
    static final int MAX_ACCESS_LIST = 64;

    private static void requireWellFormed(String path, boolean emptyAllowed) {
        if (path.isEmpty() ? !emptyAllowed : !ParameterPaths.isValid(path)) {
            throw new ServiceException(ErrorCode.BAD_PATH, "'" + path + "' is not a parameter path "
                    + "(names of letters, digits, '_', '-' or ':' separated by dots)");
        }
    }

    static void requireKey(String kind, String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw new ServiceException(ErrorCode.BAD_ARGUMENT, kind + " '" + key + "' is longer than "
                    + MAX_KEY_LENGTH + " characters");
        }
    }

    /** Whether an object path names one instance of a table: its last name is an instance number. */
    private static boolean isInstance(String objectPath) {
        String withoutDot = objectPath.substring(0, objectPath.length() - 1);
        String last = withoutDot.substring(withoutDot.lastIndexOf('.') + 1);
        return !last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
