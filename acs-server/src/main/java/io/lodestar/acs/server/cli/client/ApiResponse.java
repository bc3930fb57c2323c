package io.lodestar.acs.server.cli.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful answer of the API.
 *
 * @param status the HTTP status (2xx)
 * @param body   the JSON body ({@code MissingNode} when there is none, as for 204)
 */
public record ApiResponse(int status, JsonNode body) {}
