package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.cwmp.auth.CertificateIdentity;
import io.lodestar.acs.cwmp.auth.ClientCertificateAuthenticator;
import io.lodestar.acs.cwmp.auth.CpeAuthSettings;
import io.lodestar.acs.cwmp.auth.MemoryCpeCredentialStore;
import io.lodestar.acs.cwmp.auth.StoredCredentialsAuthenticator;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static io.lodestar.acs.cwmp.http.LiveEndpoint.encode;
import static io.lodestar.acs.cwmp.http.LiveEndpoint.inform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18 item 1: TLS client certificates mapped to the device the Inform names, with real TLS clients holding
 * certificates made here (Netty's self-signed generator for subject CNs, the JDK's keytool for SubjectAltNames).
 * No CPE here has a password the ACS knows: whatever gets in, gets in by its certificate.
 */
class ClientCertificateTest {

    @TempDir
    Path dir;

    private static SelfSignedCertificate server;
    private static SelfSignedCertificate certified;
    private LiveEndpoint acs;

    @BeforeAll
    static void makeCertificates() throws Exception {
        server = new SelfSignedCertificate("localhost");
        certified = new SelfSignedCertificate("00D09E-certified"); // CN = OUI-SerialNumber
    }

    @AfterEach
    void stop() {
        if (acs != null) {
            acs.close();
        }
    }

    /** The endpoint over HTTPS only, trusting the given client certificates (each its own CA: self-signed). */
    private void start(TlsSettings.ClientAuth clientAuth, X509Certificate... trusted) throws Exception {
        Path ca = dir.resolve("client-ca.pem");
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : trusted) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Files.writeString(ca, pem);
        TlsSettings tls = TlsSettings.https(TlsSettings.Mode.ONLY, 0, server.certificate().toPath(),
                server.privateKey().toPath()).withClientCa(ca).withClientAuth(clientAuth);
        var passwords = new StoredCredentialsAuthenticator(new MemoryCpeCredentialStore(), CpeAuthSettings.from(Map.of()),
                Clock.systemUTC());
        acs = new LiveEndpoint(dir.resolve("store"), LiveEndpoint.testLimits(), tls,
                new ClientCertificateAuthenticator(passwords, CertificateIdentity.OUI_SERIAL,
                        clientAuth == TlsSettings.ClientAuth.REQUIRED), UnaryOperator.identity());
    }

    private static HttpClient cpe(PrivateKey key, X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("acs", server.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (key != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("cpe", key, "pw".toCharArray(), new Certificate[] {certificate});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "pw".toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context)
                .sslParameters(new SSLParameters(null, new String[] {"TLSv1.3"})).build();
    }

    private HttpResponse<byte[]> informOf(HttpClient cpe, String serial) throws Exception {
        acs.known(serial);
        return LiveEndpoint.post(cpe, acs.tlsUrl(), encode(inform(serial, EventStruct.PERIODIC, 1)));
    }

    @Test
    void aCertificateNamingTheDeviceOpensItsSessionWithoutAPasswordAndOnlyItsSession() throws Exception {
        start(TlsSettings.ClientAuth.OPTIONAL, certified.cert());
        HttpClient withCertificate = cpe(certified.key(), certified.cert());

        acs.known("certified");

        LiveEndpoint.aNormalSessionSucceeds(withCertificate, acs.tlsUrl(), "certified");

        // the same certificate for another device's Inform: the password check decides, and there is none
        assertThat(informOf(withCertificate, "someone-else").statusCode()).isEqualTo(401);
        // no certificate at all (optional): the password check decides
        assertThat(informOf(cpe(null, null), "certified").statusCode()).isEqualTo(401);
        assertThat(acs.store.informs(LiveEndpoint.idOf("someone-else"), 10)).isEmpty();

        acs.known("certified");

        LiveEndpoint.aNormalSessionSucceeds(cpe(certified.key(), certified.cert()), acs.tlsUrl(), "certified");
        assertThat(acs.store.informs(LiveEndpoint.idOf("certified"), 10)).hasSize(2);
    }

    @Test
    void aSubjectAltNameNamingTheDeviceIsAsGoodAsTheCommonName() throws Exception {
        KeyStore made = keytool("CN=Acme factory certificate 42", "dns:00D09E-san-cpe");
        X509Certificate certificate = (X509Certificate) made.getCertificate("cpe");
        Key key = made.getKey("cpe", "changeit".toCharArray());
        start(TlsSettings.ClientAuth.OPTIONAL, certificate);

        acs.known("san-cpe");

        LiveEndpoint.aNormalSessionSucceeds(cpe((PrivateKey) key, certificate), acs.tlsUrl(), "san-cpe");
    }

    @Test
    void requiredCertificatesRefuseTheHandshakeWithoutOneAndAnInformOfAnotherDeviceWith8001() throws Exception {
        SelfSignedCertificate stranger = new SelfSignedCertificate("00D09E-stranger");
        start(TlsSettings.ClientAuth.REQUIRED, certified.cert(), stranger.cert());

        assertThatThrownBy(() -> informOf(cpe(null, null), "certified")).isInstanceOf(IOException.class);
        HttpResponse<byte[]> other = informOf(cpe(stranger.key(), stranger.cert()), "certified");
        assertThat(other.statusCode()).isEqualTo(500);
        assertThat(((CwmpFault) LiveEndpoint.messageOf(other)).faultCode()).isEqualTo(CwmpFault.REQUEST_DENIED);
        assertThat(acs.store.informs(LiveEndpoint.idOf("certified"), 10)).isEmpty();

        acs.known("certified");

        LiveEndpoint.aNormalSessionSucceeds(cpe(certified.key(), certified.cert()), acs.tlsUrl(), "certified");
        acs.known("stranger");
        LiveEndpoint.aNormalSessionSucceeds(cpe(stranger.key(), stranger.cert()), acs.tlsUrl(), "stranger");
    }

    /** A key pair and self-signed certificate made by the JDK's keytool, with a SubjectAltName. */
    private KeyStore keytool(String subject, String san) throws Exception {
        Path store = dir.resolve("cpe.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "cpe", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject,
                "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    @Test
    void theNamesOfACertificateAreItsCommonNamesThenItsDnsAndUriAltNames() throws Exception {
        KeyStore made = keytool("CN=cn-name, O=Acme", "dns:dns-name,uri:urn:dev:serial-uri,ip:10.0.0.1");
        X509Certificate certificate = (X509Certificate) made.getCertificate("cpe");
        assertThat(namesOf(certificate)).containsExactly("cn-name", "dns-name", "urn:dev:serial-uri");
    }

    private static List<String> namesOf(X509Certificate c) {
        return ClientCertificateAuthenticator.namesOf(c);
    }
}
