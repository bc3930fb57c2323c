package io.lodestar.acs.store;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceIdentity;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.session.SessionChanges;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.lodestar.acs.store.StoreTestData.INDEXED;
import static io.lodestar.acs.store.StoreTestData.MAC;
import static io.lodestar.acs.store.StoreTestData.NOT_INDEXED;
import static io.lodestar.acs.store.StoreTestData.SERIAL;
import static io.lodestar.acs.store.StoreTestData.SIP_USER;
import static io.lodestar.acs.store.StoreTestData.T0;
import static io.lodestar.acs.store.StoreTestData.changes;
import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static io.lodestar.acs.store.StoreTestData.id;
import static io.lodestar.acs.store.StoreTestData.param;
import static io.lodestar.acs.store.StoreTestData.session;
import static io.lodestar.acs.store.StoreTestData.withParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The promises of {@link DeviceStore#findDevices} and {@link DeviceStore#indexedParameters}: searches by the
 * summary's fields and by the values of indexed parameters, kept right through every kind of write, restarts,
 * and paths added to or removed from the index (which {@link StoreFixture#restart(IndexedParameters)} changes).
 */
public interface DeviceSearchContract extends StoreFixture {

    // ---- searches by the summary --------------------------------------------------------------------------

    private static Device deviceWith(String id, String productClass, String software, Instant lastInform,
                                     Set<String> tags) {
        Device base = fullDevice(id);
        return new Device(
                new DeviceIdentity(base.id(), new DeviceIdStruct("Acme Networks", "00D09E", productClass, "SN" + id),
                        base.registeredAt()),
                new LastContact(lastInform, base.lastBootAt(), base.lastEvents(), base.remoteAddress(),
                        base.cwmpVersion()),
                new Reachability(base.connectionRequestUrl()),
                new Inventory(base.dataModelRoot(), software, base.hardwareVersion()),
                new DiscoveryState(false, base.discoveredAt()), tags);
    }

    @Test
    default void devicesAreFoundByProductClassSoftwareTagAndLastInform() {
        store().commit(session(deviceWith("q-1", "RG-7", "4.2.1", T0, Set.of("lab"))).build());
        store().commit(session(deviceWith("q-2", "RG-7", "4.3.0", T0.plusSeconds(60), Set.of())).build());
        store().commit(session(deviceWith("q-3", "CP-8851", "4.2.1", T0.plusSeconds(120), Set.of("lab", "vip")))
                .build());
        store().register(Device.register(id("q-4"), T0)); // never informed

        assertThat(ids(store().findDevices(DeviceQuery.ALL.withProductClass("RG-7"), null, 10)))
                .containsExactly("q-1", "q-2");
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withSoftwareVersion("4.2.1"), null, 10)))
                .containsExactly("q-1", "q-3");
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withTag("lab"), null, 10))).containsExactly("q-1", "q-3");
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withTag("vip").withSoftwareVersion("4.2.1"), null, 10)))
                .containsExactly("q-3");
        assertThat(ids(store().findDevices(DeviceQuery.ALL.informedBetween(T0.plusSeconds(60), null), null, 10)))
                .containsExactly("q-2", "q-3");
        assertThat(ids(store().findDevices(DeviceQuery.ALL.informedBetween(null, T0.plusSeconds(60)), null, 10)))
                .containsExactly("q-1");
        assertThat(ids(store().findDevices(DeviceQuery.ALL, null, 10))).containsExactly("q-1", "q-2", "q-3", "q-4");
        // pages of a search
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withTag("lab"), null, 1))).containsExactly("q-1");
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withTag("lab"), id("q-1"), 1))).containsExactly("q-3");
        assertThat(store().findDevices(DeviceQuery.ALL.withTag("lab"), id("q-3"), 1)).isEmpty();
    }

    @Test
    default void aSearchFollowsTagChangesAndNewSoftware() {
        store().commit(session(deviceWith("q-5", "RG-7", "1.0", T0, Set.of())).build());
        store().setTags(id("q-5"), Set.of("canary"));
        store().commit(session(deviceWith("q-5", "RG-7", "2.0", T0.plusSeconds(5), Set.of())).build());

        assertThat(ids(store().findDevices(DeviceQuery.ALL.withTag("canary"), null, 10))).containsExactly("q-5");
        assertThat(store().findDevices(DeviceQuery.ALL.withSoftwareVersion("1.0"), null, 10)).isEmpty();
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withSoftwareVersion("2.0"), null, 10)))
                .containsExactly("q-5");
        store().deleteDevice(id("q-5"));
        assertThat(store().findDevices(DeviceQuery.ALL.withTag("canary"), null, 10)).isEmpty();
    }

    @Test
    default void searchesSeeRegisteredDevicesChangedProductClassesAndRemovedTags() {
        store().register(deviceWith("q-6", "RG-7", "1.0", null, Set.of("pre")));
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withTag("pre"), null, 10))).containsExactly("q-6");
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withProductClass("RG-7"), null, 10))).containsExactly("q-6");

        store().commit(session(deviceWith("q-6", "RG-8", "1.0", T0, Set.of())).build());
        assertThat(store().findDevices(DeviceQuery.ALL.withProductClass("RG-7"), null, 10)).isEmpty();
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withProductClass("RG-8").withTag("pre"), null, 10)))
                .as("the commit kept the tags").containsExactly("q-6");

        store().setTags(id("q-6"), Set.of("post"));
        assertThat(store().findDevices(DeviceQuery.ALL.withTag("pre"), null, 10)).isEmpty();
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withTag("post").withSoftwareVersion("1.0"), null, 10)))
                .containsExactly("q-6");
        restart();
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withTag("post"), null, 10))).containsExactly("q-6");
    }

    // ---- searches by indexed parameters -------------------------------------------------------------------

    private List<String> byParameter(String path, String value) {
        return ids(store().findDevices(DeviceQuery.ALL.withParameter(path, value), null, 100));
    }

    private static List<String> ids(List<Device> devices) {
        return devices.stream().map(d -> d.id().value()).toList();
    }

    @Test
    default void storesSayWhichParametersTheyIndex() {
        assertThat(store().indexedParameters()).isEqualTo(INDEXED);
    }

    @Test
    default void devicesAreFoundByTheValueOfAnIndexedParameter() {
        store().commit(withParams(deviceWith("p-2", "RG-7", "1.0", T0, Set.of("lab")), param(SERIAL, "AB-100"),
                param(MAC, "00:0c:d0:f8:00:02"), param(NOT_INDEXED, "CP-8851")));
        store().commit(withParams(deviceWith("p-1", "CP-8851", "1.0", T0, Set.of()), param(SERIAL, "AB-100"),
                param(MAC, "00:0c:d0:f8:00:01")));
        store().commit(withParams(deviceWith("p-3", "RG-7", "2.0", T0, Set.of("lab")), param(SERIAL, "AB-300")));

        assertThat(byParameter(SERIAL, "AB-100")).as("in id order").containsExactly("p-1", "p-2");
        assertThat(byParameter(SERIAL, "AB-300")).containsExactly("p-3");
        assertThat(byParameter(SERIAL, "ab-100")).as("values compare exactly").isEmpty();
        assertThat(byParameter(MAC, "00:0c:d0:f8:00:02")).containsExactly("p-2");
        assertThat(byParameter(SIP_USER, "1001")).isEmpty();
        // with the other criteria, and with each other
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withParameter(SERIAL, "AB-100").withProductClass("RG-7"),
                null, 10))).containsExactly("p-2");
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withParameter(SERIAL, "AB-100").withTag("lab"), null, 10)))
                .containsExactly("p-2");
        assertThat(ids(store().findDevices(DeviceQuery.ALL.withParameter(SERIAL, "AB-100")
                .withParameter(MAC, "00:0c:d0:f8:00:01"), null, 10))).containsExactly("p-1");
        assertThat(store().findDevices(DeviceQuery.ALL.withParameter(SERIAL, "AB-300")
                .withParameter(MAC, "00:0c:d0:f8:00:01"), null, 10)).isEmpty();
        // pages
        DeviceQuery q = DeviceQuery.ALL.withParameter(SERIAL, "AB-100");
        assertThat(ids(store().findDevices(q, null, 1))).containsExactly("p-1");
        assertThat(ids(store().findDevices(q, id("p-1"), 1))).containsExactly("p-2");
        assertThat(store().findDevices(q, id("p-2"), 1)).isEmpty();
        assertThat(store().findDevices(q, null, 0)).isEmpty();
    }

    @Test
    default void aSearchByAParameterThatIsNotIndexedIsRefused() {
        store().commit(withParams(fullDevice("p-4"), param(NOT_INDEXED, "CP-8851")));

        assertThatThrownBy(() -> store().findDevices(DeviceQuery.ALL.withParameter(NOT_INDEXED, "CP-8851"), null, 10))
                .isInstanceOf(UnindexedParameterException.class)
                .hasMessageContaining(NOT_INDEXED).hasMessageContaining(SERIAL);
        assertThatThrownBy(() -> store().findDevices(
                DeviceQuery.ALL.withParameter(SERIAL, "x").withParameter(NOT_INDEXED, "CP-8851"), null, 10))
                .isInstanceOf(UnindexedParameterException.class);
    }

    @Test
    default void anIndexedSearchFollowsEveryChangeOfTheValue() {
        Device d = fullDevice("p-5");
        store().commit(withParams(d, param(SERIAL, "OLD"), param(SIP_USER, "1001")));
        store().commit(withParams(d, param(SERIAL, "NEW")));

        assertThat(byParameter(SERIAL, "OLD")).isEmpty();
        assertThat(byParameter(SERIAL, "NEW")).containsExactly("p-5");
        assertThat(byParameter(SIP_USER, "1001")).as("untouched by a commit that did not name it").containsExactly("p-5");

        // a parameter learned again without a value (a name only) no longer has the old one
        store().commit(withParams(d, new Parameter(SERIAL, null, "xsd:string", false, T0.plusSeconds(1))));
        assertThat(byParameter(SERIAL, "NEW")).isEmpty();
        store().commit(withParams(d, param(SERIAL, "")));
        assertThat(byParameter(SERIAL, "")).as("an empty value is a value").containsExactly("p-5");
    }

    @Test
    default void parametersGoneWithAnObjectOrABootstrapAreNoLongerFound() {
        Device d = fullDevice("p-6");
        store().commit(withParams(d, param(SERIAL, "S-6"), param(MAC, "m-6"), param(SIP_USER, "6006")));

        store().commit(changes(d, false, Set.of("Device.Ethernet.Interface.1."), List.of()));
        assertThat(byParameter(MAC, "m-6")).isEmpty();
        assertThat(byParameter(SERIAL, "S-6")).containsExactly("p-6");

        store().commit(changes(d, false, Set.of(SIP_USER), List.of()));
        assertThat(byParameter(SIP_USER, "6006")).as("a deleted parameter path").isEmpty();

        // the object deleted and created again in one session: the new value counts
        store().commit(changes(d, false, Set.of("Device.Ethernet."), List.of(param(MAC, "m-6b"))));
        assertThat(byParameter(MAC, "m-6b")).containsExactly("p-6");

        // a bootstrap forgets everything learned, then learns what the device reports again
        store().commit(changes(d, true, Set.of(), List.of(param(SERIAL, "S-6"))));
        assertThat(byParameter(SERIAL, "S-6")).containsExactly("p-6");
        assertThat(byParameter(MAC, "m-6b")).isEmpty();
        store().commit(changes(d, false, Set.of(""), List.of()));
        assertThat(byParameter(SERIAL, "S-6")).as("everything deleted").isEmpty();
    }

    @Test
    default void committingTheSameSessionTwiceLeavesTheSameIndex() {
        Device d = fullDevice("p-7");
        store().commit(withParams(d, param(SERIAL, "S-7")));
        SessionChanges again = changes(d, true, Set.of(), List.of(param(SERIAL, "S-7b")));
        store().commit(again);
        store().commit(again);

        assertThat(byParameter(SERIAL, "S-7")).isEmpty();
        assertThat(byParameter(SERIAL, "S-7b")).containsExactly("p-7");
    }

    @Test
    default void aDeletedDeviceIsNoLongerFoundByItsParameters() {
        store().commit(withParams(fullDevice("p-8"), param(SERIAL, "S-8")));
        store().deleteDevice(id("p-8"));
        assertThat(byParameter(SERIAL, "S-8")).isEmpty();

        store().commit(withParams(fullDevice("p-8"), param(MAC, "m-8")));
        assertThat(byParameter(SERIAL, "S-8")).as("nothing of the deleted device comes back").isEmpty();
        assertThat(byParameter(MAC, "m-8")).containsExactly("p-8");
    }

    @Test
    default void indexedValuesKeepEveryCharacter() {
        String odd = "Zo\u00eb \u2603 \ud83d\ude00 a=b,c;d\u0000e \"q\" ";
        store().commit(withParams(fullDevice("p-9"), param(SIP_USER, odd)));
        store().commit(withParams(fullDevice("p-9b"), param(SIP_USER, odd.trim())));

        assertThat(byParameter(SIP_USER, odd)).containsExactly("p-9");
        assertThat(byParameter(SIP_USER, odd.trim())).containsExactly("p-9b");
    }

    @Test
    default void theIndexSurvivesARestart() {
        store().commit(withParams(fullDevice("p-10"), param(SERIAL, "S-10")));
        restart();
        assertThat(byParameter(SERIAL, "S-10")).containsExactly("p-10");
    }

    @Test
    default void aParameterAddedToTheIndexCoversTheDevicesAlreadyStored() {
        IndexedParameters fewer = IndexedParameters.of(SERIAL);
        restart(fewer);
        assertThat(store().indexedParameters()).isEqualTo(fewer);
        for (int i = 0; i < 30; i++) {
            store().commit(withParams(fullDevice(String.format("p-11-%02d", i)), param(SERIAL, "S-11"),
                    param(MAC, i % 3 == 0 ? "m-11" : "m-11-" + i)));
        }
        store().commit(withParams(fullDevice("p-11-none"), param(SERIAL, "S-11")));
        assertThatThrownBy(() -> byParameter(MAC, "m-11")).isInstanceOf(UnindexedParameterException.class);

        restart(INDEXED);

        assertThat(byParameter(MAC, "m-11")).containsExactly("p-11-00", "p-11-03", "p-11-06", "p-11-09", "p-11-12",
                "p-11-15", "p-11-18", "p-11-21", "p-11-24", "p-11-27");
        assertThat(byParameter(SERIAL, "S-11")).hasSize(31);
        // and it is kept up to date from then on
        store().commit(withParams(fullDevice("p-11-00"), param(MAC, "m-11-moved")));
        assertThat(byParameter(MAC, "m-11")).hasSize(9).doesNotContain("p-11-00");
    }

    @Test
    default void aParameterIndexedAgainAfterAPauseShowsTheValuesOfNow() {
        store().commit(withParams(fullDevice("p-12"), param(SERIAL, "S-12"), param(MAC, "m-12")));
        store().commit(withParams(fullDevice("p-12b"), param(MAC, "m-12b")));
        restart(IndexedParameters.of(SERIAL));
        // changed while nobody indexed it
        store().commit(withParams(fullDevice("p-12"), param(MAC, "m-12-new")));
        store().commit(changes(fullDevice("p-12b"), false, Set.of("Device.Ethernet."), List.of()));

        restart(INDEXED);

        assertThat(byParameter(MAC, "m-12")).isEmpty();
        assertThat(byParameter(MAC, "m-12b")).isEmpty();
        assertThat(byParameter(MAC, "m-12-new")).containsExactly("p-12");
        assertThat(byParameter(SERIAL, "S-12")).containsExactly("p-12");
    }
}
