package io.lodestar.acs.server.config;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;

import java.util.List;
import java.util.Optional;

/**
 * The composition root's own settings: which store engine runs, and who this node is in a cluster.
 *
 * @param storeType {@code embedded} or {@code cassandra} ({@code store.type})
 * @param nodeId    this node's identity in session leases ({@code cluster.node-id}); empty: one made up at start
 */
public record ServerSettings(String storeType, Optional<String> nodeId) {

    public static final String EMBEDDED = "embedded";
    public static final String CASSANDRA = "cassandra";

    public static final List<Setting> SETTINGS = List.of(
            new Setting("store.type", EMBEDDED,
                    "embedded (RocksDB, one process) or cassandra (several ACS nodes on one cluster)"),
            new Setting("cluster.node-id", "",
                    "this node's identity in session leases (empty: host name, process id and a random part)"));

    public static ServerSettings from(SettingsReader s) {
        String type = s.string("store.type");
        if (!type.equals(EMBEDDED) && !type.equals(CASSANDRA)) {
            throw new SettingsException("store.type",
                    "setting 'store.type' must be 'embedded' or 'cassandra', not '" + type + "'");
        }
        String nodeId = s.string("cluster.node-id");
        return new ServerSettings(type, nodeId.isBlank() ? Optional.empty() : Optional.of(nodeId));
    }

    public boolean isCassandra() {
        return storeType.equals(CASSANDRA);
    }
}
