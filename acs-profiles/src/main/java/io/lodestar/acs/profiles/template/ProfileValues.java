package io.lodestar.acs.profiles.template;

import java.util.Optional;

/**
 * Values operators set for templates: per device (owner: the device id), per tag (owner: the tag), per product class
 * (owner: the ProductClass). The merger backs it with a store and sets values through the API;
 * {@link InMemoryProfileValues} serves tests and a single node until then.
 */
public interface ProfileValues {

    Optional<String> find(ValueScope scope, String owner, String name);
}
