package io.lodestar.acs.server;

import io.lodestar.acs.api.ApiSettings;
import io.lodestar.acs.core.session.SessionSettings;
import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsReader;
import io.lodestar.acs.cwmp.connreq.ConnectionRequestSettings;
import io.lodestar.acs.cwmp.http.CwmpSettings;
import io.lodestar.acs.profiles.service.ProfileSettings;
import io.lodestar.acs.files.FilesSettings;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.ServerSettings;
import io.lodestar.acs.server.config.Settings;
import io.lodestar.acs.store.StoreSettings;
import io.lodestar.acs.store.cache.CacheSettings;
import io.lodestar.acs.store.cassandra.CassandraSettings;
import io.lodestar.acs.store.embedded.EmbeddedStoreSettings;
import io.lodestar.acs.stun.StunSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/lodestar.properties} is the reference users copy: it lists exactly the settings the code accepts,
 * each with the code's default, so that neither can drift from the other.
 */
class ReferenceSettingsFileTest {

    private static final Path REFERENCE = Path.of("../deploy/lodestar.properties");

    /** One module's settings: its declared keys and the reading of its record. */
    record Module(String name, List<Setting> settings, Function<SettingsReader, ?> reader) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Module> modules() {
        return Stream.of(
                new Module("acs-cwmp", CwmpSettings.SETTINGS, CwmpSettings::from),
                new Module("acs-cwmp (auth)", io.lodestar.acs.cwmp.auth.CpeAuthSettings.SETTINGS,
                        io.lodestar.acs.cwmp.auth.CpeAuthSettings::from),
                new Module("acs-server", ServerSettings.SETTINGS, ServerSettings::from),
                new Module("acs-store-embedded", EmbeddedStoreSettings.SETTINGS, EmbeddedStoreSettings::from),
                new Module("acs-store-cache", CacheSettings.SETTINGS, CacheSettings::from),
                new Module("acs-store-api", StoreSettings.SETTINGS, StoreSettings::from),
                new Module("acs-store-cassandra", CassandraSettings.SETTINGS, CassandraSettings::from),
                new Module("acs-files", FilesSettings.SETTINGS, FilesSettings::from),
                new Module("acs-core", SessionSettings.SETTINGS, SessionSettings::from),
                new Module("acs-api", ApiSettings.SETTINGS, ApiSettings::from),
                new Module("acs-profiles", ProfileSettings.SETTINGS, ProfileSettings::from),
                new Module("acs-stun", StunSettings.SETTINGS, StunSettings::from),
                new Module("acs-service (periodic)", io.lodestar.acs.service.periodic.PeriodicSettings.SETTINGS,
                        io.lodestar.acs.service.periodic.PeriodicSettings::from),
                new Module("acs-cwmp connreq", ConnectionRequestSettings.SETTINGS, ConnectionRequestSettings::from));
    }

    @Test
    void theReferenceFileListsExactlyTheSettingsTheCodeAccepts() throws IOException {
        Map<String, String> reference = referenceEntries();
        Map<String, String> code = AcsConfig.SETTINGS.stream()
                .collect(Collectors.toMap(Setting::key, Setting::defaultValue, (a, b) -> a, LinkedHashMap::new));

        assertThat(reference.keySet()).as("keys in %s", REFERENCE).containsExactlyInAnyOrderElementsOf(code.keySet());
        assertThat(reference).as("defaults in %s", REFERENCE).containsExactlyInAnyOrderEntriesOf(code);
    }

    @Test
    void theReferenceFileReadsAsTheDefaults() {
        assertThat(AcsConfig.from(Settings.load(REFERENCE, Map.of(), Map.of())))
                .isEqualTo(AcsConfig.from(SettingsReader.defaults(AcsConfig.SETTINGS)));
    }

    @Test
    void theServerComposesEveryModulesSettings() {
        List<Setting> composed = new ArrayList<>();
        modules().forEach(m -> composed.addAll(m.settings()));

        assertThat(AcsConfig.SETTINGS).containsExactlyInAnyOrderElementsOf(composed);
    }

    @ParameterizedTest
    @MethodSource("modules")
    void eachModuleReadsItsOwnDefaults(Module module) {
        // a module reading a key it does not declare fails here: it would read another module's key
        assertThat(module.reader().apply(SettingsReader.defaults(module.settings()))).isNotNull();
    }

    /** The file's entries, refusing a key given twice (a properties file would silently keep the last). */
    private static Map<String, String> referenceEntries() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            assertThat(eq).as("a key=value line in %s: %s", REFERENCE, line).isPositive();
            String key = trimmed.substring(0, eq).strip();
            assertThat(entries).as("%s given twice in %s", key, REFERENCE).doesNotContainKey(key);
            entries.put(key, trimmed.substring(eq + 1).strip());
        }
        assertThat(entries).as("the file as a properties loader reads it")
                .isEqualTo(Settings.readFile(REFERENCE));
        return entries;
    }
}
