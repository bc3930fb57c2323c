package io.lodestar.acs.profiles.template;

/** A template that cannot be parsed; the message names the line and column. Refused when the template is uploaded. */
public final class TemplateSyntaxException extends IllegalArgumentException {

    public TemplateSyntaxException(String message) {
        super(message);
    }
}
