package io.lodestar.acs.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 *
 * @param type     a URI naming the kind of problem ({@code urn:lodestar:problem:<code>})
 * @param title    a short summary of the kind
 * @param status   the HTTP status
 * @param detail   what was wrong with this request, for people
 * @param code     the same for machines, e.g. {@code UNKNOWN_DEVICE}
 * @param position for a bad filter: the 0-based index of the character where it is wrong
 * @param errors   when there are several reasons (a profile a device cannot get): every one, for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(String type, String title, int status, String detail, String code, Integer position,
                      java.util.List<String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("urn:lodestar:problem:" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                title, status, detail, code, null, null);
    }

    public Problem at(int position) {
        return new Problem(type, title, status, detail, code, position, errors);
    }

    public Problem withErrors(java.util.List<String> list) {
        return new Problem(type, title, status, detail, code, position, java.util.List.copyOf(list));
    }
}
