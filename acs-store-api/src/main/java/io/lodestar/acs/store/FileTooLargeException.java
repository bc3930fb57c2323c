package io.lodestar.acs.store;

/** Content longer than the limit given to {@link FileStore#putFile}: nothing was stored. */
public class FileTooLargeException extends RuntimeException {

    private final long limit;

    public FileTooLargeException(long limit) {
        super("the file is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
