package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.cwmp.event.BootstrapSessions;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.cwmp.connreq.CredentialProvisioning;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.store.CpeCredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Per-device CPE credentials the ACS sets itself ({@code cwmp.auth.provision-device-credentials}), by the same
 * mechanism as the connection request credentials ({@link CredentialProvisioning}: once a device's
 * {@code 0 BOOTSTRAP} session ended well, a SetParameterValues is queued through the service layer, given as a
 * {@link CredentialProvisioning.SetValuesQueue}): a user name ({@code cpe-} and 12 hex digits) and a 144-bit random
 * password are made; their hashes are stored as the device's {@link PendingCredentials}; and
 * ManagementServer.Username and ManagementServer.Password are queued, the password as a {@link TaskSecrets} sealed
 * reference (never in clear in the task). The credentials in force (the fleet's) keep working until the device
 * authenticates with the new ones, which then replace them; a SetParameterValues that fails drops them.
 *
 * <p>Store work runs on a thread of its own (listeners must not block the session): a bounded queue, beyond which
 * a device is provisioned at its next bootstrap.
 */
public final class DeviceCredentialProvisioning implements SessionListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCredentialProvisioning.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TRACKED = 100_000;

    public static final String USERNAME = "ManagementServer.Username";
    public static final String PASSWORD = "ManagementServer.Password";

    private final CpeCredentialStore store;
    private final String realm;
    private final TaskSecrets secrets;
    private final CredentialProvisioning.SetValuesQueue queue;
    private final Clock clock;
    private final BootstrapSessions bootstrapping = new BootstrapSessions();
    private final Map<TaskId, DeviceId> provisioning = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "lodestar-cpe-credential-provisioning");
                t.setDaemon(true);
                return t;
            }, (r, pool) -> LOG.warn("CPE credential provisioning is behind: a device waits for its next bootstrap"));

    public DeviceCredentialProvisioning(CpeCredentialStore store, String realm, TaskSecrets secrets,
                                        CredentialProvisioning.SetValuesQueue queue, Clock clock) {
        this.store = store;
        this.realm = realm;
        this.secrets = secrets;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void sessionOpened(SessionEvent.Opened event) {
        bootstrapping.opened(event);
    }

    @Override
    public void sessionEnded(SessionEvent.Ended event) {
        bootstrapping.endedStored(event).ifPresent(device -> worker.execute(() -> provision(device)));
    }

    @Override
    public void taskFinished(SessionEvent.TaskFinished event) {
        DeviceId device = provisioning.remove(event.task().id());
        if (device != null && event.task().status() != TaskStatus.DONE) {
            // the device did not take them: it keeps using the ones in force
            worker.execute(() -> store.deleteCpeCredential(PendingCredentials.scopeOf(device)));
        }
    }

    /** Makes the device's credentials, stores their hashes as pending and queues them for the device. */
    void provision(DeviceId device) {
        String username = "cpe-" + HexFormat.of().formatHex(bytes(6));
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(18));
        try {
            store.putCpeCredential(PendingCredentials.scopeOf(device),
                    CredentialHashes.of(username, realm, password, clock.instant()));
            TaskId task = queue.queue(device, Map.of(USERNAME, username, PASSWORD, secrets.seal(device, password)));
            if (provisioning.size() < MAX_TRACKED) {
                provisioning.put(task, device);
            }
            LOG.info("device {} gets credentials of its own (user {}) at its next session", LogText.escape(device.value()),
                    username);
        } catch (RuntimeException e) {
            LOG.warn("CPE credentials of {} not provisioned: {}", LogText.escape(device.value()),
                    LogText.escape(String.valueOf(e.getMessage())));
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
