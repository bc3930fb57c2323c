package io.lodestar.acs.profiles.template;

import java.util.List;
import java.util.Objects;

/** A rendered profile, or every reason it could not be rendered (never a profile with empty fields). */
public sealed interface RenderResult {

    record Rendered(String text) implements RenderResult {
        public Rendered {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The API answers 422 with these; the file server answers the phone 404 and reports them to operators. */
    record Refused(List<RenderProblem> problems) implements RenderResult {
        public Refused {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a refusal has at least one reason");
            }
        }

        public String message() {
            StringBuilder sb = new StringBuilder();
            for (RenderProblem p : problems) {
                sb.append(sb.isEmpty() ? "" : "; ").append(p.message());
            }
            return sb.toString();
        }
    }
}
