package io.lodestar.acs.core.rpc;

import java.util.Objects;

/**
 * A SOAP envelope carrying one CWMP message (TR-069 sessions use MaxEnvelopes 1).
 *
 * @param version the CWMP version whose namespace the envelope uses
 * @param header  the CWMP header elements, {@link CwmpHeader#EMPTY} when there are none
 * @param message the body's single message
 */
public record CwmpEnvelope(CwmpVersion version, CwmpHeader header, CwmpMessage message) {

    public CwmpEnvelope {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(message, "message");
        header = header == null ? CwmpHeader.EMPTY : header;
    }
}
