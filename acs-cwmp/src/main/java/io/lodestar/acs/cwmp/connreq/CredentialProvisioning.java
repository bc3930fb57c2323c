package io.lodestar.acs.cwmp.connreq;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.cwmp.event.BootstrapSessions;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.cwmp.event.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connection request credentials the ACS manages ({@code connreq.manage-credentials}): once a device's
 * {@code 0 BOOTSTRAP} session ended (its data model is then stored, so the task can be checked against it), the
 * ACS makes a user name and a password for it, stores them sealed (not yet applied) and queues a
 * SetParameterValues of ManagementServer.ConnectionRequestUsername and ConnectionRequestPassword, which the device
 * takes at its next session; once that task is done, the credentials are marked applied.
 *
 * <p>The task is queued through the operators' service layer (the {@link SetValuesQueue} the composition root
 * gives), like any other, because sessions write only through their commit.
 */
public final class CredentialProvisioning implements SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialProvisioning.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Bootstraps and provisioning tasks remembered at once; beyond, a device is provisioned at its next bootstrap. */
    private static final int MAX_TRACKED = 100_000;

    /** Queues a SetParameterValues of the values (names relative to the data model's root object). */
    @FunctionalInterface
    public interface SetValuesQueue {
        TaskId queue(DeviceId device, Map<String, String> relativeNamesToValues);
    }

    public static final String USERNAME = "ManagementServer.ConnectionRequestUsername";
    public static final String PASSWORD = "ManagementServer.ConnectionRequestPassword";

    private final ConnectionRequester requester;
    private final SetValuesQueue queue;
    private final BootstrapSessions bootstrapping = new BootstrapSessions();
    private final Map<TaskId, DeviceId> provisioning = new ConcurrentHashMap<>();

    public CredentialProvisioning(ConnectionRequester requester, SetValuesQueue queue) {
        this.requester = requester;
        this.queue = queue;
    }

    @Override
    public void sessionOpened(SessionEvent.Opened event) {
        bootstrapping.opened(event);
    }

    @Override
    public void sessionEnded(SessionEvent.Ended event) {
        bootstrapping.endedStored(event).ifPresent(device -> requester.runLater(() -> provision(device)));
    }

    @Override
    public void taskFinished(SessionEvent.TaskFinished event) {
        DeviceId device = provisioning.remove(event.taskId());
        if (device != null && event.status() == TaskStatus.DONE) {
            requester.runLater(() -> requester.credentialsApplied(device));
        }
    }

    private void provision(DeviceId device) {
        String username = "cr-" + HexFormat.of().formatHex(bytes(6));
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(18));
        try {
            requester.setCredentials(device, username, password, false);
            TaskId task = queue.queue(device, Map.of(USERNAME, username, PASSWORD, password));
            if (provisioning.size() < MAX_TRACKED) {
                provisioning.put(task, device);
            }
        } catch (RuntimeException e) {
            LOG.warn("connection request credentials of {} not provisioned: {}", device, e.getMessage());
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
