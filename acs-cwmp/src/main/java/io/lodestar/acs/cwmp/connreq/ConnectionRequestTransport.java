package io.lodestar.acs.cwmp.connreq;

import io.lodestar.acs.core.device.DeviceId;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One way of asking a device to open a session: HTTP (TR-069 3.2.2, {@link HttpConnectionRequestTransport}), or
 * UDP through a STUN binding (TR-069 Annex G: acs-server's UDP transport over acs-stun, which this module does not
 * depend on). A transport only delivers the request and says
 * how the device answered; whether a session followed is the {@link ConnectionRequester}'s business.
 */
public interface ConnectionRequestTransport {

    /** Sends one connection request; the future never fails, every error is a {@link Delivery}. */
    CompletableFuture<Delivery> send(Target target);

    /** Whether this transport can reach a target (e.g. HTTP: an http or https URL). */
    boolean handles(Target target);

    /**
     * An address of this transport's own for the device, beside its ConnectionRequestURL (UDP: the binding the
     * STUN server learned, else the UDPConnectionRequestAddress it informed), or empty. Asked once per wake, on the
     * waking thread; must not block on I/O.
     *
     * @param device           the device
     * @param managementServer its stored {@code ManagementServer.} parameters by name relative to that object
     *                         ({@code "UDPConnectionRequestAddress"}, {@code "STUNUsername"}, ...)
     */
    default Optional<String> addressFor(DeviceId device, Map<String, String> managementServer) {
        return Optional.empty();
    }

    /** Whether {@link #addressFor} may give addresses (the requester then reads the device's parameters). */
    default boolean offersAddresses() {
        return false;
    }

    /** The device opened its session after a request this transport delivered to {@code target}: send no more. */
    default void sessionStarted(Target target) {
    }

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
