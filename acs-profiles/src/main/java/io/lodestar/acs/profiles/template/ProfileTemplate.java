package io.lodestar.acs.profiles.template;

import io.lodestar.acs.profiles.crypto.KeyScope;
import io.lodestar.acs.profiles.crypto.ProfileEncryption;
import io.lodestar.acs.profiles.identify.PathPattern;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A profile template: its text (parsed once, when created, so a syntax error is refused at upload), the path
 * phones ask for it on, its media type and how its profiles are encrypted and with whose key.
 *
 * @param name        unique name, e.g. {@code cp-8841-base}
 * @param path        the profile rule's path, e.g. {@code /profiles/$MA.xml}
 * @param text        the template
 * @param contentType the rendered profile's media type, e.g. {@code application/xml}; values are XML-escaped when
 *                    it is an XML type
 * @param encryption  how the rendered profile is sent
 * @param keyScope    whose key encrypts it (ignored when sent in clear)
 */
public record ProfileTemplate(String name, PathPattern path, String text, String contentType,
                              ProfileEncryption encryption, KeyScope keyScope, List<Segment> segments) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    public ProfileTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(keyScope, "keyScope");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a template name is 1 to 128 letters, digits, '. _ -', not '" + name + "'");
        }
        segments = List.copyOf(segments);
    }

    /** @throws TemplateSyntaxException or IllegalArgumentException naming what is wrong */
    public static ProfileTemplate of(String name, String path, String text, String contentType,
                                     ProfileEncryption encryption, KeyScope keyScope) {
        return new ProfileTemplate(name, PathPattern.parse(path), text, contentType, encryption, keyScope,
                TemplateParser.parse(text));
    }

    /** A template sent in clear. */
    public static ProfileTemplate plain(String name, String path, String text) {
        return of(name, path, text, "application/xml", new ProfileEncryption.Plain(), KeyScope.TEMPLATE);
    }

    public boolean escapesXml() {
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.contains("/xml") || t.contains("+xml");
    }
}
