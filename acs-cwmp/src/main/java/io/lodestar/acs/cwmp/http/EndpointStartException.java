package io.lodestar.acs.cwmp.http;

/** The endpoint cannot start; the message names what is in the way (the address and port, the TLS file). */
public final class EndpointStartException extends RuntimeException {

    public EndpointStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
