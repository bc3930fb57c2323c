package io.lodestar.acs.api;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTest extends ApiFixture {

    /** Every route of docs/api.md, as method and path template. */
    private static final List<String> ROUTES = List.of(
            "GET /health/live", "GET /health/ready",
            "GET /api/v1/devices", "GET /api/v1/devices/{id}", "DELETE /api/v1/devices/{id}",
            "GET /api/v1/devices/{id}/parameters", "GET /api/v1/devices/{id}/faults",
            "PUT /api/v1/devices/{id}/tags/{tag}", "DELETE /api/v1/devices/{id}/tags/{tag}",
            "POST /api/v1/tags/{tag}", "DELETE /api/v1/tags/{tag}",
            "POST /api/v1/devices/{id}/tasks", "GET /api/v1/devices/{id}/tasks",
            "GET /api/v1/devices/{id}/tasks/{taskId}", "POST /api/v1/devices/{id}/tasks/{taskId}/cancel",
            "POST /api/v1/devices/{id}/tasks/{taskId}/retry",
            "GET /api/v1/faults",
            "GET /api/v1/tokens", "POST /api/v1/tokens", "DELETE /api/v1/tokens/{tokenId}");

    @Test
    void theDocumentParsesAndCoversEveryRoute() throws Exception {
        HttpResponse<String> r = get("/api/openapi.json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(r.body(), null, null);
        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).startsWith("3.");
        for (String route : ROUTES) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            PathItem item = api.getPaths().get(path);
            assertThat(item).as(route).isNotNull();
            assertThat(item.readOperationsMap().keySet()).as(route)
                    .contains(PathItem.HttpMethod.valueOf(method));
        }
        assertThat(api.getComponents().getSchemas()).containsKeys("Problem", "Task", "DeviceSummary",
                "SetParameterValuesTask");
        assertThat(api.getComponents().getSecuritySchemes()).containsKey("bearer");
    }
}
