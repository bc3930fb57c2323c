package io.lodestar.acs.server;

import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.core.session.DiscoveryMode;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.ConfigException;
import io.lodestar.acs.server.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Defaults, then the file, then the environment, then flags; bad values are named. */
class ConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedOnes() {
        AcsConfig config = AcsConfig.from(Settings.load(null, Map.of(), Map.of()));

        assertThat(config.cwmp().endpoint().port()).isEqualTo(7547);
        assertThat(config.embedded().path()).isEqualTo(Path.of("./data"));
        assertThat(config.cwmp().sessionIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.session().identityScheme()).isEqualTo(IdentityScheme.OUI_PRODUCTCLASS_SERIAL);
        assertThat(config.session().autoRegister()).isTrue();
        assertThat(config.session().discoveryMode()).isEqualTo(DiscoveryMode.FULL_TREE);
        assertThat(config.embedded().sync()).isTrue();
        assertThat(config.session().operationTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.store().indexed().paths())
                .containsExactly("Device.DeviceInfo.SerialNumber", "InternetGatewayDevice.DeviceInfo.SerialNumber");
    }

    @Test
    void indexedParametersAreACommaSeparatedListOfFullPaths() {
        AcsConfig config = AcsConfig.from(Settings.load(null, Map.of(),
                Map.of("store.indexed-parameters", "Device.Ethernet.Interface.1.MACAddress, Device.DeviceInfo.SerialNumber")));
        assertThat(config.store().indexed().paths())
                .containsExactly("Device.DeviceInfo.SerialNumber", "Device.Ethernet.Interface.1.MACAddress");
        assertThat(AcsConfig.from(Settings.load(null, Map.of(), Map.of("store.indexed-parameters", "")))
                .store().indexed().isEmpty()).isTrue();
        assertThatThrownBy(() -> AcsConfig.from(Settings.load(null, Map.of(),
                Map.of("store.indexed-parameters", "Device.WiFi.SSID.*.SSID"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("store.indexed-parameters")
                .hasMessageContaining("wildcards");
    }

    @Test
    void cassandraIndexVerificationRunsDailyByDefaultAndZeroTurnsItOff() {
        AcsConfig defaults = AcsConfig.from(Settings.load(null, Map.of(), Map.of()));
        assertThat(defaults.cassandra().indexVerifyInterval()).isEqualTo(Duration.ofHours(24));
        assertThat(Stores.cassandraConfig(defaults.cassandra()).indexVerifyInterval())
                .isEqualTo(Duration.ofHours(24));
        AcsConfig off = AcsConfig.from(Settings.load(null, Map.of(),
                Map.of("store.cassandra.index-verify-interval", "0s")));
        assertThat(Stores.cassandraConfig(off.cassandra()).indexVerifyInterval()).isZero();
        AcsConfig hourly = AcsConfig.from(Settings.load(null, Map.of(),
                Map.of("store.cassandra.index-verify-interval", "1h")));
        assertThat(Stores.cassandraConfig(hourly.cassandra()).indexVerifyInterval())
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> AcsConfig.from(Settings.load(null, Map.of(),
                Map.of("store.cassandra.index-verify-interval", "daily"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("store.cassandra.index-verify-interval");
    }

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("lodestar.properties"),
                "cwmp.port=1000\nsession.auto-register=false\nstore.path=/from/file\n");
        Map<String, String> env = Map.of("LODESTAR_CWMP_PORT", "2000", "LODESTAR_STORE_PATH", "/from/env", "HOME", "/root");

        AcsConfig config = AcsConfig.from(Settings.load(file, env, Map.of("cwmp.port", "3000")));

        assertThat(config.cwmp().endpoint().port()).isEqualTo(3000);
        assertThat(config.embedded().path()).isEqualTo(Path.of("/from/env"));
        assertThat(config.session().autoRegister()).isFalse();
    }

    @Test
    void everyExampleSettingInDeployIsKnownAndValid() {
        Path example = Path.of("../deploy/lodestar.properties");

        AcsConfig config = AcsConfig.from(Settings.load(example, Map.of(), Map.of()));

        assertThat(config.cwmp().endpoint().port()).isEqualTo(7547);
    }

    @Test
    void theCassandraStoreNeedsContactPoints() {
        assertThatThrownBy(() -> AcsConfig.from(Settings.load(null, Map.of(),
                Map.of("store.type", "cassandra", "store.cassandra.contact-points", ""))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting 'store.cassandra.contact-points' is needed with store.type=cassandra");
        assertThat(AcsConfig.from(Settings.load(null, Map.of(), Map.of("store.cassandra.contact-points", "")))
                .cassandra().contactPoints()).isEmpty();
    }

    @Test
    void anUnreadableFileIsNamed() {
        assertThatThrownBy(() -> Settings.load(dir.resolve("missing.properties"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read config file")
                .hasMessageContaining("missing.properties");
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> AcsConfig.from(Settings.load(null, Map.of(), Map.of("cwmp.port", "seventy"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cwmp.port").hasMessageContaining("seventy");
        assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("cwmp.prot", "7547")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting 'cwmp.prot'");
        assertThatThrownBy(() -> AcsConfig.from(Settings.load(null, Map.of(), Map.of("session.discovery", "random"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("level-by-level");
        assertThatThrownBy(() -> AcsConfig.from(Settings.load(null, Map.of(), Map.of("cwmp.session-idle-timeout", "soon"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("30s");
        assertThatThrownBy(() -> AcsConfig.from(Settings.load(null, Map.of(), Map.of("session.operation-timeout", "0s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("session.operation-timeout");
        assertThatThrownBy(() -> AcsConfig.from(Settings.load(null, Map.of(), Map.of("store.type", "mongo"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting 'store.type' must be 'embedded' or 'cassandra', not 'mongo'");
    }
}
