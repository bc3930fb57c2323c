package io.lodestar.acs.profiles.template;

import io.lodestar.acs.profiles.crypto.KeyScope;
import io.lodestar.acs.profiles.crypto.ProfileEncryption;
import io.lodestar.acs.profiles.identify.PathPattern;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A profile template: its text (parsed once, when created, so that a syntax error is refused at upload), the path
 * phones ask for it on, its media type, and how its profiles are encrypted and with whose key. Immutable; equal
 * when all of these are.
 */
public final class ProfileTemplate {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final String name;
    private final PathPattern path;
    private final String text;
    private final String contentType;
    private final ProfileEncryption encryption;
    private final KeyScope keyScope;
    private final List<Segment> segments;

    private ProfileTemplate(String name, PathPattern path, String text, String contentType,
                            ProfileEncryption encryption, KeyScope keyScope) {
        this.name = name;
        this.path = path;
        this.text = text;
        this.contentType = contentType;
        this.encryption = encryption;
        this.keyScope = keyScope;
        this.segments = TemplateParser.parse(text);
    }

    /**
     * @param name        unique name, e.g. {@code cp-8841-base} (1 to 128 letters, digits, {@code . _ -})
     * @param path        the profile rule's path, e.g. {@code /profiles/$MA.xml} ({@link PathPattern})
     * @param text        the template ({@link TemplateParser} syntax)
     * @param contentType the rendered profile's media type, e.g. {@code application/xml}; values are XML-escaped
     *                    when it is an XML type
     * @param encryption  how the rendered profile is sent
     * @param keyScope    whose key encrypts it (ignored when sent in clear)
     * @throws TemplateSyntaxException or IllegalArgumentException naming what is wrong
     */
    public static ProfileTemplate of(String name, String path, String text, String contentType,
                                     ProfileEncryption encryption, KeyScope keyScope) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(keyScope, "keyScope");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a template name is 1 to 128 letters, digits, '. _ -', not '" + name + "'");
        }
        if (contentType.isBlank() || contentType.length() > 128) {
            throw new IllegalArgumentException("a template's media type has 1 to 128 characters");
        }
        return new ProfileTemplate(name, PathPattern.parse(path), text, contentType, encryption, keyScope);
    }

    /** An XML template sent in clear. */
    public static ProfileTemplate plain(String name, String path, String text) {
        return of(name, path, text, "application/xml", new ProfileEncryption.Plain(), KeyScope.TEMPLATE);
    }

    public String name() {
        return name;
    }

    public PathPattern path() {
        return path;
    }

    public String text() {
        return text;
    }

    public String contentType() {
        return contentType;
    }

    public ProfileEncryption encryption() {
        return encryption;
    }

    public KeyScope keyScope() {
        return keyScope;
    }

    /** The parsed text. */
    public List<Segment> segments() {
        return segments;
    }

    public boolean escapesXml() {
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.contains("/xml") || t.contains("+xml");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProfileTemplate t && name.equals(t.name) && path.text().equals(t.path.text())
                && text.equals(t.text) && contentType.equals(t.contentType) && encryption.equals(t.encryption)
                && keyScope == t.keyScope;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, path.text(), text, contentType, encryption, keyScope);
    }

    @Override
    public String toString() {
        return "ProfileTemplate[" + name + " at " + path + ", " + contentType + ", " + encryption + "]";
    }
}
