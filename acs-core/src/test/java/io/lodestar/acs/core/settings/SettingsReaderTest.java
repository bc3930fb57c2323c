package io.lodestar.acs.core.settings;

import io.lodestar.acs.core.session.DiscoveryMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsReaderTest {

    private static final List<Setting> DECLARED = List.of(
            new Setting("demo.name", "lodestar", "a name"),
            new Setting("demo.port", "7547", "a port"),
            new Setting("demo.enabled", "true", "a switch"),
            new Setting("demo.timeout", "30s", "a duration"),
            new Setting("demo.mode", "level-by-level", "an enum"),
            new Setting("demo.hosts", "a:1, b:2,,", "a list"),
            new Setting("demo.dir", "./data", "a path"));

    private static SettingsReader with(String key, String value) {
        return SettingsReader.of(DECLARED, Map.of(key, value));
    }

    @Test
    void theDefaultsAreReadWhenNothingIsGiven() {
        SettingsReader s = SettingsReader.defaults(DECLARED);

        assertThat(s.string("demo.name")).isEqualTo("lodestar");
        assertThat(s.integer("demo.port", 0, 65535)).isEqualTo(7547);
        assertThat(s.bool("demo.enabled")).isTrue();
        assertThat(s.duration("demo.timeout")).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.enumValue("demo.mode", DiscoveryMode.class)).isEqualTo(DiscoveryMode.LEVEL_BY_LEVEL);
        assertThat(s.list("demo.hosts")).containsExactly("a:1", "b:2");
        assertThat(s.path("demo.dir")).isEqualTo("./data");
        assertThat(s.asMap()).hasSize(DECLARED.size());
    }

    @Test
    void givenValuesOverrideTheDefaults() {
        assertThat(with("demo.port", "8080").integer("demo.port", 0, 65535)).isEqualTo(8080);
        assertThat(with("demo.enabled", "off").bool("demo.enabled")).isFalse();
        assertThat(with("demo.hosts", "").list("demo.hosts")).isEmpty();
    }

    @Test
    void durationsTakeAUnitOrAreSeconds() {
        assertThat(with("demo.timeout", "500ms").duration("demo.timeout")).isEqualTo(Duration.ofMillis(500));
        assertThat(with("demo.timeout", "5m").duration("demo.timeout")).isEqualTo(Duration.ofMinutes(5));
        assertThat(with("demo.timeout", "2h").duration("demo.timeout")).isEqualTo(Duration.ofHours(2));
        assertThat(with("demo.timeout", "7d").duration("demo.timeout")).isEqualTo(Duration.ofDays(7));
        assertThat(with("demo.timeout", "45").duration("demo.timeout")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> with("demo.timeout", "0s").positiveDuration("demo.timeout"))
                .isInstanceOf(SettingsException.class).hasMessage("setting 'demo.timeout' must be positive");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> SettingsReader.of(DECLARED, Map.of("demo.prot", "1")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("unknown setting 'demo.prot'; known settings: demo.name, demo.port")
                .extracting(e -> ((SettingsException) e).key()).isEqualTo("demo.prot");
    }

    @Test
    void everyBadValueIsRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> with("demo.port", "seventy").integer("demo.port", 0, 65535))
                .hasMessage("setting 'demo.port' must be a whole number, not 'seventy'");
        assertThatThrownBy(() -> with("demo.port", "70000").integer("demo.port", 0, 65535))
                .hasMessage("setting 'demo.port' must be between 0 and 65535, not 70000");
        assertThatThrownBy(() -> with("demo.enabled", "maybe").bool("demo.enabled"))
                .hasMessage("setting 'demo.enabled' must be true or false, not 'maybe'");
        assertThatThrownBy(() -> with("demo.timeout", "soon").duration("demo.timeout"))
                .hasMessage("setting 'demo.timeout' must be a duration like 30s, 5m or 1h, not 'soon'");
        assertThatThrownBy(() -> with("demo.timeout", "99999999999999999999d").duration("demo.timeout"))
                .hasMessageContaining("demo.timeout").hasMessageContaining("99999999999999999999d");
        assertThatThrownBy(() -> with("demo.mode", "random").enumValue("demo.mode", DiscoveryMode.class))
                .hasMessage("setting 'demo.mode' must be one of level-by-level, full-tree, not 'random'");
        assertThatThrownBy(() -> with("demo.dir", " ").path("demo.dir"))
                .hasMessage("setting 'demo.dir' must be a path, not ' '");
        assertThatThrownBy(() -> with("demo.name", "x").parsed("demo.name", v -> {
            throw new IllegalArgumentException("too short");
        })).isInstanceOf(SettingsException.class).hasMessage("setting 'demo.name': too short");
    }

    @Test
    void aKeyTheModuleDidNotDeclareIsMissing() {
        assertThatThrownBy(() -> SettingsReader.defaults(DECLARED).string("demo.other"))
                .isInstanceOf(SettingsException.class).hasMessage("setting 'demo.other' is missing");
    }

    @Test
    void aKeyHasOneOwner() {
        List<Setting> one = List.of(new Setting("a.b", "1", "first"));
        List<Setting> two = List.of(new Setting("a.b", "2", "second"));

        assertThat(Setting.concat(one, List.of(new Setting("a.c", "", "other")))).extracting(Setting::key)
                .containsExactly("a.b", "a.c");
        assertThatThrownBy(() -> Setting.concat(one, two)).hasMessage("setting 'a.b' is declared twice");
    }

    @Test
    void aSettingIsDottedLowerCaseWithAOneLineDescription() {
        assertThatThrownBy(() -> new Setting("Port", "1", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Setting("a.b", "1", "")).hasMessageContaining("one-line description");
        assertThatThrownBy(() -> new Setting("a.b", "1", "two\nlines")).hasMessageContaining("one-line description");
    }
}
