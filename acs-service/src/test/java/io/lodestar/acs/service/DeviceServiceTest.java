package io.lodestar.acs.service;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.store.DeviceQuery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading, searching, tagging, registering and deleting devices with {@link DeviceService}, against a real embedded store. */
class DeviceServiceTest extends ServiceFixture {

    @Test
    void aDeviceIsReadWithItsParametersUnderAPrefix() {
        DeviceDetails details = devices.details(KNOWN, "Device.ManagementServer.");

        assertThat(details.device().id()).isEqualTo(KNOWN);
        assertThat(details.parameters()).extracting(Parameter::path).containsExactly("Device.ManagementServer.",
                ENABLE, INTERVAL, INFORM_TIME);
        assertThat(devices.parameters(KNOWN, INTERVAL)).extracting(Parameter::value).containsExactly("3600");
        assertThat(devices.parameters(KNOWN, "")).hasSize(15);
        assertThat(devices.device(FRESH).discoveredAt()).isNull();
    }

    @Test
    void anUnknownDeviceIsNotFoundWhateverIsAskedOfIt() {
        assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> devices.device(UNKNOWN)).hasMessageContaining(UNKNOWN.value());
        assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> devices.details(UNKNOWN, ""));
        assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> devices.faults(UNKNOWN, 10));
        assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> devices.operations(UNKNOWN));
        assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> devices.addTag(UNKNOWN, "lab"));
        assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> devices.delete(UNKNOWN));
        assertThat(events).isEmpty();
    }

    @Test
    void aMalformedPrefixOrIdIsRefused() {
        assertRefused(ErrorCode.BAD_PATH, () -> devices.details(KNOWN, "Device.Man agement.")).hasMessageContaining("Man agement");
        assertRefused(ErrorCode.BAD_ARGUMENT, () -> Ids.deviceId(""));
        assertThat(Ids.deviceId(KNOWN.value())).isEqualTo(KNOWN);
    }

    @Test
    void devicesAreSearchedByTheirIndexedParametersAndSummary() {
        assertThat(devices.search(DeviceQuery.ALL.withParameter(SERIAL, "SN0001"), null, 10))
                .extracting(Device::id).containsExactly(KNOWN);
        assertThat(devices.search(DeviceQuery.ALL, null, 10)).extracting(Device::id).containsExactly(FRESH, KNOWN);
        assertThat(devices.search(DeviceQuery.ALL, FRESH, 10)).extracting(Device::id).containsExactly(KNOWN);

        assertRefused(ErrorCode.PARAMETER_NOT_INDEXED, () -> devices.search(
                DeviceQuery.ALL.withParameter(INTERVAL, "3600"), null, 10)).hasMessageContaining(INTERVAL);
        assertRefused(ErrorCode.BAD_ARGUMENT, () -> devices.search(DeviceQuery.ALL, null, 0)).hasMessageContaining("limit");
    }

    @Test
    void tagsAreSetAddedAndRemovedAndEachChangeAnnounced() {
        Device set = devices.setTags(KNOWN, Set.of("lab", "floor-3"));
        clock.advance(Duration.ofSeconds(1));
        Device added = devices.addTag(KNOWN, "beta");
        Device removed = devices.removeTag(KNOWN, "lab");

        assertThat(set.tags()).containsExactlyInAnyOrder("lab", "floor-3");
        assertThat(added.tags()).containsExactlyInAnyOrder("lab", "floor-3", "beta");
        assertThat(removed.tags()).containsExactlyInAnyOrder("floor-3", "beta");
        assertThat(store.findDevice(KNOWN).orElseThrow().tags()).containsExactlyInAnyOrder("floor-3", "beta");
        assertThat(devices.search(DeviceQuery.ALL.withTag("beta"), null, 10)).extracting(Device::id).containsExactly(KNOWN);
        assertThat(events).containsExactly(
                new DomainEvent.TagsChanged(KNOWN, Set.of(), Set.of("lab", "floor-3"), T0),
                new DomainEvent.TagsChanged(KNOWN, Set.of("lab", "floor-3"), Set.of("lab", "floor-3", "beta"),
                        T0.plusSeconds(1)),
                new DomainEvent.TagsChanged(KNOWN, Set.of("lab", "floor-3", "beta"), Set.of("floor-3", "beta"),
                        T0.plusSeconds(1)));
    }

    @Test
    void aTagChangeThatChangesNothingIsNotAnnounced() {
        devices.addTag(KNOWN, "lab");
        events.clear();

        devices.addTag(KNOWN, "lab");
        devices.removeTag(KNOWN, "beta");
        devices.setTags(KNOWN, Set.of("lab"));

        assertThat(events).isEmpty();
    }

    @Test
    void aTagThatIsEmptyTooLongOrHoldsASpaceOrACommaIsRefused() {
        assertRefused(ErrorCode.BAD_TAG, () -> devices.addTag(KNOWN, ""));
        assertRefused(ErrorCode.BAD_TAG, () -> devices.addTag(KNOWN, "x".repeat(Tags.MAX_LENGTH + 1)));
        assertRefused(ErrorCode.BAD_TAG, () -> devices.addTag(KNOWN, "floor 3")).hasMessageContaining("'floor 3'");
        assertRefused(ErrorCode.BAD_TAG, () -> devices.setTags(KNOWN, Set.of("lab", "a,b"))).hasMessageContaining("'a,b'");
        assertThat(store.findDevice(KNOWN).orElseThrow().tags()).isEmpty();
    }

    @Test
    void aDeviceIsRegisteredOnceAndItsRegistrationAnnouncedOnce() {
        DeviceId id = new DeviceId("00D09E-RG7-NEW0001");

        Registration first = devices.register(id);
        Registration again = devices.register(id);
        Registration known = devices.register(KNOWN);

        assertThat(first.created()).isTrue();
        assertThat(first.device().registeredAt()).isEqualTo(T0);
        assertThat(first.device().discoveryRequired()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.device()).isEqualTo(first.device());
        assertThat(known.created()).isFalse();
        assertThat(known.device().discoveredAt()).isNotNull();
        assertThat(events).containsExactly(new DomainEvent.DeviceRegistered(first.device(), T0));
    }

    @Test
    void aDeletedDeviceIsGoneWithItsTasksAndTheDeletionAnnounced() {
        tasks.queue(KNOWN, new TaskAction.Reboot(""), QueueOptions.DEFAULT);
        events.clear();

        devices.delete(KNOWN);

        assertThat(store.findDevice(KNOWN)).isEmpty();
        assertThat(store.tasks(KNOWN)).isEmpty();
        assertThat(events).containsExactly(new DomainEvent.DeviceDeleted(KNOWN, T0));
        assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> devices.delete(KNOWN));
    }

    @Test
    void aDeletedDeviceTakesItsProfileValuesDeviceKeyAndStatusReportsWithItButNotOthers() {
        var profiles = (io.lodestar.acs.store.ProfileStore) store;
        var own = new io.lodestar.acs.store.ProfileValueKey(io.lodestar.acs.store.ProfileValueKey.Scope.DEVICE,
                KNOWN.value(), "sip.password");
        var others = new io.lodestar.acs.store.ProfileValueKey(io.lodestar.acs.store.ProfileValueKey.Scope.DEVICE,
                FRESH.value(), "sip.password");
        profiles.putProfileValue(own, "secret");
        profiles.putProfileValue(others, "theirs");
        profiles.putProfileKey("device", KNOWN.value(), new byte[] {1, 2, 3});
        profiles.addStatusReport(KNOWN, new io.lodestar.acs.store.ProfileStatusReport("mpp", T0, new byte[] {4}));

        devices.delete(KNOWN);

        assertThat(profiles.findProfileValue(own)).isEmpty();
        assertThat(profiles.findProfileKey("device", KNOWN.value())).isEmpty();
        assertThat(profiles.statusReports(KNOWN, 10)).isEmpty();
        assertThat(profiles.findProfileValue(others)).contains("theirs");
    }

    @Test
    void aDevicesFaultsAreListedNewestFirstUpToTheLimit() {
        Device known = store.findDevice(KNOWN).orElseThrow();
        SessionChanges.Builder session = new SessionChanges.Builder(known);
        for (int i = 0; i < 3; i++) {
            session.fault(new DeviceFault(KNOWN, null, "SetParameterValues", 9001 + i, "fault " + i, T0.plusSeconds(i)));
        }
        store.commit(session.build());

        assertThat(devices.faults(KNOWN, 2)).extracting(DeviceFault::code).containsExactly(9003, 9002);
        assertThat(devices.faults(FRESH, 10)).isEmpty();
        assertThat(devices.operations(KNOWN)).isEmpty();
        assertRefused(ErrorCode.BAD_ARGUMENT, () -> devices.faults(KNOWN, 0));
    }
}
