package io.lodestar.acs.server.config;

import io.lodestar.acs.api.ApiSettings;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.core.session.SessionSettings;
import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;
import io.lodestar.acs.cwmp.connreq.ConnectionRequestSettings;
import io.lodestar.acs.cwmp.auth.CpeAuthSettings;
import io.lodestar.acs.cwmp.http.CwmpSettings;
import io.lodestar.acs.profiles.service.ProfileSettings;
import io.lodestar.acs.files.FilesSettings;
import io.lodestar.acs.store.StoreSettings;
import io.lodestar.acs.store.cache.CacheSettings;
import io.lodestar.acs.store.cassandra.CassandraSettings;
import io.lodestar.acs.store.embedded.EmbeddedStoreSettings;
import io.lodestar.acs.stun.StunSettings;
import io.lodestar.acs.service.periodic.PeriodicSettings;

import java.util.List;

/**
 * The typed configuration of one ACS process: the settings records of the modules it runs, one component each.
 * Every module owns its keys: it declares them ({@code public static final List<Setting> SETTINGS}, key, default,
 * one-line description) beside the record that reads them ({@code static X from(SettingsReader)}), and
 * {@link #SETTINGS} is the concatenation of those lists, the one list a config file, the environment and flags
 * are checked against ({@link Settings#load}).
 *
 * <p>A module joins (say acs-api with {@code api.*} keys in an {@code ApiSettings} record) in three steps: a
 * component {@code ApiSettings api} here, its {@code ApiSettings.SETTINGS} in {@link #SETTINGS}, and
 * {@code ApiSettings.from(s)} in {@link #from}; then its keys, with their defaults, go into
 * {@code deploy/lodestar.properties} and the module into {@code ReferenceSettingsFileTest.modules()}, which
 * together keep the reference file equal to {@link #SETTINGS} and check that the record reads its own defaults.
 * A key has one owner: {@link Setting#concat} refuses a key declared twice.
 *
 * @param server    which store engine runs, and this node's identity ({@code store.type}, {@code cluster.*})
 * @param cwmp      the CWMP endpoint ({@code cwmp.*})
 * @param session   how sessions behave ({@code session.*}, {@code tasks.*})
 * @param store     what every store engine shares ({@code store.indexed-parameters})
 * @param embedded  the embedded store ({@code store.path}, {@code store.sync})
 * @param cache     the embedded store's read cache ({@code store.cache-max-bytes})
 * @param cassandra the Cassandra store ({@code store.cassandra.*})
 * @param api       the operators' REST API ({@code api.*})
 * @param profiles  phones resyncing generated profiles over HTTP ({@code profiles.*})
 * @param stun      the built-in STUN server and UDP connection requests ({@code stun.*})
 * @param files     the file server and the files API ({@code files.*})
 * @param connreq   connection requests ({@code connreq.*})
 * @param cpeAuth   how CPEs authenticate ({@code cwmp.auth.*})
 * @param periodic  the periodic inform spread ({@code periodic.*})
 */
public record AcsConfig(ServerSettings server, CwmpSettings cwmp, SessionPolicy session, StoreSettings store,
                        EmbeddedStoreSettings embedded, CacheSettings cache, CassandraSettings cassandra,
                        ApiSettings api, ProfileSettings profiles,
                        StunSettings stun, FilesSettings files,
                        ConnectionRequestSettings connreq, CpeAuthSettings cpeAuth,
                        PeriodicSettings periodic) {

    /** Every setting an ACS process accepts, module by module. */
    public static final List<Setting> SETTINGS = Setting.concat(CwmpSettings.SETTINGS, ServerSettings.SETTINGS,
            EmbeddedStoreSettings.SETTINGS, CacheSettings.SETTINGS, StoreSettings.SETTINGS, CassandraSettings.SETTINGS,
            SessionSettings.SETTINGS, ApiSettings.SETTINGS, ProfileSettings.SETTINGS,
            StunSettings.SETTINGS, FilesSettings.SETTINGS,
            ConnectionRequestSettings.SETTINGS, CpeAuthSettings.SETTINGS,
            PeriodicSettings.SETTINGS);

    /**
     * The data directory ({@code store.path}): the embedded store's files, and the operators' {@code admin-token}
     * whichever engine runs, so that the command line finds the token where {@code lodestar run} left it.
     */
    public java.nio.file.Path dataDirectory() {
        return embedded.path();
    }

    /**
     * Reads every module's record.
     *
     * @throws ConfigException naming the setting that cannot be used
     */
    public static AcsConfig from(SettingsReader s) {
        try {
            AcsConfig config = new AcsConfig(ServerSettings.from(s), CwmpSettings.from(s), SessionSettings.from(s),
                    StoreSettings.from(s), EmbeddedStoreSettings.from(s), CacheSettings.from(s),
                    CassandraSettings.from(s), ApiSettings.from(s), ProfileSettings.from(s),
                    StunSettings.from(s), FilesSettings.from(s),
                    ConnectionRequestSettings.from(s), CpeAuthSettings.from(s),
                    PeriodicSettings.from(s));
            if (config.server().isCassandra() && config.cassandra().contactPoints().isEmpty()) {
                throw new ConfigException("setting 'store.cassandra.contact-points' is needed with store.type=cassandra");
            }
            return config;
        } catch (ConfigException e) {
            throw e;
        } catch (SettingsException e) {
            throw new ConfigException(e);
        }
    }
}
