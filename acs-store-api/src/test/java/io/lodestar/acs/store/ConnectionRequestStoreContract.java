package io.lodestar.acs.store;

import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.ConnectionRequestOutcome;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.LearnedUdpBinding;
import io.lodestar.acs.core.device.SealedCredentials;
import org.junit.jupiter.api.Test;

import static io.lodestar.acs.store.StoreTestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promises of {@link ConnectionRequestStore}: credentials and the last attempt are found as stored (the sealed
 * password byte for byte), a later write replaces an earlier one, devices do not see each other's, forgetting
 * removes both, and everything survives a restart. The store under test must implement
 * {@link ConnectionRequestStore} (or its test overrides {@link #connectionRequestStore()}).
 */
public interface ConnectionRequestStoreContract extends StoreFixture {

    default ConnectionRequestStore connectionRequestStore() {
        if (store() instanceof ConnectionRequestStore s) {
            return s;
        }
        throw new IllegalStateException(store() + " is no ConnectionRequestStore: override connectionRequestStore()");
    }

    DeviceId CR_DEVICE = new DeviceId("00D09E-CR-0001");
    DeviceId CR_OTHER = new DeviceId("00D09E-CR-0002");

    /** A sealed password with a 00 and an ff byte, so that no byte is lost or changed on the way. */
    static byte[] sealed(int seed) {
        byte[] b = new byte[40];
        new java.util.Random(seed).nextBytes(b);
        b[0] = 0x00;
        b[39] = (byte) 0xff;
        return b;
    }

    static ConnectionRequestAttempt attempt(String id, ConnectionRequestOutcome outcome) {
        return new ConnectionRequestAttempt(id, T0, "http://192.0.2.7:7547/cr ü", outcome, T0.plusMillis(250).plusNanos(3),
                "HTTP 200", "node-a");
    }

    @Test
    default void aDeviceWithoutConnectionRequestDataHasNone() {
        assertThat(connectionRequestStore().credentials(CR_DEVICE)).isEmpty();
        assertThat(connectionRequestStore().lastAttempt(CR_DEVICE)).isEmpty();
    }

    @Test
    default void credentialsAreFoundAsStoredAndALaterWriteReplacesThem() {
        SealedCredentials first = new SealedCredentials("cr-user", sealed(1), false);
        connectionRequestStore().putCredentials(CR_DEVICE, first);
        assertThat(connectionRequestStore().credentials(CR_DEVICE)).contains(first);
        SealedCredentials second = new SealedCredentials("", sealed(2), true);
        connectionRequestStore().putCredentials(CR_DEVICE, second);
        assertThat(connectionRequestStore().credentials(CR_DEVICE)).contains(second);
        assertThat(connectionRequestStore().credentials(CR_OTHER)).isEmpty();
    }

    @Test
    default void theLastAttemptIsFoundAsStoredAndALaterOneReplacesIt() {
        connectionRequestStore().putAttempt(CR_DEVICE, attempt("a1", ConnectionRequestOutcome.ACCEPTED));
        ConnectionRequestAttempt later = new ConnectionRequestAttempt("a2", T0.plusSeconds(5), null,
                ConnectionRequestOutcome.UNREACHABLE, T0.plusSeconds(6), null, "node-b");
        connectionRequestStore().putAttempt(CR_DEVICE, later);
        assertThat(connectionRequestStore().lastAttempt(CR_DEVICE)).contains(later);
        assertThat(connectionRequestStore().lastAttempt(CR_OTHER)).isEmpty();
    }

    @Test
    default void credentialsAndAttemptsAreIndependentOfEachOther() {
        connectionRequestStore().putAttempt(CR_DEVICE, attempt("a1", ConnectionRequestOutcome.SESSION_STARTED));
        SealedCredentials c = new SealedCredentials("u", sealed(3), true);
        connectionRequestStore().putCredentials(CR_DEVICE, c);
        assertThat(connectionRequestStore().lastAttempt(CR_DEVICE))
                .contains(attempt("a1", ConnectionRequestOutcome.SESSION_STARTED));
        assertThat(connectionRequestStore().credentials(CR_DEVICE)).contains(c);
    }

    @Test
    default void forgettingADeviceRemovesItsCredentialsAndAttemptOnly() {
        connectionRequestStore().putCredentials(CR_DEVICE, new SealedCredentials("u", sealed(4), true));
        connectionRequestStore().putAttempt(CR_DEVICE, attempt("a1", ConnectionRequestOutcome.ACCEPTED));
        connectionRequestStore().putAttempt(CR_OTHER, attempt("b1", ConnectionRequestOutcome.ACCEPTED));
        connectionRequestStore().forgetConnectionRequests(CR_DEVICE);
        connectionRequestStore().forgetConnectionRequests(new DeviceId("never-seen"));
        assertThat(connectionRequestStore().credentials(CR_DEVICE)).isEmpty();
        assertThat(connectionRequestStore().lastAttempt(CR_DEVICE)).isEmpty();
        assertThat(connectionRequestStore().lastAttempt(CR_OTHER)).isPresent();
    }

    @Test
    default void connectionRequestDataSurvivesARestart() {
        SealedCredentials c = new SealedCredentials("u", sealed(5), false);
        connectionRequestStore().putCredentials(CR_DEVICE, c);
        connectionRequestStore().putAttempt(CR_DEVICE, attempt("a1", ConnectionRequestOutcome.TIMED_OUT));
        restart();
        assertThat(connectionRequestStore().credentials(CR_DEVICE)).contains(c);
        assertThat(connectionRequestStore().lastAttempt(CR_DEVICE))
                .contains(attempt("a1", ConnectionRequestOutcome.TIMED_OUT));
    }

    @Test
    default void aLearnedUdpBindingIsFoundAsStoredALaterOneReplacesItAndItIsIndependentOfTheRest() {
        assertThat(connectionRequestStore().udpBinding(CR_DEVICE)).isEmpty();
        LearnedUdpBinding first = new LearnedUdpBinding("203.0.113.9:40001", T0, true, "node-a");
        connectionRequestStore().putUdpBinding(CR_DEVICE, first);
        connectionRequestStore().putAttempt(CR_DEVICE, attempt("a1", ConnectionRequestOutcome.ACCEPTED));
        assertThat(connectionRequestStore().udpBinding(CR_DEVICE)).contains(first);
        LearnedUdpBinding moved = new LearnedUdpBinding("[2001:db8::7]:40002", T0.plusSeconds(30).plusNanos(7), false,
                "node-b");
        connectionRequestStore().putUdpBinding(CR_DEVICE, moved);
        assertThat(connectionRequestStore().udpBinding(CR_DEVICE)).contains(moved);
        assertThat(connectionRequestStore().lastAttempt(CR_DEVICE))
                .contains(attempt("a1", ConnectionRequestOutcome.ACCEPTED));
        assertThat(connectionRequestStore().udpBinding(CR_OTHER)).isEmpty();
    }

    @Test
    default void aLearnedUdpBindingSurvivesARestartAndIsForgottenWithTheDevice() {
        LearnedUdpBinding b = new LearnedUdpBinding("198.51.100.4:5060", T0, true, "node-a");
        connectionRequestStore().putUdpBinding(CR_DEVICE, b);
        connectionRequestStore().putUdpBinding(CR_OTHER, b);
        restart();
        assertThat(connectionRequestStore().udpBinding(CR_DEVICE)).contains(b);
        connectionRequestStore().forgetConnectionRequests(CR_DEVICE);
        assertThat(connectionRequestStore().udpBinding(CR_DEVICE)).isEmpty();
        assertThat(connectionRequestStore().udpBinding(CR_OTHER)).contains(b);
    }
}
