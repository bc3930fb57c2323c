package io.lodestar.acs.codec;

/**
 * A body that cannot be decoded as a CWMP envelope. {@link #isSoap()} says whether it was at least a SOAP
 * envelope (so a SOAP fault is a fitting answer) or not even that (so the HTTP layer answers 400).
 */
public class CwmpDecodeException extends Exception {

    private final boolean soap;
    private final String cwmpId;

    public CwmpDecodeException(String message, boolean soap, String cwmpId, Throwable cause) {
        super(message, cause);
        this.soap = soap;
        this.cwmpId = cwmpId;
    }

    public CwmpDecodeException(String message, boolean soap) {
        this(message, soap, null, null);
    }

    /** Whether the body was a SOAP envelope whose content was wrong (rather than not SOAP at all). */
    public boolean isSoap() {
        return soap;
    }

    /** The cwmp:ID header if one was read before the failure, else null: a fault should echo it. */
    public String cwmpId() {
        return cwmpId;
    }
}
