package io.lodestar.acs.core.operation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A dateTime as a device reports it (StartTime, CompleteTime), read leniently: unknown or unreadable is null. */
public final class ReportedTime {

    /** TR-069's "unknown time". */
    public static final String UNKNOWN = "0001-01-01T00:00:00Z";

    private ReportedTime() {}

    /** The instant, or null for "", TR-069's unknown time (year 1) and text that is no dateTime. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            Instant at = t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? OffsetDateTime.parse(t).toInstant()
                    : OffsetDateTime.parse(t + "Z").toInstant(); // no zone: TR-069 says UTC is meant
            return at.isBefore(Instant.EPOCH.plusSeconds(1)) ? null : at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
