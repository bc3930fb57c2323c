package io.lodestar.acs.core.operation;

/** What a device was asked to do that it finishes after the session, and how it says it did. */
public enum OperationKind {
    /** A Reboot: done when the device informs with {@code M Reboot} carrying the Reboot's CommandKey. */
    REBOOT,
    /** A FactoryReset: done when the device informs with {@code 0 BOOTSTRAP} (its new life). */
    FACTORY_RESET
}
