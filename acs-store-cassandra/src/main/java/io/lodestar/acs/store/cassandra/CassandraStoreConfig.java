package io.lodestar.acs.store.cassandra;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where and how {@link CassandraAcsStore} reaches Cassandra. The server's settings ({@link CassandraSettings})
 * map onto it one to one:
 *
 * <pre>
 * store.type=cassandra
 * store.cassandra.contact-points=10.0.0.11:9042,10.0.0.12:9042   # contactPoints (port 9042 when left out)
 * store.cassandra.local-datacenter=dc1                           # localDatacenter
 * store.cassandra.keyspace=lodestar                              # keyspace
 * store.cassandra.replication={'class':'NetworkTopologyStrategy','dc1':3}   # replication, see parseReplication
 * store.cassandra.consistency=LOCAL_QUORUM                       # consistency
 * store.cassandra.serial-consistency=LOCAL_SERIAL                # serialConsistency (leases)
 * store.cassandra.request-timeout=5s                             # requestTimeout
 * store.cassandra.index-verify-interval=24h                      # indexVerifyInterval (0s: off)
 * </pre>
 *
 * @param contactPoints     {@code host:port} (or {@code host}, port 9042) of some nodes of the local datacenter;
 *                          the driver discovers the others
 * @param localDatacenter   the datacenter this ACS node is in: requests go to its replicas
 * @param keyspace          the keyspace of every table; created (with {@code replication}) when missing
 * @param replication       the keyspace's replication, used only to create it, e.g.
 *                          {@code {class=SimpleStrategy, replication_factor=1}} for one node or
 *                          {@code {class=NetworkTopologyStrategy, dc1=3, dc2=3}} for a cluster
 * @param consistency       the consistency of every read and write: {@code LOCAL_QUORUM} (the default, which
 *                          makes every read see every acknowledged write), {@code QUORUM}, {@code EACH_QUORUM}
 *                          or, on a single node, {@code LOCAL_ONE} / {@code ONE}
 * @param serialConsistency the consistency of the lightweight transactions (session leases, migrations):
 *                          {@code LOCAL_SERIAL} (default) or {@code SERIAL}
 * @param requestTimeout    how long one request may take before the store reports itself unavailable
 * @param indexVerifyInterval how often one node of the cluster walks every device and corrects the indexed
 *                          parameters' entries ({@link IndexVerifier}); {@link Duration#ZERO} turns it off
 * @param indexVerifyPause  the pause of such a pass after each page of devices (zero: none), which spreads a pass
 *                          over time
 * @param leaseMode         how the session leases are kept ({@link LeaseMode}): quorum claims (default) or
 *                          lightweight transactions
 */
public record CassandraStoreConfig(List<String> contactPoints, String localDatacenter, String keyspace,
                                   Map<String, String> replication, String consistency, String serialConsistency,
                                   Duration requestTimeout, Duration indexVerifyInterval, Duration indexVerifyPause,
                                   LeaseMode leaseMode) {

    /**
     * How the session leases are kept ({@code store.cassandra.session-leases}); see docs/cassandra-store.md,
     * "Session leases".
     */
    public enum LeaseMode {
        /** Two lightweight transactions (Paxos) per session: {@code INSERT IF NOT EXISTS}, {@code DELETE IF}. */
        LWT("lwt"),
        /**
         * Quorum claims without Paxos: a claim per (device, node) written with a TTL, then the device's claims read
         * back; a node proceeds only when it finds no other node's live claim. The claims are cells of the device's
         * {@code devices} row (V015), so the read back is the read that opens the session: one write per session
         * for the lease (its release rides in the session's commit).
         */
        QUORUM("quorum"),
        /**
         * The same quorum claims as rows of the table {@code session_claims} (the layout before V015): one write
         * and one read to take. For a rolling upgrade from a version that ran {@code quorum} (its nodes claim
         * there); switch to {@code quorum} with every node stopped.
         */
        QUORUM_TABLE("quorum-table");

        private final String setting;

        LeaseMode(String setting) {
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }

        public static LeaseMode parse(String text) {
            for (LeaseMode m : values()) {
                if (m.setting.equalsIgnoreCase(text.strip())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("store.cassandra.session-leases: quorum, quorum-table or lwt, not "
                    + text);
        }
    }

    /**
     * The lease mode when none is named: quorum claims (no Paxos on the session path). Of two nodes racing for one
     * device the one with the earlier claim waits for the other to withdraw, so one of them is served (see
     * {@link QuorumClaims}). A cluster running {@code lwt} keeps naming it during a rolling upgrade (the two modes
     * do not see each other's leases) and switches with every node stopped.
     */
    public static final LeaseMode DEFAULT_LEASE_MODE = LeaseMode.QUORUM;

    public static final String DEFAULT_KEYSPACE = "lodestar";
    public static final int DEFAULT_PORT = 9042;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_INDEX_VERIFY_INTERVAL = Duration.ofHours(24);
    public static final Duration DEFAULT_INDEX_VERIFY_PAUSE = Duration.ofMillis(100);

    private static final Pattern KEYSPACE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");
    private static final Set<String> CONSISTENCIES =
            Set.of("LOCAL_QUORUM", "QUORUM", "EACH_QUORUM", "ALL", "LOCAL_ONE", "ONE", "TWO", "THREE");
    private static final Set<String> SERIALS = Set.of("LOCAL_SERIAL", "SERIAL");

    public CassandraStoreConfig {
        contactPoints = List.copyOf(contactPoints);
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("store.cassandra.contact-points: at least one host:port");
        }
        contactPoints.forEach(CassandraStoreConfig::address);
        Objects.requireNonNull(localDatacenter, "store.cassandra.local-datacenter");
        if (localDatacenter.isBlank()) {
            throw new IllegalArgumentException("store.cassandra.local-datacenter must not be empty");
        }
        if (keyspace == null || !KEYSPACE.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("store.cassandra.keyspace: a letter, then up to 47 letters, digits "
                    + "or '_', not " + keyspace);
        }
        replication = Map.copyOf(replication);
        if (!replication.containsKey("class")) {
            throw new IllegalArgumentException("store.cassandra.replication needs a 'class': " + replication);
        }
        consistency = consistency.toUpperCase(Locale.ROOT);
        if (!CONSISTENCIES.contains(consistency)) {
            throw new IllegalArgumentException("store.cassandra.consistency: one of " + CONSISTENCIES + ", not "
                    + consistency);
        }
        serialConsistency = serialConsistency.toUpperCase(Locale.ROOT);
        if (!SERIALS.contains(serialConsistency)) {
            throw new IllegalArgumentException("store.cassandra.serial-consistency: LOCAL_SERIAL or SERIAL, not "
                    + serialConsistency);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("store.cassandra.request-timeout must be positive");
        }
        Objects.requireNonNull(indexVerifyInterval, "store.cassandra.index-verify-interval");
        if (indexVerifyInterval.isNegative()) {
            throw new IllegalArgumentException("store.cassandra.index-verify-interval must not be negative (0s: off)");
        }
        Objects.requireNonNull(indexVerifyPause, "indexVerifyPause");
        if (indexVerifyPause.isNegative()) {
            throw new IllegalArgumentException("the index verification's pause must not be negative");
        }
        Objects.requireNonNull(leaseMode, "store.cassandra.session-leases");
    }

    /** The settings without the lease mode, which takes its default ({@link #DEFAULT_LEASE_MODE}). */
    public CassandraStoreConfig(List<String> contactPoints, String localDatacenter, String keyspace,
                                Map<String, String> replication, String consistency, String serialConsistency,
                                Duration requestTimeout, Duration indexVerifyInterval, Duration indexVerifyPause) {
        this(contactPoints, localDatacenter, keyspace, replication, consistency, serialConsistency, requestTimeout,
                indexVerifyInterval, indexVerifyPause, DEFAULT_LEASE_MODE);
    }

    /** The settings without those of the index verification, which take their defaults (24 h, 100 ms). */
    public CassandraStoreConfig(List<String> contactPoints, String localDatacenter, String keyspace,
                                Map<String, String> replication, String consistency, String serialConsistency,
                                Duration requestTimeout) {
        this(contactPoints, localDatacenter, keyspace, replication, consistency, serialConsistency, requestTimeout,
                DEFAULT_INDEX_VERIFY_INTERVAL, DEFAULT_INDEX_VERIFY_PAUSE);
    }

    /**
     * Defaults for everything but where the cluster is: keyspace {@value #DEFAULT_KEYSPACE}, SimpleStrategy
     * with one replica (a single node; a cluster wants NetworkTopologyStrategy), LOCAL_QUORUM, LOCAL_SERIAL,
     * 5 s requests, the index verified every 24 h with a pause of 100 ms after each page.
     */
    public static CassandraStoreConfig of(List<String> contactPoints, String localDatacenter) {
        return new CassandraStoreConfig(contactPoints, localDatacenter, DEFAULT_KEYSPACE, simpleStrategy(1),
                "LOCAL_QUORUM", "LOCAL_SERIAL", DEFAULT_REQUEST_TIMEOUT);
    }

    public CassandraStoreConfig withKeyspace(String value) {
        return new CassandraStoreConfig(contactPoints, localDatacenter, value, replication, consistency,
                serialConsistency, requestTimeout, indexVerifyInterval, indexVerifyPause, leaseMode);
    }

    public CassandraStoreConfig withReplication(Map<String, String> value) {
        return new CassandraStoreConfig(contactPoints, localDatacenter, keyspace, value, consistency,
                serialConsistency, requestTimeout, indexVerifyInterval, indexVerifyPause, leaseMode);
    }

    public CassandraStoreConfig withConsistency(String value) {
        return new CassandraStoreConfig(contactPoints, localDatacenter, keyspace, replication, value,
                serialConsistency, requestTimeout, indexVerifyInterval, indexVerifyPause, leaseMode);
    }

    public CassandraStoreConfig withSerialConsistency(String value) {
        return new CassandraStoreConfig(contactPoints, localDatacenter, keyspace, replication, consistency,
                value, requestTimeout, indexVerifyInterval, indexVerifyPause, leaseMode);
    }

    public CassandraStoreConfig withRequestTimeout(Duration value) {
        return new CassandraStoreConfig(contactPoints, localDatacenter, keyspace, replication, consistency,
                serialConsistency, value, indexVerifyInterval, indexVerifyPause, leaseMode);
    }

    /** How often the indexed parameters' entries are verified; {@link Duration#ZERO} turns it off. */
    public CassandraStoreConfig withIndexVerifyInterval(Duration value) {
        return new CassandraStoreConfig(contactPoints, localDatacenter, keyspace, replication, consistency,
                serialConsistency, requestTimeout, value, indexVerifyPause, leaseMode);
    }

    /** The pause of an index verification pass after each page of devices. */
    public CassandraStoreConfig withIndexVerifyPause(Duration value) {
        return new CassandraStoreConfig(contactPoints, localDatacenter, keyspace, replication, consistency,
                serialConsistency, requestTimeout, indexVerifyInterval, value, leaseMode);
    }

    /** How the session leases are kept. */
    public CassandraStoreConfig withLeaseMode(LeaseMode value) {
        return new CassandraStoreConfig(contactPoints, localDatacenter, keyspace, replication, consistency,
                serialConsistency, requestTimeout, indexVerifyInterval, indexVerifyPause, value);
    }

    /** {@code {class=SimpleStrategy, replication_factor=n}}: one datacenter, for a single node or a lab. */
    public static Map<String, String> simpleStrategy(int replicationFactor) {
        return Map.of("class", "SimpleStrategy", "replication_factor", Integer.toString(replicationFactor));
    }

    /** {@code {class=NetworkTopologyStrategy, dc=n, ...}}: the replication for a production cluster. */
    public static Map<String, String> networkTopologyStrategy(Map<String, Integer> replicasPerDatacenter) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("class", "NetworkTopologyStrategy");
        replicasPerDatacenter.forEach((dc, n) -> m.put(dc, Integer.toString(n)));
        return m;
    }

    /**
     * Parses {@code store.cassandra.replication}: a CQL map literal as in {@code CREATE KEYSPACE}
     * ({@code {'class':'NetworkTopologyStrategy','dc1':3}}) or the same pairs without braces and quotes
     * ({@code class=NetworkTopologyStrategy,dc1=3}).
     */
    public static Map<String, String> parseReplication(String text) {
        String s = text.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : s.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int sep = indexOfSeparator(pair);
            if (sep < 0) {
                throw new IllegalArgumentException("store.cassandra.replication: not key:value or key=value: " + pair);
            }
            m.put(unquote(pair.substring(0, sep)), unquote(pair.substring(sep + 1)));
        }
        if (!m.containsKey("class")) {
            throw new IllegalArgumentException("store.cassandra.replication needs a class: " + text);
        }
        return m;
    }

    private static int indexOfSeparator(String pair) {
        int colon = pair.indexOf(':');
        int equals = pair.indexOf('=');
        if (colon < 0) {
            return equals;
        }
        return equals < 0 ? colon : Math.min(colon, equals);
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""))) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    /**
     * The contact points as resolved socket addresses. (Given unresolved, the driver would keep the name as a
     * node of its own beside the address the node reports, and count one node twice.)
     */
    List<InetSocketAddress> addresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String c : contactPoints) {
            InetSocketAddress a = address(c);
            out.add(new InetSocketAddress(a.getHostString(), a.getPort()));
        }
        return out;
    }

    private static InetSocketAddress address(String hostPort) {
        String s = hostPort.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("store.cassandra.contact-points: empty entry");
        }
        String host = s;
        int port = DEFAULT_PORT;
        if (s.startsWith("[")) { // [::1]:9042
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("store.cassandra.contact-points: bad address " + s);
            }
            host = s.substring(1, end);
            if (end + 1 < s.length()) {
                port = port(s.substring(end + 1).replaceFirst("^:", ""), s);
            }
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), s);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static int port(String text, String whole) {
        try {
            int p = Integer.parseInt(text);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("store.cassandra.contact-points: bad port in " + whole);
        }
    }

    /** The replication as a CQL map literal, for CREATE KEYSPACE. */
    String replicationCql() {
        StringBuilder b = new StringBuilder("{");
        replication.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append('\'').append(e.getKey().replace("'", "''")).append("': '")
                    .append(e.getValue().replace("'", "''")).append('\'');
        });
        return b.append('}').toString();
    }
}
