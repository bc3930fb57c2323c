package io.lodestar.acs.store;

/** A search named a parameter the store does not index: it would have to read every device to answer. */
public final class UnindexedParameterException extends IllegalArgumentException {

    private final String path;

    public UnindexedParameterException(String path, IndexedParameters indexed) {
        super("parameter " + path + " is not indexed, so devices cannot be searched by it (indexed: "
                + (indexed.isEmpty() ? "none" : indexed.toString()) + "; see store.indexed-parameters)");
        this.path = path;
    }

    /** The parameter that is not indexed. */
    public String path() {
        return path;
    }
}
