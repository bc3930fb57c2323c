package io.lodestar.acs.metrics.store;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.metrics.store.TimedAcsStore.StoreOperation;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.SessionStart;
import io.lodestar.acs.store.StoreUnavailableException;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimedAcsStoreTest {

    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(10)};
    private static final DeviceId PHONE = new DeviceId("0CD0F8-CP-8841-3PCC-SIM000001");

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    /** The names of the calls the store of {@link #slowStore} received, in order. */
    private final List<String> received = new ArrayList<>();

    /**
     * A store whose every call takes 3 ms of the mock clock and returns an empty answer, or throws when told. Every
     * call, the contract's default methods included, reaches it as made: none is broken up into others.
     */
    private AcsStore slowStore(RuntimeException failure) {
        return (AcsStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{AcsStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return "slow store";
                    }
                    received.add(method.getName());
                    clock.add(3, TimeUnit.MILLISECONDS);
                    if (failure != null) {
                        throw failure;
                    }
                    Class<?> type = method.getReturnType();
                    return type == Optional.class ? Optional.empty() : type == List.class ? List.of()
                            : type == boolean.class ? Boolean.FALSE
                            : type == SessionStart.class ? NOTHING_TO_START_FROM : null;
                });
    }

    private static final SessionStart NOTHING_TO_START_FROM = new SessionStart(Optional.empty(), List.of(), List.of());

    /**
     * The contract's default methods that are not timed under a name of their own: a session's commit with its
     * lease's release is timed as a commit (below), and {@code commitAndFind} runs the contract's default here (the
     * timed {@code commit}, then the timed {@code findDevice}): the sessions reach it only through the device cache,
     * which calls its own delegate.
     */
    private static final Set<String> TIMED_UNDER_OTHER_NAMES = Set.of("commitAndReleaseLease", "commitAndFind");

    private Timer timer(String operation, String outcome) {
        return registry.find("lodestar.store.operation.duration").tags("operation", operation, "outcome", outcome)
                .timer();
    }

    /** The store's methods timed under their own name: every abstract one but close, and the defaults passed on. */
    private static List<Method> storeOperations() {
        return Arrays.stream(AcsStore.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.getName().equals("close"))
                .filter(m -> !TIMED_UNDER_OTHER_NAMES.contains(m.getName()))
                .toList();
    }

    private static Object[] someArguments(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(t -> t == int.class ? (Object) 1 : null).toArray();
    }

    @Test
    void everyStoreOperationHasATagOfItsOwn() {
        Set<String> methods = storeOperations().stream().map(Method::getName).collect(Collectors.toSet());
        Set<String> tags = Arrays.stream(StoreOperation.values()).map(StoreOperation::tag).collect(Collectors.toSet());

        assertThat(tags).isEqualTo(methods);
    }

    @Test
    void everyOperationIsTimedUnderItsNameAndPassedThrough() throws Exception {
        AcsStore timed = new TimedAcsStore(slowStore(null), registry, BUCKETS);

        for (Method m : storeOperations()) {
            m.invoke(timed, someArguments(m));
            Timer t = timer(m.getName(), "ok");
            assertThat(t.count()).as(m.getName()).isEqualTo(1);
            assertThat(t.totalTime(TimeUnit.MILLISECONDS)).as(m.getName()).isEqualTo(3);
        }
    }

    @Test
    void everyDefaultMethodOfTheContractButCommitAndFindIsPassedOnToTheEngine() throws Exception {
        for (Method m : AcsStore.class.getMethods()) {
            if (m.isDefault() && !m.getName().equals("commitAndFind")) {
                assertThat(TimedAcsStore.class.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass())
                        .as("%s must reach the engine, which may answer it its own way", m.getName())
                        .isEqualTo(TimedAcsStore.class);
            }
        }
    }

    @Test
    void theReadsASessionOpensWithArePassedOnAsOneCallAndTimedAsOneOperation() {
        AcsStore timed = new TimedAcsStore(slowStore(null), registry, BUCKETS);

        assertThat(timed.loadSessionStart(PHONE)).isSameAs(NOTHING_TO_START_FROM);

        assertThat(received).as("not broken up into its three reads: the engine may answer it from fewer")
                .containsExactly("loadSessionStart");
        assertThat(timer("loadSessionStart", "ok").count()).isEqualTo(1);
        assertThat(timer("loadSessionStart", "ok").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3);
        assertThat(timer("loadSnapshot", "ok").count()).isZero();
        assertThat(timer("pendingTasks", "ok").count()).isZero();
        assertThat(timer("operations", "ok").count()).isZero();
    }

    @Test
    void aSessionsCommitAndReleaseIsPassedOnAsOneCallAndTimedAsACommit() {
        AcsStore timed = new TimedAcsStore(slowStore(null), registry, BUCKETS);

        timed.commitAndReleaseLease(null, "node"); // passed on as it came: the store writes both at once

        assertThat(timer("commit", "ok").count()).isEqualTo(1);
        assertThat(timer("releaseLease", "ok").count()).isZero();
    }

    @Test
    void anUnavailableStoreIsTimedAsUnavailableAndItsExceptionPassesThrough() {
        StoreUnavailableException down = new StoreUnavailableException("no replica", null);
        AcsStore timed = new TimedAcsStore(slowStore(down), registry, BUCKETS);

        assertThatThrownBy(() -> timed.loadSnapshot(PHONE)).isSameAs(down);
        assertThat(timer("loadSnapshot", "unavailable").count()).isEqualTo(1);
        assertThat(timer("loadSnapshot", "ok").count()).isZero();
    }

    @Test
    void anyOtherFailureIsTimedAsAnError() {
        IllegalStateException bug = new IllegalStateException("closed");
        AcsStore timed = new TimedAcsStore(slowStore(bug), registry, BUCKETS);

        assertThatThrownBy(() -> timed.releaseLease(PHONE, "node")).isSameAs(bug);
        assertThat(timer("releaseLease", "error").count()).isEqualTo(1);
    }

    @Test
    void everyOperationIsRegisteredAtZeroUpFrontAndAFailureWhenOneHappens() {
        new TimedAcsStore(slowStore(null), registry, BUCKETS);

        assertThat(registry.find("lodestar.store.operation.duration").tag("outcome", "ok").timers())
                .hasSize(StoreOperation.values().length);
        assertThat(registry.find("lodestar.store.operation.duration").timers())
                .hasSize(StoreOperation.values().length);
    }
}
