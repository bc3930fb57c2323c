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
import io.lodestar.acs.service.NewValue;
import io.lodestar.acs.service.QueueOptions;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.ConnectionRequestStore;

import java.nio.file.Path;
import java.time.Clock;
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

    private ConnectionRequestWiring(ConnectionRequester requester) {
        this.requester = requester;
    }

    /** Null when the store engine keeps no connection request data (a test's store of its own). */
    static ConnectionRequestWiring wire(AcsStore store, ConnectionRequestSettings settings, Path dataDirectory,
                                        String nodeId, Services services, CwmpServer.Builder endpoint) {
        if (!(store instanceof ConnectionRequestStore crStore)) {
            return null;
        }
        CredentialCipher cipher = CredentialCipher.fromSettingOrFile(settings.key(), dataDirectory);
        ConnectionRequester requester = ConnectionRequester.http(store, crStore, cipher, settings, nodeId,
                Clock.systemUTC());
        endpoint.addListener(requester.listener());
        if (settings.manageCredentials()) {
            endpoint.addListener(new CredentialProvisioning(requester, (device, values) -> queue(services, device, values,
                    new TaskSecrets(cipher))));
        }
        return new ConnectionRequestWiring(requester);
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
        };
    }

    @Override
    public void close() {
        requester.close();
    }
}
