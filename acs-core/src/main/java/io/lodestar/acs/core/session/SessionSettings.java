package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;
import io.lodestar.acs.core.task.RetryPolicy;

import java.time.Duration;
import java.util.List;

/**
 * The engine's settings, {@code session.*} and {@code tasks.*} (the retry policy sessions apply), read into a
 * {@link SessionPolicy}: the policy already is the engine's settings record, so this class only declares the keys
 * and reads them.
 */
public final class SessionSettings {

    public static final List<Setting> SETTINGS = List.of(
            new Setting("session.identity", "oui-productclass-serial",
                    "device id: oui-productclass-serial | oui-serial | serial"),
            new Setting("session.auto-register", "true",
                    "register unknown devices on their first Inform (false: refuse them with fault 8001)"),
            new Setting("session.discovery", "full-tree",
                    "full-tree (one GetParameterNames for the whole tree, level by level when the CPE faults or ignores "
                    + "NextLevel) | level-by-level (one GetParameterNames per object)"),
            new Setting("session.values-per-request", "64", "names one discovery GetParameterValues asks for"),
            new Setting("session.max-parameters", "100000", "the most parameters one discovery learns"),
            new Setting("session.operation-timeout", "1h",
                    "how long a device has to report the end of a Reboot or FactoryReset it accepted"),
            new Setting("session.transfer-timeout", "2h", "how long a device has to report the end of a Download, "
                    + "Upload, ScheduleDownload or ChangeDUState (from when it may start; a firmware's reboot included)"),
            new Setting("tasks.max-attempts", "5", "attempts of a failing task, in all"),
            new Setting("tasks.initial-backoff", "1m", "the wait after a task's first failed attempt (doubling)"),
            new Setting("tasks.max-backoff", "1h", "the longest wait between a task's attempts"));

    private SessionSettings() {}

    public static SessionPolicy from(SettingsReader s) {
        Duration initial = s.duration("tasks.initial-backoff");
        Duration max = s.duration("tasks.max-backoff");
        if (max.compareTo(initial) < 0) {
            throw new SettingsException("tasks.max-backoff", "setting 'tasks.max-backoff' (" + s.string("tasks.max-backoff")
                    + ") must not be shorter than tasks.initial-backoff (" + s.string("tasks.initial-backoff") + ")");
        }
        RetryPolicy retry = new RetryPolicy(s.integer("tasks.max-attempts", 1, 1000), initial, max);
        return new SessionPolicy(s.enumValue("session.identity", IdentityScheme.class),
                s.bool("session.auto-register"), s.enumValue("session.discovery", DiscoveryMode.class),
                s.integer("session.values-per-request", 1, 10_000), s.integer("session.max-parameters", 1, 10_000_000),
                retry, s.positiveDuration("session.operation-timeout"),
                s.positiveDuration("session.transfer-timeout"));
    }
}
