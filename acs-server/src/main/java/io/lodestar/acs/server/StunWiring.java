package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.LearnedUdpBinding;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.cwmp.connreq.CredentialCipher;
import io.lodestar.acs.cwmp.event.BootstrapSessions;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.service.QueueOptions;
import io.lodestar.acs.service.ServiceException;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.store.ConnectionRequestStore;
import io.lodestar.acs.store.DeviceStore;
import io.lodestar.acs.stun.StunCredentials;
import io.lodestar.acs.stun.StunPolicy;
import io.lodestar.acs.stun.StunServer;
import io.lodestar.acs.stun.StunSettings;
import io.lodestar.acs.stun.UdpBindings;
import io.lodestar.acs.stun.UdpConnectionRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
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
    private volatile ConnectionRequestStore shared;
    private volatile String node = "";

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

    /** The device's binding: this node's own when it has one, else the one stored by any node (possibly stale). */
    Optional<LearnedUdpBinding> learned(DeviceId device) {
        Optional<io.lodestar.acs.stun.UdpBinding> own = bindings.find(device.value(), Clock.systemUTC().instant());
        if (own.isPresent()) {
            io.lodestar.acs.stun.UdpBinding b = own.get();
            return Optional.of(new LearnedUdpBinding(b.connectionRequestAddress(), b.lastSeen(), b.authenticated(),
                    node));
        }
        ConnectionRequestStore store = shared;
        return store == null ? Optional.empty() : store.udpBinding(device);
    }

    /**
     * Shares the learned bindings through the store, so that any node can send a UDP connection request to the
     * address learned by another: each learned, moved or (every half {@code stun.binding-ttl}) refreshed binding is
     * stored under its STUNUsername as device id, on {@code executor}; unauthenticated ones only for devices the
     * store knows (no rows for made-up usernames). The transport then looks a device up there when this node has no
     * binding of its own; a stored binding older than {@code stun.binding-ttl} is ignored.
     */
    void shareBindings(ConnectionRequestStore store, DeviceStore devices, String node, Duration ttl, Clock clock,
                       Executor executor) {
        this.shared = store;
        this.node = node;
        bindings.addListener((binding, change) -> executor.execute(() -> {
            try {
                DeviceId id = new DeviceId(binding.username());
                if (!binding.authenticated() && devices.findDevice(id).isEmpty()) {
                    return;
                }
                store.putUdpBinding(id, new LearnedUdpBinding(binding.connectionRequestAddress(), binding.lastSeen(),
                        binding.authenticated(), node));
            } catch (RuntimeException e) { // an unusable username, the store unavailable: the next refresh retries
                LOG.debug("UDP binding of {} not stored: {}", binding.username(), e.getMessage());
            }
        }));
        transport.storedBindings(device -> store.udpBinding(device)
                .filter(b -> b.lastSeen().plus(ttl).isAfter(clock.instant()))
                .map(LearnedUdpBinding::address));
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
        return BootstrapSessions.afterStoredBootstrap(
                device -> executor.execute(() -> apply(policy, cipher, services, device)));
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
