package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.rpc.CwmpEnvelope;

import java.util.List;

/** What the ACS answers to one HTTP POST of a CPE, before it becomes HTTP. */
public sealed interface CpeReply {

    /**
     * A SOAP message: a request or a response of the ACS, or a SOAP fault.
     *
     * @param session    the session it belongs to, or null when it belongs to none (a refused Inform)
     * @param newSession whether the session started with this message (so the cookie must be set)
     */
    record Message(CwmpEnvelope envelope, LiveSession session, boolean newSession) implements CpeReply {}

    /** The session is over and its changes are stored: HTTP 204. */
    record SessionEnded(LiveSession session) implements CpeReply {}

    /**
     * HTTP 401: the CPE must authenticate; one {@code WWW-Authenticate} header per challenge.
     *
     * @param reason what the plain-text body says
     */
    record Unauthorized(List<String> wwwAuthenticate, String reason) implements CpeReply {
        public Unauthorized {
            wwwAuthenticate = List.copyOf(wwwAuthenticate);
        }
    }

    /** An HTTP-level refusal with a reason; {@code retryAfterSeconds} is set for 503. */
    record HttpError(int status, String reason, Integer retryAfterSeconds) implements CpeReply {}
}
