package io.lodestar.acs.server.cli.client;

/** The exit codes of the commands that talk to the API, so that scripts can tell the causes apart. */
public final class ExitCode {

    /** Done. */
    public static final int OK = 0;
    /** The ACS did not answer, failed, or does not have what was asked for; or the task failed. */
    public static final int FAILED = 1;
    /** The request was refused as invalid (a bad argument, path, value or filter). */
    public static final int REFUSED = 2;
    /** No token, a token the API refuses, or a token without the scope. */
    public static final int NOT_AUTHORIZED = 3;
    /** A task waited for did not finish in time (it stays queued). */
    public static final int STILL_PENDING = 4;

    private ExitCode() {}
}
