package io.lodestar.acs.sim.client;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.httpauth.AuthParams;
import io.lodestar.acs.httpauth.Digest;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.lodestar.acs.sim.rpc.TransferAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Real HTTP transfers against a local server that asks for Basic credentials. */
class HttpTransferAgentTest {

    private static final byte[] FILE = "SoftwareVersion=3.0\nimage".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private final List<String> puts = new CopyOnWriteArrayList<>();
    private final HttpTransferAgent agent = new HttpTransferAgent(Duration.ofSeconds(5));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpContext files = server.createContext("/files/", exchange -> {
            if (exchange.getRequestMethod().equals("PUT")) {
                puts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(201, -1);
            } else if (exchange.getRequestURI().getPath().equals("/files/fw.bin")) {
                exchange.sendResponseHeaders(200, FILE.length);
                exchange.getResponseBody().write(FILE);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.createContext("/digest/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!digestOk(exchange.getRequestMethod(), auth)) {
                exchange.getResponseHeaders().add("WWW-Authenticate",
                        "Digest realm=\"files\", nonce=\"n-123\", qop=\"auth\", algorithm=SHA-256");
                exchange.sendResponseHeaders(401, -1);
            } else {
                exchange.sendResponseHeaders(200, FILE.length);
                exchange.getResponseBody().write(FILE);
            }
            exchange.close();
        });
        files.setAuthenticator(new BasicAuthenticator("files") {
            @Override
            public boolean checkCredentials(String user, String password) {
                return user.equals("cpe") && password.equals("pw");
            }
        });
        server.start();
    }

    /** The server's side of Digest, computed with the same module as the client's. */
    private static boolean digestOk(String method, String authorization) {
        if (authorization == null || !AuthParams.schemeOf(authorization).equals("digest")) {
            return false;
        }
        var p = AuthParams.paramsOf(authorization);
        String expected = Digest.response(DigestAlgorithm.SHA_256, "cpe", "files", "pw", method, p.get("uri"),
                "n-123", p.get("nc"), p.get("cnonce"), "auth");
        return "cpe".equals(p.get("username")) && Digest.sameHex(expected, p.get("response"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void aFileIsFetchedWithBasicCredentialsAndItsSizeChecked() {
        TransferAgent.Fetched ok = agent.download(url("/files/fw.bin"), "cpe", "pw", FILE.length);
        assertThat(ok.fault()).isEqualTo(FaultStruct.NONE);
        assertThat(ok.body()).isEqualTo(FILE);

        assertThat(agent.download(url("/files/fw.bin"), "cpe", "pw", FILE.length + 1).fault().faultCode())
                .as("shorter than announced").isEqualTo(9018);
        assertThat(agent.download(url("/files/fw.bin"), "cpe", "pw", FILE.length - 1).fault().faultCode())
                .as("longer than announced").isEqualTo(9018);
        assertThat(agent.download(url("/files/fw.bin"), "cpe", "pw", 0).fault()).as("size unknown")
                .isEqualTo(FaultStruct.NONE);
    }

    @Test
    void wrongCredentialsAMissingFileAndNoServerAreTheirOwnFaults() {
        assertThat(agent.download(url("/files/fw.bin"), "cpe", "wrong", 0).fault().faultCode()).isEqualTo(9012);
        assertThat(agent.download(url("/files/fw.bin"), "", "", 0).fault().faultCode()).isEqualTo(9012);
        assertThat(agent.download(url("/files/none.bin"), "cpe", "pw", 0).fault().faultCode()).isEqualTo(9016);
        assertThat(agent.download("http://127.0.0.1:1/x", "", "", 0).fault().faultCode()).isEqualTo(9015);
        assertThat(agent.download("ftp://127.0.0.1/x", "", "", 0).fault().faultCode()).isEqualTo(9013);
    }

    @Test
    void aDigestChallengeIsAnsweredWithTheCredentials() {
        assertThat(agent.download(url("/digest/fw.bin"), "cpe", "pw", FILE.length).fault()).isEqualTo(FaultStruct.NONE);
        assertThat(agent.download(url("/digest/fw.bin"), "cpe", "nope", 0).fault().faultCode()).isEqualTo(9012);
    }

    @Test
    void anUploadIsPut() {
        assertThat(agent.upload(url("/files/up"), "cpe", "pw", "text/plain", "a=1\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(FaultStruct.NONE);
        assertThat(puts).containsExactly("a=1\n");
        assertThat(agent.upload(url("/files/up"), "cpe", "bad", "text/plain", new byte[0]).faultCode()).isEqualTo(9012);
    }
}
