package io.lodestar.acs.profiles.template;

import java.util.Objects;

/** One piece of a parsed template. */
public sealed interface Segment {

    /** Text copied as it is. */
    record Text(String text) implements Segment {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code {{value:NAME}}}: a value operators set per device, tag or product class. */
    record Value(String name) implements Segment {
        public Value {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code {{param:PATH}}}: the device's parameter at a full path. */
    record Param(String path) implements Segment {
        public Param {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * {@code $NAME}, {@code $(NAME)}, {@code $(NAME:p)} or {@code $(NAME:p:q)}: a macro, or the substring of its
     * value from offset {@code p}, {@code q} characters long (to the end when {@code q} is absent).
     *
     * @param offset 0 for the whole value
     * @param length -1 for "to the end"
     */
    record MacroRef(Macro macro, int offset, int length) implements Segment {
        public MacroRef {
            Objects.requireNonNull(macro, "macro");
            if (offset < 0 || length < -1) {
                throw new IllegalArgumentException("a macro substring has a non-negative offset and length");
            }
        }

        public String apply(String value) {
            if (offset >= value.length()) {
                return "";
            }
            int end = length < 0 ? value.length() : Math.min(value.length(), offset + length);
            return value.substring(offset, end);
        }
    }
}
