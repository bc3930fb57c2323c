package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.cwmp.auth.AllowAll;
import io.lodestar.acs.cwmp.auth.CpeAuthenticator;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** A real CWMP endpoint on a loopback port over a real embedded store, and a plain CPE speaking HTTP to it. */
final class LiveEndpoint implements AutoCloseable {

    static final CwmpCodec CPE_CODEC = CwmpCodec.forCpe();

    final AcsStore store;
    final CwmpServer server;
    /** Every new session the endpoint turned away with 503, by reason. */
    final List<ShedReason> shed = new java.util.concurrent.CopyOnWriteArrayList<>();

    LiveEndpoint(Path dir, EndpointLimits limits) throws InterruptedException {
        this(dir, limits, TlsSettings.OFF, AllowAll.INSTANCE, UnaryOperator.identity());
    }

    LiveEndpoint(Path dir, EndpointLimits limits, TlsSettings tls, CpeAuthenticator authenticator,
                 UnaryOperator<AcsStore> storeWrapper) throws InterruptedException {
        this(dir, limits, tls, authenticator, storeWrapper, SessionPolicy.DEFAULT);
    }

    LiveEndpoint(Path dir, EndpointLimits limits, TlsSettings tls, CpeAuthenticator authenticator,
                 UnaryOperator<AcsStore> storeWrapper, SessionPolicy policy) throws InterruptedException {
        this(dir, limits, tls, authenticator, storeWrapper, policy, CwmpEndpointConfig.defaults().workerThreads(), null);
    }

    /** With this many worker threads, and the devices being woken (or null: none). */
    LiveEndpoint(Path dir, EndpointLimits limits, UnaryOperator<AcsStore> storeWrapper, int workerThreads,
                 CwmpServer.WakingDevices waking) throws InterruptedException {
        this(dir, limits, TlsSettings.OFF, AllowAll.INSTANCE, storeWrapper, SessionPolicy.DEFAULT, workerThreads, waking);
    }

    private LiveEndpoint(Path dir, EndpointLimits limits, TlsSettings tls, CpeAuthenticator authenticator,
                 UnaryOperator<AcsStore> storeWrapper, SessionPolicy policy, int workerThreads,
                 CwmpServer.WakingDevices waking) throws InterruptedException {
        store = storeWrapper.apply(RocksAcsStore.open(dir, RocksAcsStore.Option.NO_SYNC));
        CwmpEndpointConfig defaults = CwmpEndpointConfig.defaults();
        CwmpServer.Builder builder = CwmpServer.builder();
        if (waking != null) {
            builder.wakesPending(waking);
        }
        server = builder
                .policy(policy)
                .config(new CwmpEndpointConfig("127.0.0.1", 0, defaults.maxBodyBytes(), defaults.connectionIdle(),
                        workerThreads))
                .limits(limits)
                .tls(tls)
                .authenticator(authenticator)
                .onShed(shed::add)
                .sessionIdleTimeout(Duration.ofSeconds(5))
                .store(store)
                .build()
                .start();
    }

    static EndpointLimits testLimits() {
        return EndpointLimits.defaults().withRetryAfter(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    URI tlsUrl() {
        return URI.create("https://localhost:" + server.tlsPort() + "/");
    }

    static Inform inform(String serial, String event, int parameters) {
        return inform(serial, event, parameters, "Device.X_Test.Param");
    }

    static Inform inform(String serial, String event, int parameters, String prefix) {
        List<ParameterValueStruct> list = new ArrayList<>();
        list.add(ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", "1.0"));
        for (int i = 1; i < parameters; i++) {
            list.add(ParameterValueStruct.string(prefix + i, "value-" + i));
        }
        return new Inform(new DeviceIdStruct("Acme", "00D09E", "Box", serial), List.of(EventStruct.of(event)), 1,
                "2026-12-01T10:00:00Z", 0, list);
    }

    static byte[] encode(CwmpMessage message) {
        return CPE_CODEC.encode(new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("t1"), message));
    }

    static CwmpMessage messageOf(HttpResponse<byte[]> response) throws Exception {
        return CPE_CODEC.decode(response.body()).message();
    }

    static int faultCodeOf(HttpResponse<byte[]> response) throws Exception {
        return ((CwmpFault) messageOf(response)).faultCode();
    }

    /** A device already discovered, so that its sessions are Inform, empty POST, 204. */
    void known(String serial) {
        Instant now = Instant.now();
        Device device = Device.register(idOf(serial), now).withDiscovery(false, now);
        store.commit(new SessionChanges(device, false, Set.of(), Map.of(), List.of(), List.of(), null));
    }

    static DeviceId idOf(String serial) {
        return IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(new DeviceIdStruct("Acme", "00D09E", "Box", serial));
    }

    /** A whole session of a known device over a new HTTP client: Inform, empty POST, 204, and it is stored. */
    void aNormalSessionSucceeds(String serial) throws Exception {
        known(serial);
        aNormalSessionSucceeds(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), url(), serial);
        assertThat(store.informs(idOf(serial), 10)).as("informs stored for %s", serial).isNotEmpty();
    }

    static void aNormalSessionSucceeds(HttpClient http, URI url, String serial) throws Exception {
        HttpResponse<byte[]> informed = post(http, url, encode(inform(serial, EventStruct.PERIODIC, 1)));
        assertThat(informed.statusCode()).as("answer to the Inform of %s", serial).isEqualTo(200);
        assertThat(messageOf(informed)).isInstanceOf(InformResponse.class);
        HttpResponse<byte[]> end = post(http, url, new byte[0]);
        assertThat(end.statusCode()).as("end of the session of %s", serial).isEqualTo(204);
    }

    static HttpResponse<byte[]> post(HttpClient http, URI url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
