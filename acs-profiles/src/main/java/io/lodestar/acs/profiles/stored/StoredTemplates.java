package io.lodestar.acs.profiles.stored;

import io.lodestar.acs.profiles.crypto.KeyScope;
import io.lodestar.acs.profiles.service.TemplateCatalog;
import io.lodestar.acs.profiles.template.ProfileTemplate;
import io.lodestar.acs.store.ProfileStore;
import io.lodestar.acs.store.StoredProfileTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The templates in force, from the store. A template is parsed once per stored version (name and time of storing):
 * a resync reads the list, not the parser's work. A stored template that no longer parses (written by a newer
 * version) is left out rather than failing every resync.
 */
public final class StoredTemplates implements TemplateCatalog {

    private record Parsed(Instant updatedAt, ProfileTemplate template) {}

    private final ProfileStore store;
    private final ConcurrentMap<String, Parsed> parsed = new ConcurrentHashMap<>();

    public StoredTemplates(ProfileStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Collection<ProfileTemplate> templates() {
        List<ProfileTemplate> out = new ArrayList<>();
        for (StoredProfileTemplate t : store.profileTemplates()) {
            parse(t).ifPresent(out::add);
        }
        if (parsed.size() > out.size() * 2 + 16) {
            parsed.keySet().retainAll(out.stream().map(ProfileTemplate::name).toList());
        }
        return out;
    }

    public Optional<ProfileTemplate> find(String name) {
        return store.findProfileTemplate(name).flatMap(this::parse);
    }

    /** Stores the template (already parsed, so valid), replacing one of that name. */
    public StoredProfileTemplate put(ProfileTemplate template, Instant at) {
        StoredProfileTemplate stored = toStored(template, at);
        store.putProfileTemplate(stored);
        parsed.put(template.name(), new Parsed(at, template));
        return stored;
    }

    public boolean delete(String name) {
        parsed.remove(name);
        return store.deleteProfileTemplate(name);
    }

    public static StoredProfileTemplate toStored(ProfileTemplate t, Instant at) {
        return new StoredProfileTemplate(t.name(), t.path().text(), t.contentType(),
                ProfileEncryptions.name(t.encryption()), t.keyScope().name().toLowerCase(Locale.ROOT), t.text(), at);
    }

    /** @throws IllegalArgumentException (or TemplateSyntaxException) when it does not parse */
    public static ProfileTemplate fromStored(StoredProfileTemplate t) {
        return ProfileTemplate.of(t.name(), t.path(), t.text(), t.contentType(),
                ProfileEncryptions.parse(t.encryption()), KeyScope.valueOf(t.keyScope().toUpperCase(Locale.ROOT)));
    }

    private Optional<ProfileTemplate> parse(StoredProfileTemplate t) {
        Parsed known = parsed.get(t.name());
        if (known != null && known.updatedAt().equals(t.updatedAt())) {
            return Optional.of(known.template());
        }
        try {
            ProfileTemplate template = fromStored(t);
            parsed.put(t.name(), new Parsed(t.updatedAt(), template));
            return Optional.of(template);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
