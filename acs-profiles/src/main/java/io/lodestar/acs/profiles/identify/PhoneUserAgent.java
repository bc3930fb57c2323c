package io.lodestar.acs.profiles.identify;

import io.lodestar.acs.profiles.device.MacAddress;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a phone's User-Agent says about it. Two forms are read:
 * <ul>
 *   <li>Cisco multiplatform phones: {@code Cisco-CP-8841-3PCC/11.0 (00562b043615)}, vendor, product name,
 *       firmware, MAC (the administration guide's example, "HTTP Status Code Handling on Resync and Upgrade");</li>
 *   <li>Cisco/Linksys SPA phones and adapters: {@code Cisco/SPA504G-7.6.2 (88755A1B2C3D)(CCQ16250ABC)}, vendor,
 *       product name, firmware, MAC, then the serial number when present.</li>
 * </ul>
 * The User-Agent is configurable on the phones; anything else is not read (the path must then name the device).
 *
 * @param serialNumber null when the User-Agent does not carry one
 */
public record PhoneUserAgent(String vendor, String productName, String firmware, MacAddress mac, String serialNumber) {

    /** No phone sends more; longer headers are not parsed at all. */
    public static final int MAX_LENGTH = 512;
    private static final String TAIL = "\\s*\\(([0-9A-Fa-f]{12})\\)(?:\\s*\\(([A-Za-z0-9]{1,64})\\))?(?:\\s.*)?";
    private static final Pattern MPP = Pattern.compile("(Cisco)-([A-Za-z0-9][A-Za-z0-9-]{0,63})/([A-Za-z0-9._()-]{1,64})" + TAIL);
    private static final Pattern SPA = Pattern.compile("(Cisco|Linksys|Sipura)/([A-Za-z]+[0-9][A-Za-z0-9]{0,31})-([A-Za-z0-9._()-]{1,64})" + TAIL);

    public PhoneUserAgent {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(mac, "mac");
    }

    public static Optional<PhoneUserAgent> parse(String userAgent) {
        if (userAgent == null || userAgent.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String ua = userAgent.trim();
        for (Pattern form : new Pattern[]{MPP, SPA}) {
            Matcher m = form.matcher(ua);
            if (m.matches()) {
                return Optional.of(new PhoneUserAgent(m.group(1), m.group(2), m.group(3),
                        MacAddress.parse(m.group(4)).orElseThrow(), m.group(5)));
            }
        }
        return Optional.empty();
    }
}
