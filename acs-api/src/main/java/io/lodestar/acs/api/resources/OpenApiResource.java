package io.lodestar.acs.api.resources;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Set;

/** The OpenAPI 3 document of the API, generated from the resources' annotations: it cannot drift from the code. */
@Path("/api/openapi.json")
@Hidden
public final class OpenApiResource {

    private final String document;

    private OpenApiResource(String document) {
        this.document = document;
    }

    /**
     * The document of these resources. A factory, not a public constructor: Jersey validates a resource's public
     * constructors as if it had to inject them, and warns at every start that a {@code Set<Class<?>>} cannot be.
     */
    public static OpenApiResource of(Set<Class<?>> resources, String version) {
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Lodestar ACS operator API").version(version)
                        .description("Devices, tasks, faults and tokens of a Lodestar TR-069 ACS. Every /api/v1 "
                                + "route needs Authorization: Bearer <token>; errors are RFC 9457 problems."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")));
        // every error answer is a problem; no route returns one, so its schema is added here
        io.swagger.v3.core.converter.ModelConverters.getInstance()
                .read(io.lodestar.acs.api.problem.Problem.class).forEach(base.getComponents()::addSchemas);
        OpenAPI api = new Reader(new SwaggerConfiguration().openAPI(base)).read(resources);
        try {
            return new OpenApiResource(Json.pretty().writeValueAsString(api));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the OpenAPI document", e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String document() {
        return document;
    }
}
