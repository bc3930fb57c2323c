package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.rpc.CwmpFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * TLS client certificates as a way for a CPE to prove who it is. The chain has already been verified against
 * {@code cwmp.tls.client-ca} by the TLS handshake; what is left, once the Inform has named the device, is whether the
 * certificate is <em>this</em> device's: its subject CN or one of its DNS or URI SubjectAltNames must equal the name
 * {@link CertificateIdentity} makes from the Inform (compared ignoring case, as DNS names are).
 *
 * <ul>
 *   <li>A certificate naming the device: accepted, no password asked.</li>
 *   <li>Otherwise, when certificates are optional: the password check that this decorates decides (a valid
 *       certificate of another device is no reason to refuse a right password, nor to accept a wrong one).</li>
 *   <li>Otherwise, when they are required: refused with fault 8001, whatever the password.</li>
 * </ul>
 */
public final class ClientCertificateAuthenticator implements CpeAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ClientCertificateAuthenticator.class);
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private final CpeAuthenticator passwords;
    private final CertificateIdentity identity;
    private final boolean required;

    /**
     * @param passwords what decides without a certificate naming the device (when not required)
     * @param identity  the name a device's certificate carries
     * @param required  whether an Inform without a certificate naming its device is refused outright
     */
    public ClientCertificateAuthenticator(CpeAuthenticator passwords, CertificateIdentity identity, boolean required) {
        this.passwords = Objects.requireNonNull(passwords);
        this.identity = Objects.requireNonNull(identity);
        this.required = required;
    }

    /**
     * {@code passwords} decorated with client certificates when the HTTPS endpoint asks for them
     * ({@code cwmp.tls.client-auth} optional or required), else {@code passwords} as it is.
     */
    public static CpeAuthenticator around(CpeAuthenticator passwords, CertificateIdentity identity, boolean asked,
                                          boolean required) {
        return asked || required ? new ClientCertificateAuthenticator(passwords, identity, required) : passwords;
    }

    @Override
    public AuthenticationOutcome authenticate(AuthenticationRequest request) {
        List<X509Certificate> chain = request.credentials().clientCertificates();
        String expected = identity.expectedName(request.inform().deviceId(), request.deviceId());
        if (!chain.isEmpty()) {
            List<String> names = namesOf(chain.get(0));
            if (names.stream().anyMatch(expected::equalsIgnoreCase)) {
                return AuthenticationOutcome.accepted();
            }
            LOG.info("CPE client certificate does not name the device: device={} from={} expected={} certificate names={}",
                    LogText.escape(request.deviceId().value()), request.remoteAddress(), LogText.escape(expected),
                    LogText.escape(String.valueOf(names)));
        }
        if (required) {
            LOG.info("CPE authentication refused: device={} from={} a client certificate naming it is required",
                    LogText.escape(request.deviceId().value()), request.remoteAddress());
            return AuthenticationOutcome.refused(CwmpFault.acs(CwmpFault.REQUEST_DENIED,
                    "Request denied: a client certificate naming the device is required"));
        }
        return passwords.authenticate(request);
    }

    /** The names a certificate carries: its subject CNs, then its DNS and URI SubjectAltNames. */
    public static List<String> namesOf(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // a subject that does not parse names nothing; the SANs may still
        }
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    int type = (Integer) alternative.get(0);
                    if ((type == SAN_DNS || type == SAN_URI) && alternative.get(1) instanceof String name) {
                        names.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // unreadable SANs name nothing
        }
        return names;
    }
}
