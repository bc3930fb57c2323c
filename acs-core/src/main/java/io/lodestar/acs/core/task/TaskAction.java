package io.lodestar.acs.core.task;

import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;

import java.util.List;
import java.util.Objects;

/**
 * What an operator wants done on a device: one RPC, or (for {@link Refresh}) a walk of RPCs.
 *
 * <p>Whatever depends on the kind of action (the session's handler, the stored encoding) chooses through a
 * {@link Visitor}, never through an {@code instanceof} chain: a new action adds a method to the visitor, and
 * every place that must handle it then fails to compile until it does.
 */
public sealed interface TaskAction {

    /** A short name for logs and APIs, e.g. {@code setParameterValues}. */
    String name();

    /** Calls the visitor's method for this action. */
    <R> R accept(Visitor<R> visitor);

    /** One method per action: what to do with each, chosen at compile time. */
    interface Visitor<R> {
        R visit(GetParameterValues action);

        R visit(SetParameterValues action);

        R visit(GetParameterNames action);

        R visit(AddObject action);

        R visit(DeleteObject action);

        R visit(Reboot action);

        R visit(FactoryReset action);

        R visit(Refresh action);

        R visit(GetRPCMethods action);

        R visit(GetParameterAttributes action);

        R visit(SetParameterAttributes action);

        R visit(ScheduleInform action);
    }

    /** Read values; names ending in '.' read whole subtrees. */
    record GetParameterValues(List<String> parameterNames) implements TaskAction {
        public GetParameterValues {
            parameterNames = List.copyOf(parameterNames);
            if (parameterNames.isEmpty()) {
                throw new IllegalArgumentException("getParameterValues needs at least one name");
            }
        }

        @Override
        public String name() {
            return "getParameterValues";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Write values atomically; the device records {@code parameterKey}. */
    record SetParameterValues(List<ParameterValueStruct> values, String parameterKey) implements TaskAction {
        public SetParameterValues {
            values = List.copyOf(values);
            parameterKey = parameterKey == null ? "" : parameterKey;
            if (values.isEmpty()) {
                throw new IllegalArgumentException("setParameterValues needs at least one value");
            }
        }

        @Override
        public String name() {
            return "setParameterValues";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Read names (and writability) under a path. */
    record GetParameterNames(String path, boolean nextLevel) implements TaskAction {
        public GetParameterNames {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return "getParameterNames";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Create an instance of a multi-instance object ({@code objectName} ends in '.'). */
    record AddObject(String objectName, String parameterKey) implements TaskAction {
        public AddObject {
            requireObjectPath(objectName);
            parameterKey = parameterKey == null ? "" : parameterKey;
        }

        @Override
        public String name() {
            return "addObject";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Delete an object instance ({@code objectName} ends in '.'). */
    record DeleteObject(String objectName, String parameterKey) implements TaskAction {
        public DeleteObject {
            requireObjectPath(objectName);
            parameterKey = parameterKey == null ? "" : parameterKey;
        }

        @Override
        public String name() {
            return "deleteObject";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Reboot the device once the session ends. */
    record Reboot(String commandKey) implements TaskAction {
        public Reboot {
            commandKey = commandKey == null ? "" : commandKey;
        }

        @Override
        public String name() {
            return "reboot";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Reset the device to factory defaults once the session ends. */
    record FactoryReset() implements TaskAction {
        @Override
        public String name() {
            return "factoryReset";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Learn again the names and values of a subtree ({@code ""} or a root such as {@code Device.} for everything). */
    record Refresh(String path) implements TaskAction {
        public Refresh {
            path = path == null ? "" : path;
            if (!path.isEmpty()) {
                requireObjectPath(path);
            }
        }

        @Override
        public String name() {
            return "refresh";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Ask which RPCs the device supports. */
    record GetRPCMethods() implements TaskAction {
        @Override
        public String name() {
            return "getRPCMethods";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Read the notification and access-list attributes; names ending in '.' read whole subtrees. */
    record GetParameterAttributes(List<String> parameterNames) implements TaskAction {
        public GetParameterAttributes {
            parameterNames = List.copyOf(parameterNames);
            if (parameterNames.isEmpty()) {
                throw new IllegalArgumentException("getParameterAttributes needs at least one name");
            }
        }

        @Override
        public String name() {
            return "getParameterAttributes";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * Change notification (0 off, 1 passive, 2 active) and access lists; each entry says which of the two it
     * changes (its NotificationChange and AccessListChange flags).
     */
    record SetParameterAttributes(List<SetParameterAttributesStruct> attributes) implements TaskAction {
        public SetParameterAttributes {
            attributes = List.copyOf(attributes);
            if (attributes.isEmpty()) {
                throw new IllegalArgumentException("setParameterAttributes needs at least one attribute");
            }
            for (SetParameterAttributesStruct a : attributes) {
                if (a.notificationChange() && (a.notification() < 0 || a.notification() > 6)) {
                    throw new IllegalArgumentException("notification must be 0 (off), 1 (passive), 2 (active) or"
                            + " 3-6 (CWMP 1.4 lightweight and passive-and-lightweight), not " + a.notification()
                            + " for " + a.name());
                }
            }
        }

        @Override
        public String name() {
            return "setParameterAttributes";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Ask the device to inform again after {@code delaySeconds} (at least 1), with M ScheduleInform and the key. */
    record ScheduleInform(int delaySeconds, String commandKey) implements TaskAction {
        public ScheduleInform {
            commandKey = commandKey == null ? "" : commandKey;
            if (delaySeconds < 1) {
                throw new IllegalArgumentException("scheduleInform needs a delay of at least 1 second, not "
                        + delaySeconds);
            }
        }

        @Override
        public String name() {
            return "scheduleInform";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    private static void requireObjectPath(String path) {
        if (path == null || !path.endsWith(".")) {
            throw new IllegalArgumentException("an object path ends in '.': " + path);
        }
    }
}
