package io.lodestar.acs.server.cli.client;

/**
 * Something that stops a command, told in one line that names the cause (the message), with the exit code
 * that goes with it ({@link ExitCode}).
 */
public final class ApiException extends RuntimeException {

    private final int exitCode;

    public ApiException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
