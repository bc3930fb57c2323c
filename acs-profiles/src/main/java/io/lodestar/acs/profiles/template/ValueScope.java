package io.lodestar.acs.profiles.template;

/** Where an operator set a value, in order of precedence: a device's own value wins over a tag's, a tag's over a product class's. */
public enum ValueScope {
    DEVICE,
    TAG,
    PRODUCT_CLASS
}
