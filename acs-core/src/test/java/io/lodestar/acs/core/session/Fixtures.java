package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceIdentity;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.RetryPolicy;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared inputs of the session tests, and a driver that plays a whole session against a {@link FakeCpe}. */
final class Fixtures {

    private Fixtures() {}

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final DeviceIdStruct DEVICE_ID_STRUCT = new DeviceIdStruct("Acme", "00D09E", "Router", "SN1");
    static final DeviceId DEVICE_ID = IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(DEVICE_ID_STRUCT);
    static final String REMOTE = "192.0.2.10";
    static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(10));

    static SessionPolicy policy() {
        return policy(DiscoveryMode.LEVEL_BY_LEVEL, 64, 100_000);
    }

    static SessionPolicy policy(DiscoveryMode mode, int valuesPerRequest, int maxParameters) {
        return new SessionPolicy(IdentityScheme.OUI_PRODUCTCLASS_SERIAL, true, mode, valuesPerRequest,
                maxParameters, RETRY);
    }

    static Inform inform(List<String> events, List<ParameterValueStruct> params) {
        List<EventStruct> es = events.stream().map(EventStruct::of).toList();
        return new Inform(DEVICE_ID_STRUCT, es, 1, "2025-03-01T10:00:00Z", 0, params);
    }

    static Inform inform(String... events) {
        return inform(Arrays.asList(events), informParams(FakeCpe.standard()));
    }

    /** The forced Inform parameters of TR-181, read from the fake so they agree with it. */
    static List<ParameterValueStruct> informParams(FakeCpe cpe) {
        List<ParameterValueStruct> out = new ArrayList<>();
        for (String name : List.of("Device.DeviceInfo.HardwareVersion", "Device.DeviceInfo.SoftwareVersion",
                "Device.ManagementServer.ConnectionRequestURL", "Device.ManagementServer.ParameterKey")) {
            if (cpe.value(name) != null) {
                out.add(new ParameterValueStruct(name, cpe.value(name), cpe.model().get(name).type()));
            }
        }
        return out;
    }

    /** A device that was discovered before, with the given stored parameters. */
    static DeviceSnapshot known(Map<String, Parameter> params, Set<String> tags) {
        Device d = new Device(new DeviceIdentity(DEVICE_ID, DEVICE_ID_STRUCT, T0.minus(Duration.ofDays(30))),
                new LastContact(T0.minus(Duration.ofDays(1)), T0.minus(Duration.ofDays(10)),
                        List.of(EventStruct.of("2 PERIODIC")), "192.0.2.99", "1.0"),
                new Reachability("http://old/cr"), new Inventory("Device.", "1.0.0", "HW3"),
                new DiscoveryState(false, T0.minus(Duration.ofDays(30))), tags);
        return new DeviceSnapshot(d, params);
    }

    /** The stored parameters a complete earlier discovery of {@code cpe} left, reported at {@code at}. */
    static Map<String, Parameter> storedModelOf(FakeCpe cpe, Instant at) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        cpe.model().forEach((k, e) -> out.put(k, new Parameter(k, e.value(), e.type(), e.writable(), at)));
        return out;
    }

    static TaskId taskId(int n) {
        return new TaskId(String.format("0190%04x-0000-7000-8000-%012x", n, n));
    }

    static Task task(int n, TaskAction action) {
        return new Task(taskId(n), DEVICE_ID, action, TaskStatus.PENDING, T0.minus(Duration.ofHours(1)),
                T0.plus(Duration.ofDays(7)), 0, T0.minus(Duration.ofHours(1)), null, null, null);
    }

    static CwmpSession open(Inform inform, Optional<DeviceSnapshot> known, List<Task> tasks, SessionPolicy policy,
                            Instant now) {
        return open(inform, known, tasks, List.of(), policy, now);
    }

    static CwmpSession open(Inform inform, Optional<DeviceSnapshot> known, List<Task> tasks,
                            List<io.lodestar.acs.core.operation.Operation> operations, SessionPolicy policy,
                            Instant now) {
        SessionOpening opening = CwmpSession.open(inform, CwmpVersion.V1_2, DEVICE_ID, known, tasks, operations,
                REMOTE, policy, now);
        assertThat(opening).isInstanceOf(SessionOpening.Accepted.class);
        return ((SessionOpening.Accepted) opening).session();
    }

    /** What one played session produced. */
    record Run(List<CwmpMessage.AcsRequest> requests, SessionChanges changes) {

        List<String> methods() {
            return requests.stream().map(CwmpMessage::methodName).toList();
        }

        <T extends CwmpMessage.AcsRequest> List<T> requestsOf(Class<T> type) {
            return requests.stream().filter(type::isInstance).map(type::cast).toList();
        }

        Parameter upsert(String path) {
            return changes.upserts().get(path);
        }

        Task task(TaskId id) {
            return changes.tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
        }
    }

    /** Plays the session from the CPE's first empty POST to the End, every step at {@code now}. */
    static Run play(CwmpSession session, FakeCpe cpe, Instant now) {
        return play(session, cpe, now, Duration.ZERO);
    }

    /** Plays the session from the CPE's first empty POST to the End, step i at {@code start + i * tick}. */
    static Run play(CwmpSession session, FakeCpe cpe, Instant start, Duration tick) {
        List<CwmpMessage.AcsRequest> requests = new ArrayList<>();
        SessionStep step = session.next(null, start);
        while (step instanceof SessionStep.Send send) {
            requests.add(asRequest(send));
            assertThat(requests).as("a runaway session").hasSizeLessThan(100_000);
            step = session.next(cpe.answer(requests.get(requests.size() - 1)),
                    start.plus(tick.multipliedBy(requests.size())));
        }
        assertThat(session.isEnded()).isTrue();
        return new Run(requests, session.finish());
    }

    /**
     * Plays the session from the first empty POST, answering every request until one matching {@code stop}
     * comes, which is left unanswered (the last element of the returned list).
     */
    static List<CwmpMessage.AcsRequest> playUntil(CwmpSession session, FakeCpe cpe, Instant now,
                                                  Predicate<CwmpMessage.AcsRequest> stop) {
        List<CwmpMessage.AcsRequest> requests = new ArrayList<>();
        SessionStep step = session.next(null, now);
        while (true) {
            assertThat(step).as("the session ended before the awaited request").isInstanceOf(SessionStep.Send.class);
            CwmpMessage.AcsRequest request = asRequest((SessionStep.Send) step);
            requests.add(request);
            if (stop.test(request)) {
                return requests;
            }
            step = session.next(cpe.answer(request), now);
        }
    }

    static CwmpMessage.AcsRequest asRequest(SessionStep.Send send) {
        assertThat(send.message()).isInstanceOf(CwmpMessage.AcsRequest.class);
        return (CwmpMessage.AcsRequest) send.message();
    }
}
