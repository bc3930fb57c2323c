package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.cwmp.event.BootstrapSessions;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.cwmp.http.CwmpServer;
import io.lodestar.acs.service.NewValue;
import io.lodestar.acs.service.QueueOptions;
import io.lodestar.acs.service.ServiceException;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.service.periodic.PeriodicInformPolicy;
import io.lodestar.acs.service.periodic.PeriodicSettings;
import io.lodestar.acs.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The periodic inform spread wired into one ACS (docs/periodic-spread.md): with {@code periodic.spread=on}, after a
 * device's {@code 0 BOOTSTRAP} session has been stored, a SetParameterValues of its own PeriodicInformTime (and
 * PeriodicInformEnable/Interval when {@code periodic.interval} names one) is queued through the task service, as the
 * STUN policy and the ACS-managed credentials queue theirs; it runs in the device's next session.
 *
 * <p>Queueing runs on one thread of its own, never a session's, with a bounded queue ({@value #QUEUE}): in a boot
 * storm of new devices, those beyond it get their offset at their next bootstrap (a warning is logged). The thread
 * ends when idle, so nothing needs closing.
 */
final class PeriodicInformWiring {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicInformWiring.class);
    static final int QUEUE = 100_000;
    private static final java.util.concurrent.atomic.AtomicLong DROPPED = new java.util.concurrent.atomic.AtomicLong();

    private PeriodicInformWiring() {
    }

    /** Adds the policy's listener to the endpoint when {@code periodic.spread=on}; does nothing otherwise. */
    static void wire(PeriodicSettings settings, Services services, CwmpServer.Builder endpoint) {
        if (!settings.spread()) {
            return;
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "periodic-spread");
                    t.setDaemon(true);
                    return t;
                }, (r, e) -> {
                    long n = DROPPED.incrementAndGet();
                    if (n == 1 || n % 1000 == 0) { // a storm of new devices must not flood the log
                        LOG.warn("periodic inform spread: {} bootstraps waiting; {} left for their next bootstrap so far",
                                QUEUE, n);
                    }
                });
        executor.allowCoreThreadTimeOut(true);
        endpoint.addListener(listener(PeriodicInformPolicy.of(settings), services, executor));
        LOG.info("periodic inform spread on: PeriodicInformTime per device after 0 BOOTSTRAP{}",
                settings.interval().isZero() ? " (each device's own interval)"
                        : ", PeriodicInformInterval " + settings.interval().toSeconds() + " s");
    }

    static SessionListener listener(PeriodicInformPolicy policy, Services services, Executor executor) {
        return BootstrapSessions.afterStoredBootstrap(device -> executor.execute(() -> apply(policy, services, device)));
    }

    /** Queues the device's values, if it has a PeriodicInformTime to set (and an interval, unless the policy gives one). */
    static void apply(PeriodicInformPolicy policy, Services services, DeviceId device) {
        try {
            String root = services.devices().parameters(device, "Device.ManagementServer.").isEmpty()
                    ? PeriodicInformPolicy.IGD : PeriodicInformPolicy.DEVICE;
            List<Parameter> interval = services.devices().parameters(device,
                    root + "ManagementServer.PeriodicInformInterval");
            List<NewValue> values = policy.values(root, device.value(),
                    interval.isEmpty() ? null : interval.get(0).value());
            if (values.isEmpty()) {
                LOG.debug("{} reported no PeriodicInformInterval: no periodic inform spread", device);
                return;
            }
            services.tasks().queueSetValues(device, values, PeriodicInformPolicy.PARAMETER_KEY, QueueOptions.DEFAULT);
        } catch (ServiceException | StoreUnavailableException e) {
            // a device without a writable PeriodicInformTime (PATH_NOT_FOUND, NOT_WRITABLE), or a store outage
            LOG.warn("periodic inform spread not queued for {}: {}", device, e.getMessage());
        }
    }
}
