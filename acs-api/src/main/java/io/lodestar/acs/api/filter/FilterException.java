package io.lodestar.acs.api.filter;

/**
 * A filter that cannot be run: {@link #syntax()} when it is not well formed (400), else when it asks for what the
 * store cannot answer (422); {@link #position()} is the 0-based index of the character where it goes wrong.
 */
public final class FilterException extends RuntimeException {

    private final int position;
    private final boolean syntax;

    FilterException(String message, int position, boolean syntax) {
        super(message, null, false, false);
        this.position = position;
        this.syntax = syntax;
    }

    public int position() {
        return position;
    }

    public boolean syntax() {
        return syntax;
    }
}
