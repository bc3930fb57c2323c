package io.lodestar.acs.profiles.device;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** A 48-bit MAC address, kept as 12 lower-case hex digits (Cisco's {@code $MA} form). */
public record MacAddress(String hex) {

    private static final Pattern HEX12 = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern SEPARATED = Pattern.compile("[0-9a-fA-F]{2}([:-]?)(?:[0-9a-fA-F]{2}\\1){4}[0-9a-fA-F]{2}");

    public MacAddress {
        Objects.requireNonNull(hex, "hex");
        if (!HEX12.matcher(hex).matches()) {
            throw new IllegalArgumentException("a MAC address is 12 lower-case hex digits, not '" + hex + "'");
        }
    }

    /** Reads {@code 00562b043615}, {@code 00562B043615}, {@code 00:56:2b:04:36:15} or {@code 00-56-2B-04-36-15}. */
    public static Optional<MacAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (!SEPARATED.matcher(t).matches()) {
            return Optional.empty();
        }
        return Optional.of(new MacAddress(t.replace(":", "").replace("-", "").toLowerCase(Locale.ROOT)));
    }

    /** {@code $MA}: 000e08aabbcc. */
    public String lowerHex() {
        return hex;
    }

    /** {@code $MAU}: 000E08AABBCC. */
    public String upperHex() {
        return hex.toUpperCase(Locale.ROOT);
    }

    /** {@code $MAC}: 00:0e:08:aa:bb:cc. */
    public String colonSeparated() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return hex;
    }
}
