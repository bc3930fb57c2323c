package io.lodestar.acs.service;

import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules a task meets before {@link TaskService} queues it, each against a real embedded store. */
class TaskServiceQueueTest extends ServiceFixture {

    private Task set(NewValue... values) {
        return tasks.queueSetValues(KNOWN, List.of(values), "key-1", QueueOptions.DEFAULT);
    }

    private static List<ParameterValueStruct> values(Task task) {
        return ((TaskAction.SetParameterValues) task.action()).values();
    }

    @Test
    void aQueuedTaskIsStoredPendingAndAnnounced() {
        Task task = tasks.queue(KNOWN, new TaskAction.Reboot("reboot-1"), QueueOptions.DEFAULT);

        assertThat(store.findTask(task.id())).contains(task);
        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.createdAt()).isEqualTo(T0);
        assertThat(task.expiresAt()).isEqualTo(T0.plus(QueueOptions.DEFAULT_TIME_TO_LIVE));
        assertThat(events).containsExactly(new DomainEvent.TaskQueued(task, T0));
    }

    @Test
    void aTaskForAnUnknownDeviceIsRefusedWithTheDevicesId() {
        assertRefused(ErrorCode.DEVICE_NOT_FOUND,
                () -> tasks.queue(UNKNOWN, new TaskAction.Reboot(""), QueueOptions.DEFAULT))
                .hasMessageContaining(UNKNOWN.value());
        assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> tasks.queueSetValues(UNKNOWN,
                List.of(NewValue.of(INTERVAL, "60")), "", QueueOptions.DEFAULT));
        assertThat(store.tasks(UNKNOWN)).isEmpty();
    }

    @Test
    void aRefusedTaskIsNeitherStoredNorAnnounced() {
        assertRefused(ErrorCode.BAD_VALUE, () -> set(NewValue.of(INTERVAL, "soon")));

        assertThat(store.tasks(KNOWN)).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void aValueWithoutATypeTakesTheTypeTheDeviceReported() {
        Task task = set(NewValue.of(INTERVAL, "600"), NewValue.of(ENABLE, "false"));

        assertThat(values(task)).containsExactly(new ParameterValueStruct(INTERVAL, "600", "xsd:unsignedInt"),
                new ParameterValueStruct(ENABLE, "false", "xsd:boolean"));
        assertThat(((TaskAction.SetParameterValues) task.action()).parameterKey()).isEqualTo("key-1");
    }

    @Test
    void aValueWithoutATypeForAParameterNeitherTheDeviceNorTheStandardTypesIsRefusedRatherThanSentAsAString() {
        assertRefused(ErrorCode.BAD_TYPE, () -> set(NewValue.of(UNTYPED, "anything")))
                .hasMessageContaining(UNTYPED).hasMessageContaining("no type is known");
        assertThat(values(set(new NewValue(UNTYPED, "anything", "xsd:string")))).containsExactly(
                new ParameterValueStruct(UNTYPED, "anything", "xsd:string"));
    }

    @Test
    void aTypeGivenWithoutItsPrefixIsQueuedWithIt() {
        assertThat(values(set(new NewValue(INTERVAL, "600", "unsignedInt")))).containsExactly(
                new ParameterValueStruct(INTERVAL, "600", "xsd:unsignedInt"));
    }

    @Test
    void aParameterTheDeviceDoesNotHaveIsRefusedWithItsPath() {
        assertRefused(ErrorCode.PATH_NOT_FOUND, () -> set(NewValue.of("Device.ManagementServer.NoSuch", "1")))
                .hasMessageContaining("Device.ManagementServer.NoSuch").hasMessageContaining(KNOWN.value());
    }

    @Test
    void aReadOnlyParameterIsRefused() {
        assertRefused(ErrorCode.NOT_WRITABLE, () -> set(NewValue.of(SERIAL, "SN0002")))
                .hasMessageContaining(SERIAL).hasMessageContaining("read-only");
    }

    @Test
    void aParameterWhoseWritabilityIsUnknownMayBeSet() {
        assertThat(values(set(NewValue.of(UNSURE, "-8")))).containsExactly(
                new ParameterValueStruct(UNSURE, "-8", "xsd:int"));
    }

    @Test
    void aValueThatDoesNotFitItsTypeIsRefusedNamingTheValueTheTypeAndThePath() {
        assertRefused(ErrorCode.BAD_VALUE, () -> set(NewValue.of(INTERVAL, "-5")))
                .hasMessageContaining("'-5'").hasMessageContaining("xsd:unsignedInt").hasMessageContaining(INTERVAL);
        assertRefused(ErrorCode.BAD_VALUE, () -> set(NewValue.of(ENABLE, "yes")))
                .hasMessageContaining("xsd:boolean");
        assertRefused(ErrorCode.BAD_VALUE, () -> set(NewValue.of(INFORM_TIME, "tomorrow")))
                .hasMessageContaining("xsd:dateTime");
        assertRefused(ErrorCode.BAD_VALUE, () -> set(NewValue.of(UNSURE, "2147483648")))
                .hasMessageContaining("xsd:int");
        assertRefused(ErrorCode.BAD_VALUE, () -> set(NewValue.of(CERTIFICATE, "not base64!")))
                .hasMessageContaining("xsd:base64");
    }

    @Test
    void aTypeOtherThanTheOneTheDeviceReportedIsRefused() {
        assertRefused(ErrorCode.TYPE_MISMATCH, () -> set(new NewValue(INTERVAL, "600", "xsd:string")))
                .hasMessageContaining(INTERVAL).hasMessageContaining("xsd:unsignedInt").hasMessageContaining("xsd:string");
        // the same rule for an action built whole, whose values always carry a type (xsd:string by default)
        assertRefused(ErrorCode.TYPE_MISMATCH, () -> tasks.queue(KNOWN, new TaskAction.SetParameterValues(
                List.of(ParameterValueStruct.string(INTERVAL, "600")), ""), QueueOptions.DEFAULT));
    }

    @Test
    void anUnknownTypeIsRefusedForAParameterStoredWithoutOne() {
        assertRefused(ErrorCode.BAD_TYPE, () -> set(new NewValue(UNTYPED, "1", "xsd:float")))
                .hasMessageContaining("xsd:float").hasMessageContaining(UNTYPED);
    }

    @Test
    void anActionBuiltWholeWithTheRightTypesIsQueuedAsGiven() {
        TaskAction.SetParameterValues action = new TaskAction.SetParameterValues(
                List.of(new ParameterValueStruct(INTERVAL, "600", "xsd:unsignedInt")), "k");

        assertThat(tasks.queue(KNOWN, action, QueueOptions.DEFAULT).action()).isEqualTo(action);
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        assertRefused(ErrorCode.BAD_ARGUMENT, () -> set(NewValue.of(INTERVAL, "60"), NewValue.of(INTERVAL, "70")))
                .hasMessageContaining(INTERVAL);
    }

    @Test
    void anObjectTakesNoValueAndAMalformedPathIsRefused() {
        assertRefused(ErrorCode.BAD_PATH, () -> set(NewValue.of("Device.ManagementServer.", "1")))
                .hasMessageContaining("Device.ManagementServer.");
        assertRefused(ErrorCode.BAD_PATH, () -> set(NewValue.of("Device..Interval", "1")))
                .hasMessageContaining("Device..Interval");
        assertRefused(ErrorCode.BAD_VALUE, () -> set(new NewValue(INTERVAL, null, null)))
                .hasMessageContaining(INTERVAL);
        assertRefused(ErrorCode.BAD_ARGUMENT, () -> tasks.queueSetValues(KNOWN, List.of(), "", QueueOptions.DEFAULT));
    }

    @Test
    void readsNeedTheirParametersAndPartialPathsTheirObjects() {
        Task read = tasks.queue(KNOWN, new TaskAction.GetParameterValues(List.of(INTERVAL, "Device.DeviceInfo.", "")),
                QueueOptions.DEFAULT);
        assertThat(read.status()).isEqualTo(TaskStatus.PENDING);
        // an object exists when anything is stored under it, even if it was not stored itself
        tasks.queue(KNOWN, new TaskAction.GetParameterValues(List.of("Device.X_ACME.")), QueueOptions.DEFAULT);

        assertRefused(ErrorCode.PATH_NOT_FOUND, () -> tasks.queue(KNOWN,
                new TaskAction.GetParameterValues(List.of(INTERVAL, "Device.WiFi.")), QueueOptions.DEFAULT))
                .hasMessageContaining("object Device.WiFi.");
        assertRefused(ErrorCode.PATH_NOT_FOUND, () -> tasks.queue(KNOWN,
                new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.Serial")), QueueOptions.DEFAULT))
                .hasMessageContaining("parameter Device.DeviceInfo.Serial");
    }

    @Test
    void namesNeedAnExistingPathAndNextLevelAnObject() {
        tasks.queue(KNOWN, new TaskAction.GetParameterNames("", true), QueueOptions.DEFAULT);
        tasks.queue(KNOWN, new TaskAction.GetParameterNames("Device.ManagementServer.", true), QueueOptions.DEFAULT);
        tasks.queue(KNOWN, new TaskAction.GetParameterNames(INTERVAL, false), QueueOptions.DEFAULT);

        assertRefused(ErrorCode.BAD_PATH, () -> tasks.queue(KNOWN, new TaskAction.GetParameterNames(INTERVAL, true),
                QueueOptions.DEFAULT)).hasMessageContaining(INTERVAL);
        assertRefused(ErrorCode.PATH_NOT_FOUND, () -> tasks.queue(KNOWN,
                new TaskAction.GetParameterNames("Device.WiFi.", false), QueueOptions.DEFAULT));
    }

    @Test
    void addObjectNeedsAnExistingTableAndDeleteObjectAnExistingInstance() {
        tasks.queue(KNOWN, new TaskAction.AddObject(PORT_MAPPINGS, "k"), QueueOptions.DEFAULT);
        tasks.queue(KNOWN, new TaskAction.DeleteObject(HOSTS + "1.", "k"), QueueOptions.DEFAULT);

        assertRefused(ErrorCode.PATH_NOT_FOUND, () -> tasks.queue(KNOWN,
                new TaskAction.AddObject("Device.Firewall.Chain.", ""), QueueOptions.DEFAULT))
                .hasMessageContaining("Device.Firewall.Chain.");
        assertRefused(ErrorCode.PATH_NOT_FOUND, () -> tasks.queue(KNOWN,
                new TaskAction.DeleteObject(HOSTS + "2.", ""), QueueOptions.DEFAULT))
                .hasMessageContaining(HOSTS + "2.");
        assertRefused(ErrorCode.BAD_PATH, () -> tasks.queue(KNOWN,
                new TaskAction.AddObject(HOSTS + "1.", ""), QueueOptions.DEFAULT)).hasMessageContaining("instance");
        assertRefused(ErrorCode.BAD_PATH, () -> tasks.queue(KNOWN,
                new TaskAction.DeleteObject(HOSTS, ""), QueueOptions.DEFAULT)).hasMessageContaining("instance");
    }

    @Test
    void aKeyLongerThanTr069AllowsIsRefused() {
        String key = "k".repeat(TaskRules.MAX_KEY_LENGTH + 1);

        assertRefused(ErrorCode.BAD_ARGUMENT, () -> tasks.queue(KNOWN, new TaskAction.Reboot(key), QueueOptions.DEFAULT))
                .hasMessageContaining("CommandKey");
        assertRefused(ErrorCode.BAD_ARGUMENT, () -> tasks.queueSetValues(KNOWN, List.of(NewValue.of(INTERVAL, "60")),
                key, QueueOptions.DEFAULT)).hasMessageContaining("ParameterKey");
        tasks.queue(KNOWN, new TaskAction.Reboot("k".repeat(TaskRules.MAX_KEY_LENGTH)), QueueOptions.DEFAULT);
    }

    @Test
    void rebootFactoryResetAndRefreshNeedOnlyAnExistingDevice() {
        tasks.queue(KNOWN, new TaskAction.FactoryReset(), QueueOptions.DEFAULT);
        tasks.queue(KNOWN, new TaskAction.Refresh("Device.WiFi."), QueueOptions.DEFAULT);

        assertThat(store.tasks(KNOWN)).extracting(t -> t.action().name()).containsExactly("factoryReset", "refresh");
    }

    @Test
    void aDeviceWhoseDataModelIsNotLearnedYetTakesPathsTheStoreLacksButStillHasItsValuesChecked() {
        Task task = tasks.queueSetValues(FRESH, List.of(NewValue.of("Device.WiFi.SSID.1.SSID", "lab"),
                NewValue.of(INTERVAL, "300")), "", QueueOptions.DEFAULT);

        // the one parameter the Inform brought gives its type
        assertThat(values(task)).containsExactly(new ParameterValueStruct("Device.WiFi.SSID.1.SSID", "lab", "xsd:string"),
                new ParameterValueStruct(INTERVAL, "300", "xsd:unsignedInt"));
        tasks.queue(FRESH, new TaskAction.GetParameterValues(List.of("Device.WiFi.")), QueueOptions.DEFAULT);
        assertRefused(ErrorCode.BAD_VALUE, () -> tasks.queueSetValues(FRESH,
                List.of(new NewValue("Device.WiFi.Radio.1.Channel", "six", "xsd:unsignedInt")), "", QueueOptions.DEFAULT));
    }

    @Test
    void aTaskExpiresAfterItsTimeToLiveOrAtTheInstantGiven() {
        Task hour = tasks.queue(KNOWN, new TaskAction.Reboot(""), QueueOptions.timeToLive(Duration.ofHours(1)));
        Task noon = tasks.queue(KNOWN, new TaskAction.Reboot(""), QueueOptions.expiringAt(T0.plusSeconds(7200)));

        assertThat(hour.expiresAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(noon.expiresAt()).isEqualTo(T0.plusSeconds(7200));
        assertRefused(ErrorCode.BAD_ARGUMENT, () -> tasks.queue(KNOWN, new TaskAction.Reboot(""),
                QueueOptions.timeToLive(Duration.ZERO))).hasMessageContaining("PT0S");
        assertRefused(ErrorCode.BAD_ARGUMENT, () -> tasks.queue(KNOWN, new TaskAction.Reboot(""),
                QueueOptions.expiringAt(T0))).hasMessageContaining(T0.toString());
        assertRefused(ErrorCode.BAD_ARGUMENT, () -> tasks.queue(KNOWN, new TaskAction.Reboot(""),
                new QueueOptions(Duration.ofHours(1), T0.plusSeconds(60))));
    }

    @Test
    void aListenerThatFailsDoesNotFailTheQueueing() {
        DomainEvents own = new DomainEvents();
        own.register(e -> {
            throw new IllegalStateException("listener down");
        });
        TaskService service = new TaskService(store, store, own, clock);

        Task task = service.queue(KNOWN, new TaskAction.Reboot(""), QueueOptions.DEFAULT);

        assertThat(store.findTask(task.id())).contains(task);
    }
}
