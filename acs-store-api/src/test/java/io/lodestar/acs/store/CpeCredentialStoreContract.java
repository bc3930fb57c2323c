package io.lodestar.acs.store;

import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.core.device.DeviceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.lodestar.acs.store.StoreTestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The promises of {@link CpeCredentialStore}: each scope (device, OUI + product class, fleet) keeps its own
 * credentials apart from the others, a put replaces, put-if-absent stores once even when raced, a delete removes
 * only its scope, and credentials survive a restart. The store under test must implement
 * {@link CpeCredentialStore} (or its test overrides {@link #cpeCredentialStore()}).
 */
public interface CpeCredentialStoreContract extends StoreFixture {

    default CpeCredentialStore cpeCredentialStore() {
        if (store() instanceof CpeCredentialStore credentials) {
            return credentials;
        }
        throw new IllegalStateException(store() + " is no CpeCredentialStore: override cpeCredentialStore()");
    }

    /** Credentials whose hashes are derived from {@code seed} (any hex does: the store does not check them). */
    static CpeCredential credential(String username, int seed) {
        String md5 = String.format("%032x", seed);
        String sha = String.format("%064x", seed);
        return new CpeCredential(username, "lodestar", md5, sha, T0.plusSeconds(seed).plusNanos(7));
    }

    CpeCredentialScope DEVICE = new CpeCredentialScope.Device(new DeviceId("0CD0F8-CP-8851-SIM000001"));
    CpeCredentialScope CLASS = new CpeCredentialScope.ProductClass("0CD0F8", "CP-8851");

    @Test
    default void eachScopeKeepsItsOwnCredentials() {
        cpeCredentialStore().putCpeCredential(DEVICE, credential("device", 1));
        cpeCredentialStore().putCpeCredential(CLASS, credential("class ü", 2));
        cpeCredentialStore().putCpeCredential(CpeCredentialScope.FLEET, credential("fleet", 3));
        assertThat(cpeCredentialStore().findCpeCredential(DEVICE)).contains(credential("device", 1));
        assertThat(cpeCredentialStore().findCpeCredential(CLASS)).contains(credential("class ü", 2));
        assertThat(cpeCredentialStore().findCpeCredential(CpeCredentialScope.FLEET)).contains(credential("fleet", 3));
        assertThat(cpeCredentialStore().findCpeCredential(
                new CpeCredentialScope.Device(new DeviceId("0CD0F8-CP-8851-SIM000002")))).isEmpty();
        assertThat(cpeCredentialStore().findCpeCredential(new CpeCredentialScope.ProductClass("0CD0F8", "CP-8852")))
                .isEmpty();
    }

    @Test
    default void scopesThatReadAlikeAreNotConfused() {
        // "a/b" + "c" and "a" + "b/c": a naive key would join them
        var one = new CpeCredentialScope.ProductClass("a/b", "c");
        var other = new CpeCredentialScope.ProductClass("a", "b/c");
        cpeCredentialStore().putCpeCredential(one, credential("one", 1));
        assertThat(cpeCredentialStore().findCpeCredential(other)).isEmpty();
        assertThat(cpeCredentialStore().findCpeCredential(new CpeCredentialScope.Device(new DeviceId("fleet")))).isEmpty();
    }

    @Test
    default void aPutReplacesAndADeleteRemovesOnlyItsScope() {
        cpeCredentialStore().putCpeCredential(DEVICE, credential("device", 1));
        cpeCredentialStore().putCpeCredential(DEVICE, credential("device-2", 2));
        cpeCredentialStore().putCpeCredential(CpeCredentialScope.FLEET, credential("fleet", 3));
        assertThat(cpeCredentialStore().findCpeCredential(DEVICE)).contains(credential("device-2", 2));
        assertThat(cpeCredentialStore().deleteCpeCredential(DEVICE)).isTrue();
        assertThat(cpeCredentialStore().deleteCpeCredential(DEVICE)).as("deleted already").isFalse();
        assertThat(cpeCredentialStore().deleteCpeCredential(CLASS)).as("never set").isFalse();
        assertThat(cpeCredentialStore().findCpeCredential(DEVICE)).isEmpty();
        assertThat(cpeCredentialStore().findCpeCredential(CpeCredentialScope.FLEET)).contains(credential("fleet", 3));
    }

    @Test
    default void putIfAbsentKeepsCredentialsAlreadySet() {
        assertThat(cpeCredentialStore().putCpeCredentialIfAbsent(CpeCredentialScope.FLEET, credential("first", 1)))
                .isTrue();
        assertThat(cpeCredentialStore().putCpeCredentialIfAbsent(CpeCredentialScope.FLEET, credential("second", 2)))
                .isFalse();
        assertThat(cpeCredentialStore().findCpeCredential(CpeCredentialScope.FLEET)).contains(credential("first", 1));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void ofConcurrentPutIfAbsentsExactlyOneWins() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Boolean>> puts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                CpeCredential mine = credential("racer-" + i, i);
                puts.add(() -> cpeCredentialStore().putCpeCredentialIfAbsent(CpeCredentialScope.FLEET, mine));
            }
            int winners = 0;
            for (Future<Boolean> f : pool.invokeAll(puts)) {
                winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(cpeCredentialStore().findCpeCredential(CpeCredentialScope.FLEET)).isPresent();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void credentialsSurviveCloseAndReopen() {
        cpeCredentialStore().putCpeCredential(DEVICE, credential("device", 1));
        cpeCredentialStore().putCpeCredential(CpeCredentialScope.FLEET, credential("fleet", 3));
        restart();
        assertThat(cpeCredentialStore().findCpeCredential(DEVICE)).contains(credential("device", 1));
        assertThat(cpeCredentialStore().findCpeCredential(CpeCredentialScope.FLEET)).contains(credential("fleet", 3));
    }

    @Test
    default void aClosedStoreRefusesCredentialReadsAndWrites() {
        cpeCredentialStore().putCpeCredential(DEVICE, credential("device", 1));
        CpeCredentialStore closed = cpeCredentialStore();
        store().close();
        assertThatThrownBy(() -> closed.findCpeCredential(DEVICE)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> closed.putCpeCredential(DEVICE, credential("x", 2)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> closed.deleteCpeCredential(DEVICE)).isInstanceOf(StoreUnavailableException.class);
        restart();
        assertThat(cpeCredentialStore().findCpeCredential(DEVICE)).contains(credential("device", 1));
    }
}
