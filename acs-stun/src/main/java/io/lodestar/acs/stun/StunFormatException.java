package io.lodestar.acs.stun;

/** A datagram that is not a well-formed STUN message; the message says what is wrong with it. */
public class StunFormatException extends Exception {

    public StunFormatException(String message) {
        super(message);
    }
}
