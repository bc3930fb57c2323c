package io.lodestar.acs.server;

import io.lodestar.acs.api.ConnectionRequests;
import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.cwmp.connreq.ConnectionRequestSettings;
import io.lodestar.acs.cwmp.connreq.ConnectionRequester;
import io.lodestar.acs.cwmp.connreq.CredentialCipher;
import io.lodestar.acs.cwmp.connreq.CredentialProvisioning;
import io.lodestar.acs.cwmp.connreq.Wakeup;
import io.lodestar.acs.cwmp.auth.TaskSecrets;
import io.lodestar.acs.cwmp.http.CwmpServer;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.metrics.AcsMetrics;
import io.lodestar.acs.service.DomainEvent;
import io.lodestar.acs.service.NewValue;
import io.lodestar.acs.service.QueueOptions;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.ConnectionRequestStore;
import io.lodestar.acs.stun.StunSettings;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connection requests wired into one ACS: the requester (HTTP transport, sealed credentials in the store engine's
 * {@link ConnectionRequestStore}) listens to the endpoint's sessions, the API wakes devices through it, and, when
 * {@code connreq.manage-credentials} is on, bootstraps provision per-device credentials through the service layer.
 */
final class ConnectionRequestWiring implements AutoCloseable {

    /** The ParameterKey of the ACS's own SetParameterValues of connection request credentials. */
    static final String PARAMETER_KEY = "lodestar-connreq-credentials";

    private final ConnectionRequester requester;
    private final StunWiring stun;

    private ConnectionRequestWiring(ConnectionRequester requester, StunWiring stun) {
        this.requester = requester;
        this.stun = stun;
    }

    /**
     * Null when the store engine keeps no connection request data (a test's store of its own). Starts the STUN
     * server when {@code stun.enabled} (UDP connection requests leave from its socket); feeds each attempt's final
     * outcome to {@code metrics} (null: none); forgets a deleted device's credentials and attempts.
     */
    static ConnectionRequestWiring wire(AcsStore store, ConnectionRequestSettings settings, StunSettings stunSettings,
                                        Path dataDirectory, String nodeId, Services services,
                                        CwmpServer.Builder endpoint, AcsMetrics metrics) {
        if (!(store instanceof ConnectionRequestStore crStore)) {
            return null;
        }
        CredentialCipher cipher = CredentialCipher.fromSettingOrFile(settings.key(), dataDirectory);
        StunWiring stun = StunWiring.start(stunSettings, cipher);
        try {
            ConnectionRequester requester = stun == null
                    ? ConnectionRequester.http(store, crStore, cipher, settings, nodeId, Clock.systemUTC())
                    : ConnectionRequester.http(store, crStore, cipher, settings, nodeId, Clock.systemUTC(), stun.transport());
            endpoint.addListener(requester.listener());
            // a device being woken is admitted and served before the boots and periodics (even with another event)
            endpoint.wakesPending(new CwmpServer.WakingDevices() {
                @Override
                public boolean waking(DeviceId device) {
                    return requester.isWaking(device);
                }

                @Override
                public boolean any() {
                    return requester.anyWaking();
                }
            });
            if (settings.manageCredentials()) {
                endpoint.addListener(new CredentialProvisioning(requester, (device, values) -> queue(services, device, values,
                        new TaskSecrets(cipher))));
            }
            if (stun != null) {
                stun.shareBindings(crStore, store, nodeId, stunSettings.bindingTtl(), Clock.systemUTC(),
                        requester::runLater);
                SessionListener policy = stun.policy(stunSettings, cipher, services, requester::runLater);
                if (policy != null) {
                    endpoint.addListener(policy);
                }
            }
            if (metrics != null) {
                requester.onDelivery(a -> metrics.connectionRequest(
                        io.lodestar.acs.metrics.ConnectionRequestOutcome.valueOf(a.outcome().name()),
                        Duration.between(a.requestedAt(), a.outcomeAt())));
            }
            services.events().register(event -> {
                if (event instanceof DomainEvent.DeviceDeleted deleted) {
                    // a device registered again later under the same id starts without the old credentials
                    crStore.forgetConnectionRequests(deleted.deviceId());
                }
            });
            return new ConnectionRequestWiring(requester, stun);
        } catch (RuntimeException e) {
            if (stun != null) {
                stun.close();
            }
            throw e;
        }
    }

    /** The STUN server's UDP port, or -1 when it does not run. */
    int stunPort() {
        return stun == null ? -1 : stun.port();
    }

    /** Queues the SetParameterValues under the device's data model root (Device. or InternetGatewayDevice.). */
    private static TaskId queue(Services services, DeviceId device, Map<String, String> relative,
                                TaskSecrets secrets) {
        String root = services.devices().parameters(device, "Device.ManagementServer.").isEmpty()
                ? "InternetGatewayDevice." : "Device.";
        List<NewValue> values = relative.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new NewValue(root + e.getKey(), sealedIfPassword(secrets, device, e.getKey(), e.getValue()),
                        "xsd:string")).toList();
        return services.tasks().queueSetValues(device, values, PARAMETER_KEY, QueueOptions.DEFAULT).id();
    }

    /** The password as a sealed reference the endpoint opens at send time: never in clear in the stored task. */
    private static String sealedIfPassword(TaskSecrets secrets, DeviceId device, String name, String value) {
        return name.endsWith("Password") ? secrets.seal(device, value) : value;
    }

    ConnectionRequester requester() {
        return requester;
    }

    /** The API's view of it. */
    ConnectionRequests forApi() {
        return new ConnectionRequests() {
            @Override
            public Wake wake(DeviceId id) {
                Wakeup w = requester.wake(id);
                return new Wake(w.delivered(), w.finished());
            }

            @Override
            public Optional<ConnectionRequestAttempt> lastAttempt(DeviceId id) {
                return requester.lastAttempt(id);
            }

            @Override
            public void setCredentials(DeviceId id, String username, String password) {
                requester.setCredentials(id, username, password, true);
            }

            @Override
            public Optional<io.lodestar.acs.core.device.LearnedUdpBinding> learnedUdpBinding(DeviceId id) {
                return stun == null ? Optional.empty() : stun.learned(id);
            }
        };
    }

    @Override
    public void close() {
        try {
            requester.close();
        } finally {
            if (stun != null) {
                stun.close();
            }
        }
    }
}
