package io.lodestar.acs.server.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** API tokens as the API describes them (never with their secret, except the once at creation). */
public final class TokenViews {

    private TokenViews() {}

    public static Table list(JsonNode items) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode t : items) {
            rows.add(List.of(JsonText.text(t.path("id")), JsonText.text(t.path("name")), JsonText.text(t.path("scopes")),
                    JsonText.text(t.path("createdAt")), JsonText.text(t.path("lastUsedAt"))));
        }
        return new Table(List.of("ID", "NAME", "SCOPES", "CREATED", "LAST USED"), rows);
    }

    /** A new token: its fields and the token text itself, which the API shows only this once. */
    public static Table created(JsonNode token) {
        return new Table(List.of("id", "name", "scopes", "createdAt", "token"), List.of(List.of(
                JsonText.text(token.path("id")), JsonText.text(token.path("name")), JsonText.text(token.path("scopes")),
                JsonText.text(token.path("createdAt")), JsonText.text(token.path("token")))));
    }
}
