package io.lodestar.acs.profiles.identify;

/** Who asks for which profile, or why that cannot be told. */
public sealed interface Identification permits Identified, Identification.NoProfile, Identification.Unidentified {

    /** No template serves this path: 404. */
    record NoProfile(String reason) implements Identification {
    }

    /** A template serves the path but neither it nor the User-Agent names a device (or they disagree): 404. */
    record Unidentified(String reason) implements Identification {
    }
}
