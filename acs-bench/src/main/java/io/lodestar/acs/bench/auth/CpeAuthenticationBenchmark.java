package io.lodestar.acs.bench.auth;

import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.cwmp.auth.AuthenticationOutcome;
import io.lodestar.acs.cwmp.auth.AuthenticationRequest;
import io.lodestar.acs.cwmp.auth.CpeAuthSettings;
import io.lodestar.acs.cwmp.auth.CpeAuthenticator;
import io.lodestar.acs.cwmp.auth.CpeCredentials;
import io.lodestar.acs.cwmp.auth.StoredCredentialsAuthenticator;
import io.lodestar.acs.httpauth.Digest;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.lodestar.acs.httpauth.HttpAuthClient;
import io.lodestar.acs.store.CpeCredentialStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * CPE authentication's share of a plain periodic session, the CPE's Digest work included (both run in one process
 * in the load benchmark): {@code reusedNonce} is a session whose CPE presents its last nonce with the next count
 * (one check); {@code challengedEverySession} is one that starts unauthenticated (the 401's nonce and challenge,
 * the CPE's answer, the check); {@code clientHeaderOnly} is the CPE's part alone, to subtract. The credentials
 * come from a map (the ACS reads them through its cache), the fleet's, as most devices have.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CpeAuthenticationBenchmark {

    private static final String REALM = "Lodestar ACS";
    private static final DeviceIdStruct PHONE = new DeviceIdStruct("Cisco", "00562B", "CP-8851", "FCH1234");
    private static final DeviceId PHONE_ID = new DeviceId("00562B-CP%2D8851-FCH1234");

    private CpeAuthenticator authenticator;
    private Inform inform;
    private HttpAuthClient kept;

    @Setup
    public void setUp() {
        MapStore store = new MapStore();
        store.putCpeCredential(CpeCredentialScope.FLEET, new CpeCredential("cpe", REALM,
                Digest.ha1(DigestAlgorithm.MD5, "cpe", REALM, "secret"),
                Digest.ha1(DigestAlgorithm.SHA_256, "cpe", REALM, "secret"), Instant.EPOCH));
        authenticator = StoredCredentialsAuthenticator.of(store, CpeAuthSettings.from(Map.of()), Clock.systemUTC());
        inform = new Inform(PHONE, List.of(EventStruct.of("2 PERIODIC")), 1, "2026-12-07T03:00:00Z", 0, List.of());
        kept = answer(authenticator.authenticate(request(null)));
    }

    private AuthenticationRequest request(String authorization) {
        return new AuthenticationRequest(inform, PHONE_ID, "192.0.2.7",
                new CpeCredentials(authorization, List.of(), false, "/"));
    }

    private static HttpAuthClient answer(AuthenticationOutcome challenge) {
        return HttpAuthClient.fromChallenges(((AuthenticationOutcome.Challenged) challenge).wwwAuthenticate(),
                "cpe", "secret", false);
    }

    @Benchmark
    public AuthenticationOutcome reusedNonce() {
        return authenticator.authenticate(request(kept.header("POST", "/")));
    }

    @Benchmark
    public AuthenticationOutcome challengedEverySession() {
        HttpAuthClient fresh = answer(authenticator.authenticate(request(null)));
        return authenticator.authenticate(request(fresh.header("POST", "/")));
    }

    @Benchmark
    public String clientHeaderOnly() {
        return kept.header("POST", "/");
    }

    /** The credentials in a map. */
    static final class MapStore implements CpeCredentialStore {
        private final Map<String, CpeCredential> byKey = new ConcurrentHashMap<>();

        @Override
        public void putCpeCredential(CpeCredentialScope scope, CpeCredential credential) {
            byKey.put(scope.key(), credential);
        }

        @Override
        public boolean putCpeCredentialIfAbsent(CpeCredentialScope scope, CpeCredential credential) {
            return byKey.putIfAbsent(scope.key(), credential) == null;
        }

        @Override
        public Optional<CpeCredential> findCpeCredential(CpeCredentialScope scope) {
            return Optional.ofNullable(byKey.get(scope.key()));
        }

        @Override
        public boolean deleteCpeCredential(CpeCredentialScope scope) {
            return byKey.remove(scope.key()) != null;
        }
    }
}
