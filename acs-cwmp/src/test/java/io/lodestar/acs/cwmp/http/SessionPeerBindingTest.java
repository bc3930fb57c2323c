package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.cwmp.auth.CpeAuthSettings;
import io.lodestar.acs.cwmp.auth.CredentialHashes;
import io.lodestar.acs.cwmp.auth.StoredCredentialsAuthenticator;
import io.lodestar.acs.httpauth.HttpAuthClient;
import io.lodestar.acs.store.CpeCredentialStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.lodestar.acs.cwmp.http.LiveEndpoint.encode;
import static io.lodestar.acs.cwmp.http.LiveEndpoint.inform;
import static io.lodestar.acs.cwmp.http.LiveEndpoint.messageOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 3 over real HTTP: a session is bound to its authenticated peer, not only to its IP address. Every
 * client here comes from 127.0.0.1, as CPEs behind one NAT would: only the credentials tell them apart.
 */
class SessionPeerBindingTest {

    private static final String REALM = "Lodestar ACS";

    @TempDir
    Path data;

    private LiveEndpoint acs;

    @BeforeEach
    void start() throws Exception {
        CpeAuthSettings settings = CpeAuthSettings.from(Map.of());
        // the store is made inside LiveEndpoint; the authenticator reads credentials from it through this holder
        CpeCredentialStore[] credentials = new CpeCredentialStore[1];
        UnaryOperator<io.lodestar.acs.store.AcsStore> keep = store -> {
            credentials[0] = (CpeCredentialStore) store;
            return store;
        };
        CpeCredentialStore lazy = new CpeCredentialStore() {
            @Override
            public void putCpeCredential(CpeCredentialScope scope, io.lodestar.acs.core.access.CpeCredential c) {
                credentials[0].putCpeCredential(scope, c);
            }

            @Override
            public boolean putCpeCredentialIfAbsent(CpeCredentialScope scope, io.lodestar.acs.core.access.CpeCredential c) {
                return credentials[0].putCpeCredentialIfAbsent(scope, c);
            }

            @Override
            public java.util.Optional<io.lodestar.acs.core.access.CpeCredential> findCpeCredential(CpeCredentialScope s) {
                return credentials[0].findCpeCredential(s);
            }

            @Override
            public boolean deleteCpeCredential(CpeCredentialScope scope) {
                return credentials[0].deleteCpeCredential(scope);
            }
        };
        acs = new LiveEndpoint(data, LiveEndpoint.testLimits(), TlsSettings.OFF,
                new StoredCredentialsAuthenticator(lazy, settings, Clock.systemUTC()), keep);
        for (String serial : new String[] {"victim", "thief"}) {
            lazy.putCpeCredential(new CpeCredentialScope.Device(LiveEndpoint.idOf(serial)),
                    CredentialHashes.of("cpe-" + serial, REALM, "secret-" + serial, Instant.now()));
            acs.known(serial);
        }
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    private static HttpClient connection() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private HttpResponse<byte[]> post(HttpClient http, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(acs.url()).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Opens an authenticated session for the serial on the connection; returns the client that answered. */
    private HttpAuthClient openSession(HttpClient http, String serial) throws Exception {
        byte[] informBody = encode(inform(serial, EventStruct.PERIODIC, 1));
        HttpResponse<byte[]> challenged = post(http, informBody);
        assertThat(challenged.statusCode()).isEqualTo(401);
        HttpAuthClient auth = HttpAuthClient.fromChallenges(challenged.headers().allValues("WWW-Authenticate"),
                "cpe-" + serial, "secret-" + serial, false);
        HttpResponse<byte[]> informed = post(http, informBody, "Authorization", auth.header("POST", "/"));
        assertThat(informed.statusCode()).isEqualTo(200);
        assertThat(messageOf(informed)).isInstanceOf(InformResponse.class);
        cookie = informed.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return auth;
    }

    private String cookie;

    @Test
    void aStolenCookieFromTheSameAddressWithoutCredentialsCannotDriveTheSession() throws Exception {
        HttpClient victim = connection();
        HttpAuthClient victimAuth = openSession(victim, "victim");
        String victimsCookie = cookie;

        // another host behind the same NAT replays the cookie on a connection of its own: challenged, nothing done
        HttpClient thief = connection();
        HttpResponse<byte[]> empty = post(thief, new byte[0], "Cookie", victimsCookie);
        assertThat(empty.statusCode()).isEqualTo(401);
        assertThat(empty.headers().allValues("WWW-Authenticate")).anyMatch(c -> c.startsWith("Digest"));
        assertThat(acs.server.sessionsInProgress()).isEqualTo(1);

        // nor with credentials of its own (the thief is a device too, with a valid password of its own)
        HttpResponse<byte[]> challenge = post(thief, new byte[0], "Cookie", victimsCookie);
        HttpAuthClient thiefsAuth = HttpAuthClient.fromChallenges(challenge.headers().allValues("WWW-Authenticate"),
                "cpe-thief", "secret-thief", false);
        HttpResponse<byte[]> withOwnPassword = post(thief, new byte[0], "Cookie", victimsCookie,
                "Authorization", thiefsAuth.header("POST", "/"));
        assertThat(withOwnPassword.statusCode()).isEqualTo(401);
        assertThat(acs.server.sessionsInProgress()).isEqualTo(1);

        // the victim goes on on its own connection; its session ends normally and is stored
        assertThat(post(victim, new byte[0]).statusCode()).isEqualTo(204);
        assertThat(acs.store.informs(LiveEndpoint.idOf("victim"), 10)).hasSize(1);
        assertThat(victimAuth).isNotNull();
    }

    @Test
    void theDeviceItselfReconnectingMidSessionWithItsCookieAndCredentialsGoesOn() throws Exception {
        HttpAuthClient auth = openSession(connection(), "victim");

        HttpClient reconnected = connection();
        HttpResponse<byte[]> withoutCredentials = post(reconnected, new byte[0], "Cookie", cookie);
        assertThat(withoutCredentials.statusCode()).isEqualTo(401);
        HttpResponse<byte[]> end = post(reconnected, new byte[0], "Cookie", cookie,
                "Authorization", auth.header("POST", "/"));

        assertThat(end.statusCode()).isEqualTo(204);
        assertThat(acs.server.sessionsInProgress()).isZero();
        assertThat(acs.store.informs(LiveEndpoint.idOf("victim"), 10)).hasSize(1);
    }
}
