package io.lodestar.acs.api.json;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** The JSON of the profile routes (docs/profiles.md). */
public final class ProfileViews {

    private ProfileViews() {}

    @Schema(name = "NewProfileTemplate")
    public record NewTemplate(
            @Schema(description = "the path phones ask for it on, as in their profile rule: /profiles/$MA.xml")
            String path,
            @Schema(description = "its media type; application/xml when left out") String contentType,
            @Schema(description = "plain, aes-256-cbc, aes-256-cbc+gzip or aes128gcm") String encryption,
            @Schema(description = "whose key encrypts it: template (default) or device") String keyScope,
            @Schema(description = "the template text ({{value:NAME}}, {{param:PATH}}, $MA, $PSN, ...)") String text) {}

    @Schema(name = "ProfileTemplate")
    public record TemplateView(String name, String path, String contentType, String encryption, String keyScope,
                               String text, Instant updatedAt) {}

    @Schema(name = "NewProfileValue")
    public record NewValue(String value) {}

    @Schema(name = "ProfileValues")
    public record ValuesView(String scope, String owner, Map<String, String> values) {}

    @Schema(name = "NewProfileKey")
    public record NewKey(
            @Schema(description = "the secret; left out (or POST): one is generated and shown once") String secret,
            @Schema(description = "for a device's key: the template it is for (its encryption checks the secret)")
            String template) {}

    @Schema(name = "ProfileKey")
    public record KeyView(String scope, String owner,
                          @Schema(description = "shown only when generated, once") String secret) {}

    @Schema(name = "ProfileStatusReport")
    public record StatusReportView(String template, Instant at,
                                   @Schema(description = "the body as UTF-8 text (malformed bytes replaced)") String body,
                                   @Schema(description = "the body's bytes in base64") String bodyBase64) {}

    @Schema(name = "NewProfileRedirect")
    public record NewRedirect(
            @Schema(description = "the absolute http(s) URL phones are sent to; $MA, $MAU, $SN, $PSN... are expanded "
                    + "per device") String location,
            @Schema(description = "true: 301 Moved Permanently; false or left out: 302 Found") Boolean permanent) {}

    @Schema(name = "ProfileRedirect")
    public record RedirectView(String scope, String owner, String template, String location, boolean permanent,
                               @Schema(description = "301 or 302") int status) {}

    @Schema(name = "ProfileProblem")
    public record ProblemView(String template,
                              @Schema(description = "incomplete, other_model, bad_redirect") String reason,
                              Instant at, String message) {}
}
