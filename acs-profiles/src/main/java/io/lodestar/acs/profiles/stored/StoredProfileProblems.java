package io.lodestar.acs.profiles.stored;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.profiles.service.RefusalReason;
import io.lodestar.acs.store.ProfileStore;
import io.lodestar.acs.store.ProfileValueKey;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The latest refusal of each of a device's profiles, for operators (GET /api/v1/devices/{id}/profile-problems): kept
 * among the device's profile values as {@code problem:<template>} (a name templates cannot read, not listed among
 * the values), so bounded by the number of templates, at most {@value #MAX_MESSAGE} characters each, and removed
 * when that profile is next served. Refusals of devices the store does not know are not kept (anyone can name a
 * MAC): the metric counts them.
 */
public final class StoredProfileProblems {

    static final String PREFIX = "problem:";
    public static final int MAX_MESSAGE = 4000;

    /** One refusal: when, why, of which template, and what the operator must fix. */
    public record Problem(String template, RefusalReason reason, Instant at, String message) {
    }

    private final ProfileStore store;

    public StoredProfileProblems(ProfileStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Replaces the device's record for that template. */
    public void record(DeviceId device, String template, RefusalReason reason, String message, Instant at) {
        String m = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
        store.putProfileValue(key(device, template), at + " " + reason.tag() + "\n" + m);
    }

    /** The profile was served: its problem, if any, is gone. */
    public void clear(DeviceId device, String template) {
        store.deleteProfileValue(key(device, template));
    }

    /** The device's problems, newest first. */
    public List<Problem> of(DeviceId device) {
        List<Problem> problems = new ArrayList<>();
        store.profileValues(ProfileValueKey.Scope.DEVICE, device.value()).forEach((name, text) -> {
            if (name.startsWith(PREFIX)) {
                parse(name.substring(PREFIX.length()), text).ifPresent(problems::add);
            }
        });
        problems.sort(Comparator.comparing(Problem::at).reversed());
        return problems;
    }

    private static java.util.Optional<Problem> parse(String template, String text) {
        int space = text.indexOf(' ');
        int line = text.indexOf('\n');
        if (space < 0 || line < space) {
            return java.util.Optional.empty();
        }
        try {
            Instant at = Instant.parse(text.substring(0, space));
            RefusalReason reason = RefusalReason.valueOf(text.substring(space + 1, line).toUpperCase(java.util.Locale.ROOT));
            return java.util.Optional.of(new Problem(template, reason, at, text.substring(line + 1)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static ProfileValueKey key(DeviceId device, String template) {
        return new ProfileValueKey(ProfileValueKey.Scope.DEVICE, device.value(), PREFIX + template);
    }
}
