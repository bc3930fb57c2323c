package io.lodestar.acs.cwmp.connreq;

import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.ConnectionRequestOutcome;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.lodestar.acs.store.DeviceStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Connection requests over real HTTP to a device listener on 127.0.0.1, outcomes stored in the embedded store. */
class ConnectionRequesterTest {

    private static final DeviceId ID = new DeviceId("00D09E-CR-1");

    @TempDir
    Path dir;

    private RocksAcsStore store;
    private final Map<DeviceId, Device> devices = new HashMap<>();
    private final DeviceStore deviceStore = mock(DeviceStore.class);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private CredentialCipher cipher;

    @BeforeEach
    void open() {
        store = RocksAcsStore.open(dir.resolve("store"));
        cipher = CredentialCipher.fromSettingOrFile(null, dir);
        when(deviceStore.findDevice(any())).thenAnswer(i -> Optional.ofNullable(devices.get(i.getArgument(0))));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        store.close();
    }

    private void device(DeviceId id, String url, String informedFrom) {
        devices.put(id, Device.builder(id, Instant.now()).reachability(new Reachability(url))
                .lastContact(new LastContact(Instant.now(), null, List.of(), informedFrom, "1.4")).build());
    }

    private ConnectionRequester requester(ConnectionRequestSettings settings) {
        ConnectionRequester r = ConnectionRequester.http(deviceStore, store, cipher, settings, "node-a",
                Clock.systemUTC());
        closing.add(0, r);
        return r;
    }

    private FakeDevice listener(String user, String pass, DigestAlgorithm algorithm) {
        FakeDevice d = new FakeDevice(user, pass, algorithm);
        closing.add(d);
        return d;
    }

    private static SessionEvent.Opened informed(DeviceId id, String event) {
        return new SessionEvent.Opened(id, "s-1", Instant.now(), List.of(new EventStruct(event, "")), "127.0.0.1",
                CwmpVersion.V1_4);
    }

    private static ConnectionRequestAttempt get(java.util.concurrent.CompletableFuture<ConnectionRequestAttempt> f)
            throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void theRightDigestMd5CredentialsStartASessionAndTheOutcomeIsStored() throws Exception {
        FakeDevice cpe = listener("cr-user", "s3cret", DigestAlgorithm.MD5);
        device(ID, cpe.url(), "127.0.0.1");
        ConnectionRequester r = requester(ConnectionRequestSettings.defaults());
        r.setCredentials(ID, "cr-user", "s3cret", true);

        Wakeup w = r.wake(ID);
        assertThat(get(w.delivered()).outcome()).isEqualTo(ConnectionRequestOutcome.ACCEPTED);
        assertThat(w.finished()).isNotDone();
        r.listener().sessionOpened(informed(ID, EventStruct.CONNECTION_REQUEST));

        ConnectionRequestAttempt done = get(w.finished());
        assertThat(done.outcome()).isEqualTo(ConnectionRequestOutcome.SESSION_STARTED);
        assertThat(done.target()).isEqualTo(cpe.url());
        assertThat(store.lastAttempt(ID)).contains(done);
        assertThat(cpe.accepted.get()).isEqualTo(1);
        assertThat(cpe.rejected.get()).isZero();
    }

    @Test
    void digestSha256IsAnsweredToo() throws Exception {
        FakeDevice cpe = listener("u", "p", DigestAlgorithm.SHA_256);
        device(ID, cpe.url(), "127.0.0.1");
        ConnectionRequester r = requester(ConnectionRequestSettings.defaults());
        r.setCredentials(ID, "u", "p", true);
        assertThat(get(r.wake(ID).delivered()).outcome()).isEqualTo(ConnectionRequestOutcome.ACCEPTED);
        assertThat(cpe.accepted.get()).isEqualTo(1);
    }

    @Test
    void wrongCredentialsAreAuthRejectedAndTheDeviceCountsThem() throws Exception {
        FakeDevice cpe = listener("u", "right", DigestAlgorithm.MD5);
        device(ID, cpe.url(), "127.0.0.1");
        ConnectionRequester r = requester(ConnectionRequestSettings.defaults());
        r.setCredentials(ID, "u", "wrong", true);
        ConnectionRequestAttempt a = get(r.wake(ID).finished());
        assertThat(a.outcome()).isEqualTo(ConnectionRequestOutcome.AUTH_REJECTED);
        assertThat(store.lastAttempt(ID).orElseThrow().outcome()).isEqualTo(ConnectionRequestOutcome.AUTH_REJECTED);
        assertThat(cpe.rejected.get()).isEqualTo(1);
    }

    @Test
    void aBasicChallengeIsAnsweredOnlyWhereConfigured() throws Exception {
        FakeDevice cpe = listener("u", "p", null);
        device(ID, cpe.url(), "127.0.0.1");
        ConnectionRequester strict = requester(ConnectionRequestSettings.defaults());
        strict.setCredentials(ID, "u", "p", true);
        ConnectionRequestAttempt refused = get(strict.wake(ID).finished());
        assertThat(refused.outcome()).isEqualTo(ConnectionRequestOutcome.AUTH_REJECTED);
        assertThat(refused.detail()).contains("Basic");
        assertThat(cpe.accepted.get()).isZero();

        ConnectionRequester lenient = requester(ConnectionRequestSettings.defaults().withAllowBasic(true));
        assertThat(get(lenient.wake(ID).delivered()).outcome()).isEqualTo(ConnectionRequestOutcome.ACCEPTED);
        assertThat(cpe.accepted.get()).isEqualTo(1);
    }

    @Test
    void anUnreachableDeviceFallsBackToItsNextInformVisibly() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        device(ID, "http://127.0.0.1:" + closedPort + "/cr", "127.0.0.1");
        ConnectionRequestAttempt a = get(requester(ConnectionRequestSettings.defaults()).wake(ID).finished());
        assertThat(a.outcome()).isEqualTo(ConnectionRequestOutcome.UNREACHABLE);
        assertThat(a.outcome().isFinal()).isTrue();
        assertThat(store.lastAttempt(ID)).contains(a);
    }

    @Test
    void anAcceptedRequestWithoutASessionEndsAsNoSessionAfterTheTimeout() throws Exception {
        FakeDevice cpe = listener("u", "p", DigestAlgorithm.MD5);
        device(ID, cpe.url(), "127.0.0.1");
        ConnectionRequester r = requester(ConnectionRequestSettings.defaults().withSessionTimeout(Duration.ofMillis(300)));
        r.setCredentials(ID, "u", "p", true);
        ConnectionRequestAttempt a = get(r.wake(ID).finished());
        assertThat(a.outcome()).isEqualTo(ConnectionRequestOutcome.NO_SESSION);
        assertThat(a.detail()).contains("next Inform");
    }

    @Test
    void aPrivateUrlOtherThanTheObservedAddressIsTriedAtTheObservedAddress() throws Exception {
        FakeDevice cpe = listener("u", "p", DigestAlgorithm.MD5);
        // the device reports its LAN address; it informed from 127.0.0.1 (its NAT's public side, here)
        device(ID, "http://10.255.0.7:" + cpe.port() + "/cr/device-1", "127.0.0.1");
        ConnectionRequester r = requester(ConnectionRequestSettings.defaults());
        r.setCredentials(ID, "u", "p", true);
        ConnectionRequestAttempt a = get(r.wake(ID).delivered());
        assertThat(a.outcome()).isEqualTo(ConnectionRequestOutcome.ACCEPTED);
        assertThat(a.target()).isEqualTo("http://127.0.0.1:" + cpe.port() + "/cr/device-1");
    }

    @Test
    void beyondTheRateLimitAWakeIsRateLimitedAtOnce() throws Exception {
        FakeDevice cpe = listener("u", "p", DigestAlgorithm.MD5);
        ConnectionRequester r = requester(ConnectionRequestSettings.defaults().withRate(1, 100));
        List<DeviceId> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            DeviceId id = new DeviceId("rate-" + i);
            device(id, cpe.url(), "127.0.0.1");
            r.setCredentials(id, "u", "p", true);
            ids.add(id);
        }
        long start = System.nanoTime();
        List<Wakeup> wakes = new ArrayList<>();
        for (DeviceId id : ids) {
            wakes.add(r.wake(id));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<ConnectionRequestOutcome> outcomes = new ArrayList<>();
        for (Wakeup w : wakes) {
            outcomes.add(get(w.delivered()).outcome());
        }
        // one permit at first, one more per second that passed while waking (a slow machine gets a few more)
        long sent = outcomes.stream().filter(o -> o == ConnectionRequestOutcome.ACCEPTED).count();
        assertThat(outcomes.get(0)).isEqualTo(ConnectionRequestOutcome.ACCEPTED);
        assertThat(sent).isBetween(1L, 1L + (long) Math.floor(seconds));
        assertThat(outcomes).filteredOn(o -> o != ConnectionRequestOutcome.ACCEPTED)
                .containsOnly(ConnectionRequestOutcome.RATE_LIMITED).hasSize(10 - (int) sent);
        assertThat(store.lastAttempt(ids.get(9)).orElseThrow().detail()).contains("connreq.rate");
        assertThat(cpe.accepted.get()).isEqualTo((int) sent);
    }

    @Test
    void aSecondWakeWhileOneIsUnderWayJoinsIt() throws Exception {
        FakeDevice cpe = listener("u", "p", DigestAlgorithm.MD5);
        device(ID, cpe.url(), "127.0.0.1");
        ConnectionRequester r = requester(ConnectionRequestSettings.defaults());
        r.setCredentials(ID, "u", "p", true);
        Wakeup first = r.wake(ID);
        get(first.delivered());
        assertThat(r.wake(ID)).isSameAs(first);
        r.listener().sessionOpened(informed(ID, EventStruct.CONNECTION_REQUEST));
        assertThat(get(first.finished()).outcome()).isEqualTo(ConnectionRequestOutcome.SESSION_STARTED);
        assertThat(cpe.accepted.get()).isEqualTo(1);
    }

    @Test
    void aSessionOfAnotherNodeIsRecordedForTheNodeThatSentTheRequest() throws Exception {
        FakeDevice cpe = listener("u", "p", DigestAlgorithm.MD5);
        device(ID, cpe.url(), "127.0.0.1");
        ConnectionRequester sender = requester(ConnectionRequestSettings.defaults());
        ConnectionRequester other = requester(ConnectionRequestSettings.defaults()); // same store: another node
        sender.setCredentials(ID, "u", "p", true);
        Wakeup w = sender.wake(ID);
        get(w.delivered());
        other.listener().sessionOpened(informed(ID, EventStruct.CONNECTION_REQUEST));
        assertThat(get(w.finished()).outcome()).isEqualTo(ConnectionRequestOutcome.SESSION_STARTED);
    }

    @Test
    void aDeviceWithoutAUrlIsNoUrl() throws Exception {
        device(ID, null, "127.0.0.1");
        assertThat(get(requester(ConnectionRequestSettings.defaults()).wake(ID).finished()).outcome())
                .isEqualTo(ConnectionRequestOutcome.NO_URL);
    }

    @Test
    void passwordsAreSealedPerDeviceAndTheKeyFileIsTheOwnersOnly() throws Exception {
        byte[] sealed = cipher.seal(ID, "s3cret");
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(cipher.open(ID, sealed)).isEqualTo("s3cret");
        assertThatThrownBy(() -> cipher.open(new DeviceId("other"), sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open");
        Path keyFile = dir.resolve(CredentialCipher.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(CredentialCipher.fromSettingOrFile(null, dir).open(ID, sealed)).isEqualTo("s3cret");
        byte[] stored = store.credentials(ID).map(c -> c.sealedPassword()).orElse(new byte[0]);
        assertThat(stored).isEmpty();
    }
}
