package io.lodestar.acs.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The rules a file's metadata follows, shared by {@link NewFile} and {@link StoredFile}. */
public final class FileMetadata {

    /** A file id: letters, digits, '.', '_' and '-', 1 to 128, not starting with '.' (a file name on every OS). */
    public static final Pattern ID_RULE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    /** An OUI as TR-069 writes it: six hex digits, upper case. */
    public static final Pattern OUI_RULE = Pattern.compile("[0-9A-F]{6}");
    public static final String FIRMWARE = "1 Firmware Upgrade Image";
    public static final String WEB_CONTENT = "2 Web Content";
    public static final String VENDOR_CONFIGURATION = "3 Vendor Configuration File";
    /** What devices upload (the Upload RPC's file types). */
    public static final String UPLOADED_CONFIGURATION = "1 Vendor Configuration File";
    public static final String UPLOADED_LOG = "2 Vendor Log File";

    private FileMetadata() {}

    /** Whether {@code id} can name a file. */
    public static boolean isValidId(String id) {
        return id != null && ID_RULE.matcher(id).matches();
    }

    static void check(String id, String name, String fileType, String version, List<String> ouis,
                      List<String> productClasses, String device, Instant createdAt) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("a file id is 1 to 128 letters, digits, '.', '_' or '-' (not first: "
                    + "'.'), not '" + id + "'");
        }
        text(name, "name", 255);
        if (name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("a file name cannot contain '/' or '\\': '" + name + "'");
        }
        text(fileType, "file type", 128);
        Objects.requireNonNull(version, "version (\"\" when not told)");
        if (version.length() > 128 || hasControl(version)) {
            throw new IllegalArgumentException("a file version is at most 128 printable characters");
        }
        Objects.requireNonNull(ouis, "ouis");
        for (String oui : ouis) {
            if (oui == null || !OUI_RULE.matcher(oui).matches()) {
                throw new IllegalArgumentException("an OUI is six upper-case hex digits, not '" + oui + "'");
            }
        }
        Objects.requireNonNull(productClasses, "productClasses");
        for (String pc : productClasses) {
            text(pc, "product class", 64);
        }
        if (device != null) {
            text(device, "device id", 256);
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }

    private static void text(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a file's " + what + " cannot be empty");
        }
        if (value.length() > max || hasControl(value)) {
            throw new IllegalArgumentException("a file's " + what + " is at most " + max
                    + " printable characters: '" + value + "'");
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }
}
