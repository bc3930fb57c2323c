package io.lodestar.acs.store;

import io.lodestar.acs.core.device.DeviceId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.lodestar.acs.store.StoreTestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The promises of {@link ProfileStore}: templates, values, sealed keys and status reports are found as stored (byte
 * for byte, text with any character), a put replaces, a delete removes only its entry and says whether there was
 * one, owners and scopes that read alike are not confused, status reports come newest first and only the newest
 * {@link ProfileStore#STATUS_REPORTS_KEPT} are kept, and everything survives a restart. The store under test must
 * implement {@link ProfileStore} (or its test overrides {@link #profileStore()}).
 */
public interface ProfileStoreContract extends StoreFixture {

    default ProfileStore profileStore() {
        if (store() instanceof ProfileStore s) {
            return s;
        }
        throw new IllegalStateException(store() + " is no ProfileStore: override profileStore()");
    }

    DeviceId PHONE = new DeviceId("00562B-CP-8841-FCH0001");
    DeviceId OTHER_PHONE = new DeviceId("00562B-CP-8841-FCH0002");

    static StoredProfileTemplate template(String name, String text) {
        return new StoredProfileTemplate(name, "/profiles/$MA.xml", "application/xml", "aes-256-cbc", "template",
                text, T0.plusNanos(123));
    }

    static ProfileStatusReport report(int seconds, String body) {
        return new ProfileStatusReport("spa", T0.plusSeconds(seconds).plusNanos(9), body.getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    default void templatesAreFoundAsStoredListedByNameAndReplaced() {
        String text = "<flat-profile>\n  <Station_Name>$PN-$MA é ✓ \u0000</Station_Name>\n</flat-profile>";
        profileStore().putProfileTemplate(template("spa", text));
        profileStore().putProfileTemplate(template("mpp", "b"));
        assertThat(profileStore().findProfileTemplate("spa")).contains(template("spa", text));
        assertThat(profileStore().profileTemplates()).extracting(StoredProfileTemplate::name)
                .containsExactly("mpp", "spa");
        profileStore().putProfileTemplate(template("spa", "replaced"));
        assertThat(profileStore().findProfileTemplate("spa")).contains(template("spa", "replaced"));
        assertThat(profileStore().findProfileTemplate("none")).isEmpty();
    }

    @Test
    default void deletingATemplateRemovesItOnlyAndSaysWhetherItWasThere() {
        profileStore().putProfileTemplate(template("spa", "a"));
        profileStore().putProfileTemplate(template("mpp", "b"));
        assertThat(profileStore().deleteProfileTemplate("spa")).isTrue();
        assertThat(profileStore().deleteProfileTemplate("spa")).isFalse();
        assertThat(profileStore().profileTemplates()).extracting(StoredProfileTemplate::name).containsExactly("mpp");
    }

    @Test
    default void valuesAreKeptPerScopeOwnerAndName() {
        var device = new ProfileValueKey(ProfileValueKey.Scope.DEVICE, PHONE.value(), "sip.password");
        var tag = new ProfileValueKey(ProfileValueKey.Scope.TAG, PHONE.value(), "sip.password");
        var other = new ProfileValueKey(ProfileValueKey.Scope.DEVICE, OTHER_PHONE.value(), "sip.password");
        profileStore().putProfileValue(device, "s3cret ü");
        profileStore().putProfileValue(new ProfileValueKey(ProfileValueKey.Scope.DEVICE, PHONE.value(), "display"),
                "Alice");
        profileStore().putProfileValue(tag, "from tag");
        assertThat(profileStore().findProfileValue(device)).contains("s3cret ü");
        assertThat(profileStore().findProfileValue(tag)).contains("from tag");
        assertThat(profileStore().findProfileValue(other)).isEmpty();
        assertThat(profileStore().profileValues(ProfileValueKey.Scope.DEVICE, PHONE.value()))
                .containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("display", "Alice", "sip.password", "s3cret ü")));
        assertThat(profileStore().profileValues(ProfileValueKey.Scope.PRODUCT_CLASS, PHONE.value())).isEmpty();
        profileStore().putProfileValue(device, "new");
        assertThat(profileStore().findProfileValue(device)).contains("new");
        assertThat(profileStore().deleteProfileValue(device)).isTrue();
        assertThat(profileStore().deleteProfileValue(device)).isFalse();
        assertThat(profileStore().findProfileValue(tag)).contains("from tag");
    }

    @Test
    default void ownersThatReadAlikeAreNotConfused() {
        // owner "a" + name "b.c" and owner "a.b" + name "c": a naive joined key would confuse them
        profileStore().putProfileValue(new ProfileValueKey(ProfileValueKey.Scope.TAG, "a", "b.c"), "1");
        assertThat(profileStore().findProfileValue(new ProfileValueKey(ProfileValueKey.Scope.TAG, "a.b", "c"))).isEmpty();
        assertThat(profileStore().profileValues(ProfileValueKey.Scope.TAG, "a.b")).isEmpty();
        assertThat(profileStore().profileValues(ProfileValueKey.Scope.TAG, "a")).containsOnlyKeys("b.c");
        profileStore().putProfileKey("device", "ab", new byte[] {1, 2, 3});
        assertThat(profileStore().findProfileKey("template", "ab")).isEmpty();
        assertThat(profileStore().findProfileKey("device", "a")).isEmpty();
    }

    @Test
    default void sealedKeysAreFoundByteForByteReplacedAndDeleted() {
        byte[] sealed = ConnectionRequestStoreContract.sealed(7);
        profileStore().putProfileKey("template", "spa", sealed);
        assertThat(profileStore().findProfileKey("template", "spa")).hasValueSatisfying(b -> assertThat(b).isEqualTo(sealed));
        byte[] other = ConnectionRequestStoreContract.sealed(8);
        profileStore().putProfileKey("template", "spa", other);
        assertThat(profileStore().findProfileKey("template", "spa")).hasValueSatisfying(b -> assertThat(b).isEqualTo(other));
        assertThat(profileStore().deleteProfileKey("template", "spa")).isTrue();
        assertThat(profileStore().deleteProfileKey("template", "spa")).isFalse();
        assertThat(profileStore().findProfileKey("template", "spa")).isEmpty();
    }

    @Test
    default void statusReportsComeNewestFirstAndOnlyTheNewestAreKept() {
        int n = ProfileStore.STATUS_REPORTS_KEPT + 3;
        for (int i = 0; i < n; i++) {
            profileStore().addStatusReport(PHONE, report(i, "status " + i));
        }
        profileStore().addStatusReport(OTHER_PHONE, report(0, "other"));
        List<ProfileStatusReport> reports = profileStore().statusReports(PHONE, 100);
        assertThat(reports).hasSize(ProfileStore.STATUS_REPORTS_KEPT);
        assertThat(reports.get(0)).isEqualTo(report(n - 1, "status " + (n - 1)));
        assertThat(reports.get(reports.size() - 1)).isEqualTo(report(3, "status 3"));
        assertThat(profileStore().statusReports(PHONE, 2)).containsExactly(report(n - 1, "status " + (n - 1)),
                report(n - 2, "status " + (n - 2)));
        assertThat(profileStore().statusReports(OTHER_PHONE, 10)).containsExactly(report(0, "other"));
        assertThat(profileStore().statusReports(new DeviceId("never"), 10)).isEmpty();
    }

    @Test
    default void deletingADevicesProfileDataRemovesItsValuesKeyAndReportsOnly() {
        DeviceId prefixed = new DeviceId(PHONE.value() + "0");
        for (DeviceId d : List.of(PHONE, OTHER_PHONE, prefixed)) {
            profileStore().putProfileValue(new ProfileValueKey(ProfileValueKey.Scope.DEVICE, d.value(), "a"), "1");
            profileStore().putProfileValue(new ProfileValueKey(ProfileValueKey.Scope.DEVICE, d.value(), "b:c"), "2");
            profileStore().putProfileKey("device", d.value(), ConnectionRequestStoreContract.sealed(3));
            profileStore().addStatusReport(d, report(1, "ok"));
        }
        ProfileValueKey tagValue = new ProfileValueKey(ProfileValueKey.Scope.TAG, PHONE.value(), "a");
        profileStore().putProfileValue(tagValue, "tag's");
        profileStore().putProfileKey("template", PHONE.value(), ConnectionRequestStoreContract.sealed(4));

        profileStore().deleteDeviceProfileData(PHONE);
        profileStore().deleteDeviceProfileData(new DeviceId("never-had-any"));

        assertThat(profileStore().profileValues(ProfileValueKey.Scope.DEVICE, PHONE.value())).isEmpty();
        assertThat(profileStore().findProfileKey("device", PHONE.value())).isEmpty();
        assertThat(profileStore().statusReports(PHONE, 10)).isEmpty();
        for (DeviceId d : List.of(OTHER_PHONE, prefixed)) {
            assertThat(profileStore().profileValues(ProfileValueKey.Scope.DEVICE, d.value())).hasSize(2);
            assertThat(profileStore().findProfileKey("device", d.value())).isPresent();
            assertThat(profileStore().statusReports(d, 10)).hasSize(1);
        }
        assertThat(profileStore().findProfileValue(tagValue)).contains("tag's");
        assertThat(profileStore().findProfileKey("template", PHONE.value())).isPresent();
    }

    @Test
    default void twoReportsAtTheSameInstantAreBothKept() {
        profileStore().addStatusReport(PHONE, report(1, "a"));
        profileStore().addStatusReport(PHONE, report(1, "b"));
        assertThat(profileStore().statusReports(PHONE, 10)).hasSize(2);
    }

    @Test
    default void profileDataSurvivesARestart() {
        profileStore().putProfileTemplate(template("spa", "t"));
        var key = new ProfileValueKey(ProfileValueKey.Scope.PRODUCT_CLASS, "CP-8841-3PCC", "proxy");
        profileStore().putProfileValue(key, "sip.example.net");
        profileStore().putProfileKey("device", PHONE.value(), new byte[] {0, 1, (byte) 0xff});
        profileStore().addStatusReport(PHONE, report(1, "ok"));
        restart();
        assertThat(profileStore().findProfileTemplate("spa")).contains(template("spa", "t"));
        assertThat(profileStore().findProfileValue(key)).contains("sip.example.net");
        assertThat(profileStore().findProfileKey("device", PHONE.value()))
                .hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 0xff));
        assertThat(profileStore().statusReports(PHONE, 10)).containsExactly(report(1, "ok"));
    }

    @Test
    default void aClosedStoreRefusesProfileReadsAndWrites() {
        ProfileStore closed = profileStore();
        store().close();
        assertThatThrownBy(() -> closed.findProfileTemplate("spa")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> closed.putProfileTemplate(template("spa", "t")))
                .isInstanceOf(StoreUnavailableException.class);
        restart();
    }
}
