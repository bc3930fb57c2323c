package io.lodestar.acs.cwmp.session;

import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.CPE_ADDRESS;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.PHONE_ID;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.answer;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.inform;
import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.RebootResponse;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.cwmp.auth.AllowAll;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.store.AcsStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ACS nodes over one store: a session reads its device only once it holds the device's lease, so a session
 * that ends on another node in the meantime is seen, never replayed from a stale read.
 */
class SessionAcrossNodesTest {

    @TempDir
    Path dir;

    private EmbeddedSessionFixture fixture;
    private SessionService nodeA;

    @BeforeEach
    void setUp() {
        fixture = new EmbeddedSessionFixture(dir);
        nodeA = fixture.service(AllowAll.INSTANCE, SessionListener.NONE);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** Node B: its own registry, the same store seen through {@code store}. */
    private SessionService nodeB(AcsStore store) {
        return new SessionService(store, SessionPolicy.DEFAULT, new SessionRegistry(Duration.ofSeconds(30)),
                fixture.clock, "node-b", Duration.ofSeconds(60), AllowAll.INSTANCE, SessionListener.NONE);
    }

    /** The store, with {@code afterRead} run once, right after a session's read of the device's task queue. */
    private AcsStore withHookAfterTasksRead(Runnable afterRead, List<String> calls) {
        AcsStore real = fixture.store;
        boolean[] fired = {false};
        return (AcsStore) Proxy.newProxyInstance(AcsStore.class.getClassLoader(), new Class<?>[] {AcsStore.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getName().equals("loadSessionStart")
                            || method.getName().equals("acquireLeaseAndLoadSessionStart")) {
                        return defaultThroughTheProxy(proxy, method, args);
                    }
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("pendingTasks") && !fired[0]) {
                        fired[0] = true;
                        afterRead.run();
                    }
                    return result;
                });
    }

    /**
     * The session's opening (its lease, then its reads) as the embedded store answers it, with the contract's
     * defaults, but run on the proxy, so that the lease, snapshot, tasks and operations calls pass the proxy one by
     * one (and its hooks).
     */
    private static Object defaultThroughTheProxy(Object proxy, Method method, Object[] args) throws Throwable {
        return InvocationHandler.invokeDefault(proxy, method, args);
    }

    @Test
    void aTaskDoneByASessionEndingOnAnotherNodeIsNeverRunAgain() {
        fixture.storeKnownPhone();
        Task reboot = fixture.queue(new TaskAction.Reboot("once"));
        // node A: the phone's session sends the Reboot; its answer (and so the session's end) is still to come
        LiveSession onA = ((CpeReply.Message) nodeA.handle(null, inform("1", "2 PERIODIC"), CPE_ADDRESS)).session();
        CpeReply sent = nodeA.handle(onA, null, CPE_ADDRESS);
        assertThat(((CpeReply.Message) sent).envelope().message()).isInstanceOf(Reboot.class);

        // the phone, having given up on node A, informs node B; node A's session ends at the worst moment (if it
        // is still on): right after node B read the device's tasks
        List<String> calls = new ArrayList<>();
        SessionService nodeB = nodeB(withHookAfterTasksRead(() -> {
            if (!onA.isClosed()) {
                assertThat(nodeA.handle(onA, answer(new RebootResponse()), CPE_ADDRESS))
                        .isInstanceOf(CpeReply.SessionEnded.class);
            }
        }, calls));
        CpeReply onB = nodeB.handle(null, inform("2", "2 PERIODIC"), CPE_ADDRESS);

        if (((CpeReply.Message) onB).envelope().message() instanceof CwmpFault fault) {
            // node B asked for the lease first and was told to retry; node A then ended its session
            assertThat(fault.faultCode()).isEqualTo(CwmpFault.RETRY_REQUEST);
            assertThat(calls).startsWith("acquireLeaseAndLoadSessionStart", "acquireLease");
            assertThat(nodeA.handle(onA, answer(new RebootResponse()), CPE_ADDRESS))
                    .isInstanceOf(CpeReply.SessionEnded.class);
            onB = nodeB.handle(null, inform("3", "2 PERIODIC"), CPE_ADDRESS);
        }
        assertThat(((CpeReply.Message) onB).envelope().message()).isInstanceOf(InformResponse.class);
        CpeReply next = nodeB.handle(((CpeReply.Message) onB).session(), null, CPE_ADDRESS);

        assertThat(next).as("the Reboot node A already had answered is not sent again")
                .isInstanceOf(CpeReply.SessionEnded.class);
        assertThat(fixture.store.findTask(reboot.id())).hasValueSatisfying(
                t -> assertThat(t.status()).isEqualTo(TaskStatus.DONE));
    }

    @Test
    void aSessionTakesItsLeaseBeforeItReadsItsDevice() {
        fixture.storeKnownPhone();
        List<String> calls = new ArrayList<>();
        SessionService nodeB = nodeB(withHookAfterTasksRead(() -> { }, calls));

        CpeReply reply = nodeB.handle(null, inform("1", "2 PERIODIC"), CPE_ADDRESS);

        assertThat(((CpeReply.Message) reply).envelope().message()).isInstanceOf(InformResponse.class);
        assertThat(calls.indexOf("acquireLease")).isNotNegative()
                .isLessThan(calls.indexOf("loadSnapshot")).isLessThan(calls.indexOf("pendingTasks"));
    }

    @Test
    void anInformRefusedAfterTheLeaseWasTakenGivesTheLeaseBack() {
        List<String> calls = new ArrayList<>();
        AcsStore failing = (AcsStore) Proxy.newProxyInstance(AcsStore.class.getClassLoader(),
                new Class<?>[] {AcsStore.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getName().equals("loadSessionStart")
                            || method.getName().equals("acquireLeaseAndLoadSessionStart")) {
                        return defaultThroughTheProxy(proxy, method, args);
                    }
                    if (method.getName().equals("loadSnapshot")) {
                        throw new io.lodestar.acs.store.StoreUnavailableException("down", null);
                    }
                    try {
                        return method.invoke(fixture.store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        CpeReply reply = nodeB(failing).handle(null, inform("1", "2 PERIODIC"), CPE_ADDRESS);

        assertThat(reply).isInstanceOfSatisfying(CpeReply.HttpError.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(calls).contains("releaseLease");
        assertThat(fixture.store.acquireLease(PHONE_ID, "node-c", Duration.ofSeconds(60)))
                .as("another node may serve the device at once").isTrue();
    }
}
