package io.lodestar.acs.server.profiles;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.profiles.device.MacAddress;
import io.lodestar.acs.profiles.device.ProfileDevice;
import io.lodestar.acs.profiles.service.ProfileRedirects.Redirect;
import io.lodestar.acs.profiles.stored.StoredProfileRedirects;
import io.lodestar.acs.profiles.stored.StoredProfileRedirects.Scope;
import io.lodestar.acs.profiles.stored.StoredProfileValues;
import io.lodestar.acs.profiles.template.ValueScope;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redirects on the embedded store: looked up as values are (device, tags, product class), then the template's. */
class StoredProfileRedirectsTest {

    @TempDir
    Path tmp;

    @Test
    void theDevicesRedirectWinsOverItsTagsWhichWinOverItsProductClassWhichWinsOverTheTemplates() {
        try (RocksAcsStore store = RocksAcsStore.open(tmp.resolve("store"))) {
            StoredProfileRedirects redirects = new StoredProfileRedirects(store);
            ProfileDevice phone = new ProfileDevice(new DeviceId("00562B043615"),
                    MacAddress.parse("00562b043615").orElseThrow(), null, "CP-8841-3PCC", null, null, null, null,
                    Set.of("site-b", "site-a"), Map.of());

            assertThat(redirects.find(phone, "mpp")).isEmpty();
            redirects.set(Scope.TEMPLATE, "mpp", "mpp", "http://template/", true);
            assertThat(redirects.find(phone, "mpp")).contains(new Redirect("http://template/", true));
            assertThat(redirects.find(phone, "other")).isEmpty();
            redirects.set(Scope.PRODUCT_CLASS, "CP-8841-3PCC", "mpp", "http://class/", false);
            assertThat(redirects.find(phone, "mpp")).contains(new Redirect("http://class/", false));
            redirects.set(Scope.TAG, "site-b", "mpp", "http://tag-b/", false);
            assertThat(redirects.find(phone, "mpp")).contains(new Redirect("http://tag-b/", false));
            redirects.set(Scope.TAG, "site-a", "mpp", "http://tag-a/", false);
            assertThat(redirects.find(phone, "mpp")).as("tags by name").contains(new Redirect("http://tag-a/", false));
            redirects.set(Scope.DEVICE, "00562B043615", "mpp", "https://device/$MA.xml", true);
            assertThat(redirects.find(phone, "mpp")).contains(new Redirect("https://device/$MA.xml", true));

            assertThat(redirects.all(Scope.TEMPLATE, "mpp")).containsOnlyKeys("mpp");
            assertThat(redirects.all(Scope.TAG, "site-a")).containsOnlyKeys("mpp");
            assertThat(new StoredProfileValues(store).all(ValueScope.DEVICE, "00562B043615"))
                    .as("redirects are not values").isEmpty();
            assertThat(redirects.remove(Scope.DEVICE, "00562B043615", "mpp")).isTrue();
            assertThat(redirects.remove(Scope.DEVICE, "00562B043615", "mpp")).isFalse();
            assertThat(redirects.get(Scope.DEVICE, "00562B043615", "mpp")).isEqualTo(Optional.empty());

            for (String bad : new String[]{"ftp://x/", "/relative", "http://a b/", "http:///nohost", "x".repeat(3000)}) {
                assertThatThrownBy(() -> redirects.set(Scope.DEVICE, "d", "mpp", bad, true))
                        .as(bad).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
