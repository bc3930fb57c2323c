package io.lodestar.acs.store;

/** The storage engine cannot serve the request now (down, timing out, closed); retrying later may succeed. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
