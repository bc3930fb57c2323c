package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.cwmp.connreq.CredentialCipher;
import io.lodestar.acs.cwmp.event.BootstrapSessions;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.service.QueueOptions;
import io.lodestar.acs.service.ServiceException;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.stun.StunCredentials;
import io.lodestar.acs.stun.StunPolicy;
import io.lodestar.acs.stun.StunServer;
import io.lodestar.acs.stun.StunSettings;
import io.lodestar.acs.stun.UdpBindings;
import io.lodestar.acs.stun.UdpConnectionRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The built-in STUN server wired into one ACS (docs/stun.md): started when {@code stun.enabled}, its socket the
 * source of UDP connection requests ({@link UdpConnectionRequestTransport}), and with {@code stun.policy=bootstrap}
 * STUN turned on for each device after its {@code 0 BOOTSTRAP} session.
 *
 * <p>STUN passwords: the policy gives each device a STUNPassword derived from the connection request key
 * ({@link CredentialCipher#derive}, purpose {@code stun}) and its STUNUsername, its device id. The STUN server asks
 * for the password of every Binding Request on its loop; deriving it needs no store read, and every node sharing
 * {@code connreq.key} derives the same one. The policy's stored task holds the password sealed ({@code
 * lodestar-sealed:}, {@link io.lodestar.acs.cwmp.auth.TaskSecrets}), opened by the endpoint only as the
 * SetParameterValues goes out. Without the policy the server knows no passwords and learns bindings
 * unauthenticated (unless {@code stun.require-integrity}).
 */
final class StunWiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StunWiring.class);
    /** The ParameterKey of the policy's SetParameterValues. */
    static final String PARAMETER_KEY = "lodestar-stun";
    static final String PURPOSE = "stun";

    private final StunServer server;
    private final UdpBindings bindings;
    private final UdpConnectionRequestTransport transport;

    private StunWiring(StunServer server, UdpBindings bindings, UdpConnectionRequestTransport transport) {
        this.server = server;
        this.bindings = bindings;
        this.transport = transport;
    }

    /** Null when {@code stun.enabled=false}. */
    static StunWiring start(StunSettings settings, CredentialCipher cipher) {
        if (!settings.enabled()) {
            return null;
        }
        UdpBindings bindings = UdpBindings.from(settings);
        StunCredentials credentials = settings.policy()
                ? username -> Optional.of(cipher.derive(PURPOSE, username))
                : StunCredentials.none();
        StunServer server = StunServer.start(settings, bindings, credentials, Clock.systemUTC());
        return new StunWiring(server, bindings, new UdpConnectionRequestTransport(
                UdpConnectionRequests.over(server, bindings, Clock.systemUTC())));
    }

    UdpConnectionRequestTransport transport() {
        return transport;
    }

    int port() {
        return server.localAddress().getPort();
    }

    UdpBindings bindings() {
        return bindings;
    }

    /**
     * The session listener that applies the STUN policy after bootstraps; null without {@code stun.policy}.
     * Queueing runs on {@code executor} (never a session's thread).
     */
    SessionListener policy(StunSettings settings, CredentialCipher cipher, Services services, Executor executor) {
        if (!settings.policy()) {
            return null;
        }
        StunPolicy policy = StunPolicy.of(settings.publicHost(), settings.publicPort(port()));
        BootstrapSessions bootstrapping = new BootstrapSessions();
        return new SessionListener() {
            @Override
            public void sessionOpened(SessionEvent.Opened event) {
                bootstrapping.opened(event);
            }

            @Override
            public void sessionEnded(SessionEvent.Ended event) {
                bootstrapping.endedStored(event)
                        .ifPresent(device -> executor.execute(() -> apply(policy, cipher, services, device)));
            }
        };
    }

    /** Queues the policy's values and Active notification on UDPConnectionRequestAddress, if the device has STUN. */
    private static void apply(StunPolicy policy, CredentialCipher cipher, Services services, DeviceId device) {
        try {
            String root = services.devices().parameters(device, "Device.ManagementServer.").isEmpty()
                    ? StunPolicy.IGD : StunPolicy.DEVICE;
            if (services.devices().parameters(device, root + "ManagementServer.STUNEnable").isEmpty()) {
                LOG.debug("{} has no {}ManagementServer.STUNEnable: no STUN policy", device, root);
                return;
            }
            services.tasks().queue(device, new TaskAction.SetParameterValues(
                    policy.enable(root, device.value(), new io.lodestar.acs.cwmp.auth.TaskSecrets(cipher).seal(device,
                            cipher.derive(PURPOSE, device.value()))), PARAMETER_KEY),
                    QueueOptions.DEFAULT);
            services.tasks().queue(device, new TaskAction.SetParameterAttributes(List.of(new SetParameterAttributesStruct(
                    StunPolicy.udpConnectionRequestAddress(root), true, 2, false, List.of()))), QueueOptions.DEFAULT);
        } catch (ServiceException | io.lodestar.acs.store.StoreUnavailableException e) {
            LOG.warn("STUN policy not queued for {}: {}", device, e.getMessage());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
