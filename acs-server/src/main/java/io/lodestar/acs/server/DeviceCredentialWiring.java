package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.cwmp.auth.CpeAuthSettings;
import io.lodestar.acs.cwmp.auth.DeviceCredentialProvisioning;
import io.lodestar.acs.cwmp.auth.TaskSecrets;
import io.lodestar.acs.cwmp.connreq.CredentialCipher;
import io.lodestar.acs.cwmp.http.CwmpServer;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.service.NewValue;
import io.lodestar.acs.service.QueueOptions;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.store.CpeCredentialStore;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Secrets in the ACS's own tasks, and per-device CPE credentials (docs/cpe-authentication.md): the endpoint opens
 * sealed task values with the connection request key ({@code connreq.key} or its file: the same key, so one
 * backup), and, with {@code cwmp.auth.provision-device-credentials=true}, bootstraps get credentials of their own.
 */
final class DeviceCredentialWiring {

    /** The ParameterKey of the ACS's own SetParameterValues of ManagementServer.Username and Password. */
    static final String PARAMETER_KEY = "lodestar-cpe-credentials";

    private DeviceCredentialWiring() {
    }

    /** The task secrets the endpoint opens (and the connection request wiring seals with). */
    static TaskSecrets wire(AcsConfig config, CpeCredentialStore credentials, Services services,
                            CwmpServer.Builder endpoint) {
        TaskSecrets secrets = new TaskSecrets(CredentialCipher.fromSettingOrFile(config.connreq().key(),
                config.dataDirectory()));
        endpoint.taskSecrets(secrets);
        CpeAuthSettings auth = config.cpeAuth();
        if (auth.enabled() && auth.provisionDeviceCredentials()) {
            // a daemon thread: it dies with the process, and what it had not done is redone at the next bootstrap
            endpoint.addListener(new DeviceCredentialProvisioning(credentials, auth.realm(), secrets,
                    (device, values) -> queue(services, device, values, PARAMETER_KEY), Clock.systemUTC()));
        }
        return secrets;
    }

    /** Queues the SetParameterValues under the device's data model root (Device. or InternetGatewayDevice.). */
    static TaskId queue(Services services, DeviceId device, Map<String, String> relative, String parameterKey) {
        String root = services.devices().parameters(device, "Device.ManagementServer.").isEmpty()
                ? "InternetGatewayDevice." : "Device.";
        List<NewValue> values = relative.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new NewValue(root + e.getKey(), e.getValue(), "xsd:string")).toList();
        return services.tasks().queueSetValues(device, values, parameterKey, QueueOptions.DEFAULT).id();
    }
}
