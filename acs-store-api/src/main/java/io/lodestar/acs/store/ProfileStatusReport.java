package io.lodestar.acs.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** What a phone POSTed with a profile resync: the template it asked for, when, and the body as sent (bounded). */
public record ProfileStatusReport(String template, Instant at, byte[] body) {

    public ProfileStatusReport {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(at, "at");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProfileStatusReport r && r.template.equals(template) && r.at.equals(at)
                && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(template, at, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "ProfileStatusReport[" + template + ", " + at + ", " + body.length + " bytes]";
    }
}
