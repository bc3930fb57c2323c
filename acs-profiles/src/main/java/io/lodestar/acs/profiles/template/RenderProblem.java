package io.lodestar.acs.profiles.template;

import java.util.Map;
import java.util.TreeMap;

/** Why a template could not be rendered for a device; each names what an operator must set or fix. */
public sealed interface RenderProblem {

    /** A sentence for the operator. */
    String message();

    /** {@code {{value:NAME}}} set nowhere for this device (not on it, its tags or its product class). */
    record MissingValue(String name) implements RenderProblem {
        @Override
        public String message() {
            return "value '" + name + "' is set neither for the device, nor for one of its tags, nor for its product class";
        }
    }

    /** {@code {{value:NAME}}} set differently by two of the device's tags, and not on the device itself. */
    record ConflictingValue(String name, Map<String, String> valuesByTag) implements RenderProblem {
        public ConflictingValue {
            valuesByTag = Map.copyOf(valuesByTag);
        }

        @Override
        public String message() {
            return "value '" + name + "' is set differently by the device's tags " + new TreeMap<>(valuesByTag).keySet()
                    + "; set it on the device or on one tag";
        }
    }

    /** {@code {{param:PATH}}} the device has not reported. */
    record MissingParameter(String path) implements RenderProblem {
        @Override
        public String message() {
            return "the device has no value for parameter " + path;
        }
    }

    /** A macro Lodestar does not know for this device. */
    record MissingMacro(Macro macro) implements RenderProblem {
        @Override
        public String message() {
            return "macro $" + macro.name() + " (" + macro.description() + ") is not known for the device";
        }
    }

    /** A value holding characters XML 1.0 cannot carry (control characters). */
    record UnrepresentableValue(String what) implements RenderProblem {
        @Override
        public String message() {
            return what + " holds control characters an XML profile cannot carry";
        }
    }

    /** An encrypted template whose key (the template's or the device's) is not set. */
    record MissingKey(String which) implements RenderProblem {
        @Override
        public String message() {
            return "no encryption key is set for " + which;
        }
    }

    /** A stored key that does not fit the template's encryption (e.g. the template moved from AES-CBC to aes128gcm). */
    record UnusableKey(String which, String reason) implements RenderProblem {
        @Override
        public String message() {
            return "the encryption key set for " + which + " cannot be used: " + reason;
        }
    }
}
