package io.lodestar.acs.service;

import java.util.Objects;

/**
 * The service refused a request: {@link #code()} says why for machines, the message says it for people and
 * names what is at fault (the device, the path, the value, the type). Nothing was changed.
 */
public final class ServiceException extends RuntimeException {

    private final ErrorCode code;

    public ServiceException(ErrorCode code, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
