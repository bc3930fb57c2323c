package io.lodestar.acs.profiles.stored;

import io.lodestar.acs.profiles.device.ProfileDevice;
import io.lodestar.acs.profiles.service.ProfileRedirects;
import io.lodestar.acs.store.ProfileStore;
import io.lodestar.acs.store.ProfileValueKey;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Operators' redirects, kept among the profile values (no store layout of their own): the value
 * {@code redirect:<template>} of a device, a tag or a product class, and for every device of a template the product
 * class {@value #EVERY_DEVICE}. A ':' never appears in a value name templates may read, so a redirect is neither
 * rendered nor listed among the values. The stored text is {@code "301 <location>"} or {@code "302 <location>"}.
 * Looked up as values are: the device's, else its tags' (by tag name, the first that has one), else its product
 * class's, else the template's.
 */
public final class StoredProfileRedirects implements ProfileRedirects {

    /** The owner standing for every device of the template (in the product class scope). */
    public static final String EVERY_DEVICE = "*";
    static final String PREFIX = "redirect:";
    public static final int MAX_LOCATION = 2048;

    /** Where a redirect applies: a device, a tag, a product class, or every device of the template. */
    public enum Scope {
        DEVICE, TAG, PRODUCT_CLASS, TEMPLATE
    }

    private final ProfileStore store;

    public StoredProfileRedirects(ProfileStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<Redirect> find(ProfileDevice device, String template) {
        Optional<Redirect> own = get(Scope.DEVICE, device.id().value(), template);
        if (own.isPresent()) {
            return own;
        }
        for (String tag : new TreeSet<>(device.tags())) {
            Optional<Redirect> tagged = get(Scope.TAG, tag, template);
            if (tagged.isPresent()) {
                return tagged;
            }
        }
        if (device.productClass() != null && !device.productClass().isEmpty()
                && !device.productClass().equals(EVERY_DEVICE)) {
            Optional<Redirect> byClass = get(Scope.PRODUCT_CLASS, device.productClass(), template);
            if (byClass.isPresent()) {
                return byClass;
            }
        }
        return get(Scope.TEMPLATE, template, template);
    }

    /**
     * Sets (replaces) a redirect.
     *
     * @throws IllegalArgumentException when the location is not an absolute http or https URL (at most
     *                                  {@value #MAX_LOCATION} characters, no control characters or spaces)
     */
    public void set(Scope scope, String owner, String template, String location, boolean permanent) {
        checkLocation(location);
        store.putProfileValue(key(scope, owner, template), (permanent ? "301 " : "302 ") + location);
    }

    public Optional<Redirect> get(Scope scope, String owner, String template) {
        return store.findProfileValue(key(scope, owner, template)).flatMap(StoredProfileRedirects::parse);
    }

    public boolean remove(Scope scope, String owner, String template) {
        return store.deleteProfileValue(key(scope, owner, template));
    }

    /** Every redirect of an owner, by template. */
    public Map<String, Redirect> all(Scope scope, String owner) {
        Map<String, Redirect> all = new TreeMap<>();
        String o = scope == Scope.TEMPLATE ? EVERY_DEVICE : owner;
        store.profileValues(valueScope(scope), o).forEach((name, text) -> {
            if (name.startsWith(PREFIX) && (scope != Scope.TEMPLATE || name.equals(PREFIX + owner))) {
                parse(text).ifPresent(r -> all.put(name.substring(PREFIX.length()), r));
            }
        });
        return all;
    }

    static void checkLocation(String location) {
        if (location == null || location.isEmpty() || location.length() > MAX_LOCATION
                || location.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a redirect's location is an absolute http or https URL of at most "
                    + MAX_LOCATION + " characters, without spaces or control characters");
        }
        try {
            // macros ($MA, $(SN)) are expanded per device: check the URL with them as they may be replaced
            URI uri = new URI(location.replace("$", "x").replace("(", "x").replace(")", "x"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("a redirect's location is an absolute http or https URL, not '"
                        + location + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("a redirect's location is not a URL: " + e.getMessage(), e);
        }
    }

    private static Optional<Redirect> parse(String text) {
        if (text.length() > 4 && (text.startsWith("301 ") || text.startsWith("302 "))) {
            return Optional.of(new Redirect(text.substring(4), text.startsWith("301")));
        }
        return Optional.empty();
    }

    private static ProfileValueKey key(Scope scope, String owner, String template) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(template, "template");
        return scope == Scope.TEMPLATE
                ? new ProfileValueKey(ProfileValueKey.Scope.PRODUCT_CLASS, EVERY_DEVICE, PREFIX + owner)
                : new ProfileValueKey(valueScope(scope), owner, PREFIX + template);
    }

    private static ProfileValueKey.Scope valueScope(Scope scope) {
        return switch (scope) {
            case DEVICE -> ProfileValueKey.Scope.DEVICE;
            case TAG -> ProfileValueKey.Scope.TAG;
            case PRODUCT_CLASS, TEMPLATE -> ProfileValueKey.Scope.PRODUCT_CLASS;
        };
    }
}
