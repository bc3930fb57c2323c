package io.lodestar.acs.profiles.service;

import java.util.Objects;

/**
 * A phone's request as the file server's handler reads it, before any decision.
 *
 * @param method        GET, HEAD or POST (others are refused)
 * @param path          the request target (a query is ignored)
 * @param userAgent     the User-Agent header, or null
 * @param authorization the Authorization header, or null
 * @param ifNoneMatch   the If-None-Match header, or null
 * @param body          the request body (a POST's status report), empty for GET and HEAD; the handler bounds it
 *                      at {@link ProfileServiceOptions#maxStatusBytes()} + 1 so that oversized bodies are told
 * @param remoteAddress the peer's address, for the authenticator and logs
 */
public record ProfileRequest(String method, String path, String userAgent, String authorization, String ifNoneMatch,
                             byte[] body, String remoteAddress) {

    public ProfileRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        body = body == null ? new byte[0] : body;
    }

    public static ProfileRequest get(String path, String userAgent) {
        return new ProfileRequest("GET", path, userAgent, null, null, null, null);
    }

    public ProfileRequest withAuthorization(String header) {
        return new ProfileRequest(method, path, userAgent, header, ifNoneMatch, body, remoteAddress);
    }

    public ProfileRequest withIfNoneMatch(String header) {
        return new ProfileRequest(method, path, userAgent, authorization, header, body, remoteAddress);
    }
}
