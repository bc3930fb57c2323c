package io.lodestar.acs.profiles.service;

import io.lodestar.acs.profiles.template.ProfileTemplate;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Templates in a map by name: lost at restart. For tests and until the merger provides a stored catalog. */
public final class InMemoryTemplateCatalog implements TemplateCatalog {

    private final ConcurrentMap<String, ProfileTemplate> byName = new ConcurrentHashMap<>();

    @Override
    public Collection<ProfileTemplate> templates() {
        return List.copyOf(byName.values());
    }

    /** Adds or replaces the template of that name. */
    public InMemoryTemplateCatalog put(ProfileTemplate template) {
        byName.put(template.name(), template);
        return this;
    }

    public void remove(String name) {
        byName.remove(name);
    }
}
