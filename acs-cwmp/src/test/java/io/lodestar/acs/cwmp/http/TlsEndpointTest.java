package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.cwmp.auth.AuthenticationOutcome;
import io.lodestar.acs.cwmp.auth.CpeAuthenticator;
import io.lodestar.acs.cwmp.auth.CpeCredentials;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** HTTPS on the CWMP endpoint with a real TLS client: versions, the TLS flag, client certificates, reloading. */
class TlsEndpointTest {

    @TempDir
    Path dir;

    /** One server certificate for the class: making one takes seconds (keytool) on a busy machine. */
    private static SelfSignedCertificate serverCertificate;

    @org.junit.jupiter.api.BeforeAll
    static void makeServerCertificate() throws Exception {
        serverCertificate = new SelfSignedCertificate("localhost");
    }

    private LiveEndpoint acs;
    private final List<CpeCredentials> seen = new CopyOnWriteArrayList<>();
    private final CpeAuthenticator recording = request -> {
        seen.add(request.credentials());
        return AuthenticationOutcome.accepted();
    };

    @AfterEach
    void stop() {
        if (acs != null) {
            acs.close();
        }
    }

    private static Path[] pem(Path dir, String name, SelfSignedCertificate certificate) throws Exception {
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        Files.copy(certificate.certificate().toPath(), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(certificate.privateKey().toPath(), key, StandardCopyOption.REPLACE_EXISTING);
        return new Path[] {cert, key};
    }

    private LiveEndpoint start(TlsSettings tls) throws Exception {
        acs = new LiveEndpoint(dir.resolve("store"), LiveEndpoint.testLimits(), tls, recording, UnaryOperator.identity());
        return acs;
    }

    private static SSLContext trusting(X509Certificate server, SelfSignedCertificate client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("acs", server);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("cpe", client.key(), "pw".toCharArray(), new Certificate[] {client.cert()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "pw".toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static HttpClient client(SSLContext tls, String protocol) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .sslParameters(new SSLParameters(null, new String[] {protocol})).build();
    }

    @Test
    void aSessionRunsOverTls12AndOverTls13AndTheSessionLayerKnowsItCameOverTls() throws Exception {
        SelfSignedCertificate server = serverCertificate;
        Path[] files = pem(dir, "acs", server);
        start(TlsSettings.https(TlsSettings.Mode.ON, 0, files[0], files[1]));

        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            acs.known("tls-" + protocol);
            LiveEndpoint.aNormalSessionSucceeds(client(trusting(server.cert(), null), protocol), acs.tlsUrl(),
                    "tls-" + protocol);
        }
        assertThat(seen).hasSize(2).allSatisfy(c -> {
            assertThat(c.overTls()).isTrue();
            assertThat(c.clientCertificates()).isEmpty();
        });

        acs.aNormalSessionSucceeds("plain-beside-tls"); // cwmp.tls=on keeps plain HTTP
        assertThat(seen.get(2).overTls()).isFalse();
    }

    @Test
    void tls11IsRefused() throws Exception {
        SelfSignedCertificate server = serverCertificate;
        Path[] files = pem(dir, "acs", server);
        start(TlsSettings.https(TlsSettings.Mode.ONLY, 0, files[0], files[1]));

        SSLContext context = trusting(server.cert(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", acs.server.tlsPort())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.1"});
            assertThatThrownBy(socket::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
        } catch (IllegalArgumentException unsupportedHere) {
            // this JDK cannot even offer TLS 1.1: refused all the more
        }
        assertThat(acs.server.tlsPort()).isEqualTo(acs.server.port()); // cwmp.tls=only: no plain port
        acs.known("after-tls11");
        LiveEndpoint.aNormalSessionSucceeds(client(trusting(server.cert(), null), "TLSv1.3"), acs.tlsUrl(),
                "after-tls11");
    }

    @Test
    void aClientCertificateChainReachesTheAuthenticator() throws Exception {
        SelfSignedCertificate server = serverCertificate;
        SelfSignedCertificate cpe = new SelfSignedCertificate("00D09E-Box-cert-cpe");
        Path[] files = pem(dir, "acs", server);
        Path[] cpeFiles = pem(dir, "cpe", cpe);
        start(TlsSettings.https(TlsSettings.Mode.ONLY, 0, files[0], files[1]).withClientCa(cpeFiles[0]));

        acs.known("cert-cpe");
        LiveEndpoint.aNormalSessionSucceeds(client(trusting(server.cert(), cpe), "TLSv1.3"), acs.tlsUrl(), "cert-cpe");

        assertThat(seen).singleElement().satisfies(c -> assertThat(c.clientCertificates())
                .extracting(X509Certificate::getSubjectX500Principal).containsExactly(cpe.cert().getSubjectX500Principal()));
    }

    @Test
    void aRenewedCertificateIsServedToNewConnectionsWithoutARestart() throws Exception {
        SelfSignedCertificate first = serverCertificate;
        SelfSignedCertificate renewed = new SelfSignedCertificate("localhost");
        Path[] files = pem(dir, "acs", first);
        start(TlsSettings.https(TlsSettings.Mode.ONLY, 0, files[0], files[1]).withReloadInterval(Duration.ofMillis(100)));
        acs.known("renewal");
        LiveEndpoint.aNormalSessionSucceeds(client(trusting(first.cert(), null), "TLSv1.3"), acs.tlsUrl(), "renewal");

        // the renewal is written beside and moved in, as certbot and Kubernetes do
        Path[] staged = pem(Files.createDirectories(dir.resolve("staged")), "acs", renewed);
        Files.move(staged[1], files[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(staged[0], files[0], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(files[0], java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> LiveEndpoint.aNormalSessionSucceeds(
                client(trusting(renewed.cert(), null), "TLSv1.3"), acs.tlsUrl(), "renewal"));
    }

    @Test
    void aCertificateThatCannotBeReadStopsTheStartNamingTheFile() throws Exception {
        Path cert = Files.writeString(dir.resolve("broken.crt"), "not a certificate");
        Path key = Files.writeString(dir.resolve("broken.key"), "not a key");

        assertThatThrownBy(() -> start(TlsSettings.https(TlsSettings.Mode.ON, 0, cert, key)))
                .isInstanceOf(EndpointStartException.class).hasMessageContaining("broken.crt");
    }
}
