package io.lodestar.acs.profiles.crypto;

/** Whose key encrypts a template's profiles: one key for the template, or each device's own key. */
public enum KeyScope {
    TEMPLATE,
    DEVICE
}
