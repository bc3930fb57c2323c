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
 * @param overTls            whether the request came over TLS (Basic sends the password in clear otherwise)
 * @param requestUri         the request-target as received (a Digest response names it), or null when unknown
 * @param overTls            whether the request came over TLS (the HTTPS port), e.g. to allow Basic only there
 */
public record CpeCredentials(String authorization, List<X509Certificate> clientCertificates, boolean overTls,
                             String requestUri) {

    /** A request that carried nothing. */
    public static final CpeCredentials NONE = new CpeCredentials(null, List.of());

    public CpeCredentials {
        clientCertificates = List.copyOf(clientCertificates);
    }

    /** Over plain HTTP, the request-target unknown. */
    public CpeCredentials(String authorization, List<X509Certificate> clientCertificates) {
        this(authorization, clientCertificates, false, null);
    }

    /** The request-target unknown. */
    public CpeCredentials(String authorization, List<X509Certificate> clientCertificates, boolean overTls) {
        this(authorization, clientCertificates, overTls, null);
    }

    public static CpeCredentials authorization(String headerValue) {
        return new CpeCredentials(headerValue, List.of());
    }
}
