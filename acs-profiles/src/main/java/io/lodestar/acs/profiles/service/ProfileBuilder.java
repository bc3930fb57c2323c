package io.lodestar.acs.profiles.service;

import io.lodestar.acs.profiles.crypto.EncodedProfile;
import io.lodestar.acs.profiles.crypto.KeyRef;
import io.lodestar.acs.profiles.crypto.KeyScope;
import io.lodestar.acs.profiles.crypto.ProfileEncoder;
import io.lodestar.acs.profiles.crypto.ProfileKeys;
import io.lodestar.acs.profiles.device.ProfileDevice;
import io.lodestar.acs.profiles.template.ProfileTemplate;
import io.lodestar.acs.profiles.template.RenderProblem;
import io.lodestar.acs.profiles.template.RenderResult;
import io.lodestar.acs.profiles.template.TemplateRenderer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the bytes of one device's profile: render, then encrypt with the template's or the device's key. Used by
 * {@link ProfileService} for resyncing phones, and by the merger to produce the file of a TR-069 Download.
 */
public final class ProfileBuilder {

    private final TemplateRenderer renderer;
    private final ProfileKeys keys;

    public ProfileBuilder(TemplateRenderer renderer, ProfileKeys keys) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public sealed interface Result {
    }

    public record Built(EncodedProfile profile) implements Result {
    }

    /** Every reason at once: missing values, parameters, macros and key. */
    public record Refused(List<RenderProblem> problems) implements Result {
        public Refused {
            problems = List.copyOf(problems);
        }
    }

    public Result build(ProfileTemplate template, ProfileDevice device) {
        List<RenderProblem> problems = new ArrayList<>();
        byte[] key = null;
        if (template.encryption().encrypts()) {
            KeyRef ref = keyOf(template, device);
            String which = ref.scope() == KeyScope.TEMPLATE ? "template " + template.name() : "device " + device.id();
            Optional<String> secret;
            try {
                secret = keys.find(ref);
            } catch (IllegalArgumentException sealedUnderAnotherKey) {
                // the master key is not the one it was sealed under (profiles.key-file differs between nodes)
                problems.add(new RenderProblem.UnusableKey(which, sealedUnderAnotherKey.getMessage()));
                secret = null;
            }
            if (secret == null) {
                // reported above
            } else if (secret.isEmpty()) {
                problems.add(new RenderProblem.MissingKey(which));
            } else {
                try {
                    key = ProfileKeys.keyBytes(template.encryption(), secret.get());
                } catch (IllegalArgumentException e) {
                    problems.add(new RenderProblem.UnusableKey(which, e.getMessage()));
                }
            }
        }
        RenderResult rendered = renderer.render(template, device);
        if (rendered instanceof RenderResult.Refused refused) {
            problems.addAll(refused.problems());
        }
        if (!problems.isEmpty()) {
            return new Refused(problems);
        }
        byte[] plaintext = ((RenderResult.Rendered) rendered).text().getBytes(StandardCharsets.UTF_8);
        return new Built(ProfileEncoder.encode(plaintext, template.encryption(), key, template.contentType()));
    }

    /** The key a template's profiles for this device are encrypted with. */
    public static KeyRef keyOf(ProfileTemplate template, ProfileDevice device) {
        return template.keyScope() == KeyScope.TEMPLATE ? new KeyRef(KeyScope.TEMPLATE, template.name())
                : new KeyRef(KeyScope.DEVICE, device.id().value());
    }
}
