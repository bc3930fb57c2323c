package io.lodestar.acs.cwmp.connreq;

import java.util.concurrent.CompletableFuture;

/**
 * One way of asking a device to open a session: HTTP (TR-069 3.2.2, {@link HttpConnectionRequestTransport}), or
 * later UDP through a STUN binding (TR-069 Annex G, module acs-stun). A transport only delivers the request and says
 * how the device answered; whether a session followed is the {@link ConnectionRequester}'s business.
 */
public interface ConnectionRequestTransport {

    /** Sends one connection request; the future never fails, every error is a {@link Delivery}. */
    CompletableFuture<Delivery> send(Target target);

    /** Whether this transport can reach a target (e.g. HTTP: an http or https URL). */
    boolean handles(Target target);

    /**
     * Where and as whom to send.
     *
     * @param address  the URL (or, for other transports, the address) to send to
     * @param username the device's ConnectionRequestUsername ("" when unknown)
     * @param password its ConnectionRequestPassword ("" when unknown)
     */
    record Target(String address, String username, String password) {
        @Override
        public String toString() {
            return "Target[" + address + ", username=" + username + "]";
        }
    }

    /** How the device answered. */
    enum Result {
        /** The device took the request (HTTP 2xx). */
        ACCEPTED,
        /** The device refused the credentials, or challenged with a scheme the ACS does not answer. */
        AUTH_REJECTED,
        /** No connection (refused, no route, unknown host). */
        UNREACHABLE,
        /** The connection or the answer took too long. */
        TIMED_OUT,
        /** Another answer (503 while in a session, 404, ...). */
        REFUSED
    }

    /**
     * @param result what happened
     * @param detail a short explanation for people ("HTTP 503", "connection refused")
     */
    record Delivery(Result result, String detail) {}
}
