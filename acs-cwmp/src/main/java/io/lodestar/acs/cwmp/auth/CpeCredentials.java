package io.lodestar.acs.cwmp.auth;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the HTTP request carried to prove who sent it, as the HTTP layer saw it; judged by a
 * {@link CpeAuthenticator}.
 *
 * @param authorization      the {@code Authorization} header's value (Basic or Digest), or null when absent
 * @param clientCertificates the TLS client certificate chain, the CPE's own first; empty without TLS or when
 *                           the CPE presented none
 */
public record CpeCredentials(String authorization, List<X509Certificate> clientCertificates) {

    /** A request that carried nothing. */
    public static final CpeCredentials NONE = new CpeCredentials(null, List.of());

    public CpeCredentials {
        clientCertificates = List.copyOf(clientCertificates);
    }

    public static CpeCredentials authorization(String headerValue) {
        return new CpeCredentials(headerValue, List.of());
    }
}
