package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.LearnedUdpBinding;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.DeviceQuery;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.OperationHistory;
import io.lodestar.acs.store.SessionStart;
import io.lodestar.acs.store.StoreUnavailableException;
import io.lodestar.acs.store.TokenStore;
import io.lodestar.acs.store.ConnectionRequestStore;
import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.SealedCredentials;
import io.lodestar.acs.store.CpeCredentialStore;
import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The store on Apache Cassandra 5 (see {@code docs/cassandra-store.md} for the schema and the reasons).
 *
 * <p><b>Atomic commits without multi-partition batches.</b> Everything a device owns (summary, parameters,
 * tasks, operations, informs, faults) lives in tables partitioned by {@code device_id}, so one session's changes are one
 * unlogged batch of statements that all share one partition key: Cassandra turns it into a single mutation
 * per replica, written to the commit log as one entry and applied whole or not at all. Readers never see half
 * a session, and there is no journal to replay. Deletes and the upserts after them carry explicit, increasing
 * write timestamps (deletes at {@code t}, everything else at {@code t + 1}), so an upsert under a subtree
 * deleted in the same commit survives, and committing the same changes again leaves the same result.
 *
 * <p>Two things live outside the device's partition and follow it: {@code tasks_by_id} (written before the
 * batch: an entry whose task never got written is harmless, {@link #findTask} then finds nothing) and
 * {@code device_index} (written after it; the batch sets {@code devices.index_pending}, which is cleared once
 * the index is written, so a crash in between is repaired by the next read of the device). The index row also
 * holds the indexed parameters' values ({@link ParameterIndexEntries}); searches by them confirm every candidate
 * against {@code parameters}, so an entry that lags never makes a device match.
 *
 * <p><b>Timestamps.</b> Every write names its timestamp ({@link WriteClock}), above the write times stored for
 * the device when the write reads the device first, so operations on one device order as they happened even
 * across ACS nodes whose clocks differ a little. Only the session leases in {@code lwt} mode and the API tokens
 * use lightweight transactions (tables of their own, written by LWTs alone: {@link TokenTable}); device data never
 * mixes Paxos timestamps with client timestamps. The default session leases are quorum claims without Paxos
 * ({@link QuorumClaims}, {@link CassandraStoreConfig.LeaseMode}).
 *
 * <p>Concurrency: methods may be called from any thread; writes that read first (commit, register, setTags,
 * cancelTask, deleteDevice, addTask) hold a per-device lock within this process; across ACS nodes, one
 * session per device is the leases' job. Every driver failure that means "not now" becomes
 * {@link StoreUnavailableException}; the driver reconnects by itself when nodes come back.
 */
public final class CassandraAcsStore implements AcsStore, TokenStore, ConnectionRequestStore,
        CpeCredentialStore, io.lodestar.acs.store.ProfileStore {

    /** How many Informs the store keeps per device. */
    public static final int INFORM_HISTORY = 50;
    /** One commit with an inform in this many (on average) prunes the history, see {@link #prunesInforms}. */
    static final int INFORM_PRUNE_ONE_IN = 16;
    /** How many faults the store keeps per device. */
    public static final int FAULT_HISTORY = 100;
    /** Cassandra's limit of statements in one batch (the protocol counts them in an unsigned short). */
    static final int MAX_BATCH = 65_535;

    private static final Logger LOG = LoggerFactory.getLogger(CassandraAcsStore.class);
    private static final int STRIPES = 1024;
    /** How many requests one call sends at once (the driver's connections take 1024 each by default). */
    private static final int IN_FLIGHT = 128;
    private static final int SNAPSHOT_ATTEMPTS = 5;
    private static final long NONE = StoredDevice.NONE;

    private final CqlSession session;
    private final CassandraStoreConfig config;
    private final Statements st;
    private final DeviceIndex index;
    private final ParameterIndexEntries parameterIndex;
    private final ParameterRows parameterRows;
    private final Histories histories;
    private final Leases leases;
    /** The session leases as quorum claims; null when they are lightweight transactions. */
    private final QuorumClaims claims;
    private final TokenTable tokenTable;
    private final ConnectionRequestTable connectionRequests;
    private final CpeCredentialTable cpeCredentialTable;
    private final ProfileTables profileTables;
    /** Node-local copies of parameter trees, validated by the summary's write time ({@link SnapshotCache}). */
    private final SnapshotCache snapshots;
    private final Lock[] stripes = new Lock[STRIPES];
    /** The periodic verification of the indexed parameters' entries; null when off (or opened without a list). */
    private volatile IndexVerifier verifier;
    private volatile boolean closed;
    /** For tests: where a commit can be made to fail, as a crash would. */
    volatile CommitHook hook = CommitHook.NONE;

    private CassandraAcsStore(CqlSession session, CassandraStoreConfig config, IndexedParameters indexed,
                              long snapshotCacheParameters) {
        this.session = session;
        this.snapshots = new SnapshotCache(snapshotCacheParameters);
        this.config = config;
        this.st = new Statements(session, config.keyspace());
        this.index = new DeviceIndex(session, config.keyspace(), st);
        this.parameterIndex = new ParameterIndexEntries(session, st, indexed, IN_FLIGHT);
        this.parameterRows = new ParameterRows(st);
        this.histories = new Histories(st);
        this.leases = new Leases(session, st);
        this.claims = switch (config.leaseMode()) {
            case QUORUM -> new QuorumClaims(session, st, QuorumClaims.Layout.DEVICE_ROW, config.serialConsistency());
            case QUORUM_TABLE -> new QuorumClaims(session, st, QuorumClaims.Layout.TABLE, config.serialConsistency());
            case LWT -> null;
        };
        this.tokenTable = new TokenTable(session, config.keyspace());
        this.connectionRequests = new ConnectionRequestTable(session, config.keyspace());
        this.cpeCredentialTable = new CpeCredentialTable(session, config.keyspace());
        this.profileTables = new ProfileTables(session, config.keyspace());
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** {@link #open(CassandraStoreConfig, IndexedParameters)} without indexed parameters. */
    public static CassandraAcsStore open(CassandraStoreConfig config) {
        return open(config, IndexedParameters.NONE);
    }

    /**
     * Connects to the cluster, creates the keyspace if it is missing, applies the schema migrations this
     * version ships ({@link CassandraMigrations}), prepares every statement, and makes the device index
     * complete for {@code indexed}: paths the keyspace's index does not cover yet (recorded in
     * {@code store_settings}) are indexed for every stored device before this returns (logged at INFO; it
     * reads each device's summary and those parameters, about two reads per device). Then, in the background,
     * the entries of every indexed path are verified every {@link CassandraStoreConfig#indexVerifyInterval} by one
     * node of the cluster ({@link IndexVerifier}; the first pass an interval after the last one recorded, never at
     * open).
     *
     * @param indexed the parameters devices can be searched by; every ACS node of the keyspace should be given
     *                the same list. Null keeps the list the keyspace records (what a tool that reads or changes
     *                the store beside the ACS nodes wants: it never backfills nor drops a path, nor verifies)
     * @throws StoreUnavailableException when no contact point answers
     */
    public static CassandraAcsStore open(CassandraStoreConfig config, IndexedParameters indexed) {
        return open(config, indexed, false);
    }

    /** For tests: {@code holdVerifier} opens the store with its verifier held (see {@link IndexVerifier#resume}). */
    static CassandraAcsStore open(CassandraStoreConfig config, IndexedParameters indexed, boolean holdVerifier) {
        return open(config, indexed, holdVerifier, SnapshotCache.DEFAULT_MAX_PARAMETERS);
    }

    /** For tests and the cost benchmark: a snapshot cache of this many parameters (0: none). */
    static CassandraAcsStore open(CassandraStoreConfig config, IndexedParameters indexed, long snapshotCacheParameters) {
        return open(config, indexed, false, snapshotCacheParameters);
    }

    private static CassandraAcsStore open(CassandraStoreConfig config, IndexedParameters indexed, boolean holdVerifier,
                                          long snapshotCacheParameters) {
        CqlSession session;
        try {
            session = CqlSession.builder()
                    .withConfigLoader(driverConfig(config))
                    .addContactPoints(config.addresses())
                    .withLocalDatacenter(config.localDatacenter())
                    .build();
        } catch (RuntimeException e) {
            throw StoreErrors.translate(e, "connecting to " + config.contactPoints());
        }
        try {
            List<Integer> applied = CassandraMigrations.apply(session, config);
            if (!applied.isEmpty()) {
                LOG.info("keyspace {}: applied schema migrations {}", config.keyspace(), applied);
            }
            if (indexed == null) {
                return preparedOnEveryNode(session, () -> new CassandraAcsStore(session, config,
                        ParameterIndexEntries.recorded(session, config.keyspace()), snapshotCacheParameters));
            }
            CassandraAcsStore store = preparedOnEveryNode(session,
                    () -> new CassandraAcsStore(session, config, indexed, snapshotCacheParameters));
            store.parameterIndex.catchUp(config.keyspace());
            store.verifier = IndexVerifier.start(session, store.st, store.parameterIndex, config.keyspace(),
                    config.indexVerifyInterval(), config.indexVerifyPause(), holdVerifier);
            return store;
        } catch (RuntimeException e) {
            session.close();
            throw StoreErrors.translate(e, "opening keyspace " + config.keyspace());
        }
    }

    /** How long {@link #preparedOnEveryNode} waits for a node that has not seen the migrations' tables yet. */
    private static final Duration SCHEMA_SPREAD = Duration.ofSeconds(60);
    /** For tests: how many times stores of this JVM prepared their statements again for a node behind. */
    static final java.util.concurrent.atomic.AtomicInteger PREPARED_AGAIN = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Builds the store (which prepares every statement), again while a node answers that a table of the migrations
     * does not exist. The migrations wait for schema agreement, but the driver judges agreement among the nodes it
     * knows to be up: on a cluster whose nodes have just started (seen once on a loaded local three-node cluster,
     * "table session_claims does not exist"), a node the driver discovers afterwards can still lack the newest
     * table when the statements are prepared on it. Such a node receives the schema within seconds.
     */
    private static CassandraAcsStore preparedOnEveryNode(CqlSession session,
                                                         java.util.function.Supplier<CassandraAcsStore> build) {
        long deadline = System.nanoTime() + SCHEMA_SPREAD.toNanos();
        long pause = 100;
        while (true) {
            try {
                return build.get();
            } catch (RuntimeException e) {
                String message = String.valueOf(e.getMessage());
                if (!schemaBehind(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LOG.info("a Cassandra node has not seen the schema yet ({}); preparing again", message);
                PREPARED_AGAIN.incrementAndGet();
                session.checkSchemaAgreement(); // also refreshes the driver's view of the nodes
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(pause).toNanos());
                pause = Math.min(pause * 2, 2000);
            }
        }
    }

    /**
     * Whether a failure to prepare says that a node does not have the schema yet: a table or column of the
     * migrations it lacks, or a table it is still creating ("Unknown CF": the table's id is in the schema, its store
     * not yet open), directly or as one node's error among all that were tried.
     */
    private static boolean schemaBehind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("does not exist") || message.contains("unconfigured table")
                    || message.contains("Undefined column name") || message.contains("Unknown CF")) {
                return true;
            }
            if (t instanceof com.datastax.oss.driver.api.core.AllNodesFailedException all) {
                for (List<Throwable> errors : all.getAllErrors().values()) {
                    for (Throwable one : errors) {
                        if (one != t && schemaBehind(one)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** The driver's settings: the request timeout everywhere, reconnection within 10 s, quick shutdown. */
    static DriverConfigLoader driverConfig(CassandraStoreConfig config) {
        Duration timeout = config.requestTimeout();
        return DriverConfigLoader.programmaticBuilder()
                .withString(DefaultDriverOption.SESSION_NAME, "lodestar-store")
                // a closed store's session ends in the background (see close()): reopening overlaps briefly
                .withInt(DefaultDriverOption.SESSION_LEAK_THRESHOLD, 16)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, config.consistency())
                .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, config.serialConsistency())
                .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, false)
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                // schema metadata (for token-aware routing) of our keyspace only; a DDL waits for its refresh,
                // which the driver debounces by a 1 s window unless told otherwise: migrations would crawl
                .withStringList(DefaultDriverOption.METADATA_SCHEMA_REFRESHED_KEYSPACES, List.of(config.keyspace()))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(50))
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofSeconds(1))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(10))
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_TIMEOUT, 2)
                // not 0: the driver's close task would end the admin executor before the driver listens to it
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 1)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_TIMEOUT, 3)
                .build();
    }

    static ConsistencyLevel level(String name) {
        return DefaultConsistencyLevel.valueOf(name);
    }

    /** For tests: the index verifier, null when none runs. */
    IndexVerifier verifier() {
        return verifier;
    }

    /** The settings this store was opened with. */
    public CassandraStoreConfig config() {
        return config;
    }

    /** The driver session, for the concerns kept beside this store in its keyspace ({@link CassandraFileStore}). */
    CqlSession session() {
        return session;
    }

    // ---- device store -----------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>The summary, then the parameters with their partition's commit marker ({@code commit_at}, V013: the
     * write time of the summary of the commit that last wrote them, written in the same mutation). They belong
     * together only when the marker is the summary's write time: Cassandra applies a mutation's tables one after
     * the other, so a reader can see a commit's summary before its parameters, and a commit landing between the
     * two reads moves the summary on; otherwise the reads are repeated, so the snapshot never pairs one session's
     * summary with another's parameters. A device not committed since V013 has no marker: then the summary's write
     * time is read again after the parameters, and the reads are repeated if it moved. A device committed
     * without pause through {@value #SNAPSHOT_ATTEMPTS} attempts is refused as unavailable rather than served
     * torn: a caller retries later (a CPE is answered 503 with Retry-After). In service this does not happen, as
     * a device's sessions are leased to one node and one at a time.
     */
    @Override
    public Optional<DeviceSnapshot> loadSnapshot(DeviceId id) {
        return run("loadSnapshot", () -> readSnapshot(id).snapshot());
    }

    /** A snapshot with the {@code devices} row it was read under, whose markers say what else there is to read. */
    private record SnapshotRead(StoredDevice row, Optional<DeviceSnapshot> snapshot) {}

    /** {@link #loadSnapshot}'s reads, see there. */
    private SnapshotRead readSnapshot(DeviceId id) {
        return readSnapshot(id, null);
    }

    /** The snapshot; {@code first}, when given, is the device's row as just read, for the first attempt. */
    private SnapshotRead readSnapshot(DeviceId id, StoredDevice first) {
        for (int attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
            StoredDevice stored = attempt == 0 && first != null ? first : readDevice(id);
            if (stored.device() == null) {
                snapshots.remove(id.value());
                return new SnapshotRead(stored, Optional.empty()); // its markers: tasks queued ahead of it
            }
            // the parameters this node holds for the summary's write time read now are the stored ones
            ParameterTree cached = snapshots.get(id.value(), stored.summaryTimestamp());
            if (cached != null) {
                repairIndex(stored);
                return new SnapshotRead(stored, Optional.of(new DeviceSnapshot(stored.device(), cached)));
            }
            List<Row> rows = Async.join(Async.rows(execute(st.selectParametersWithMarker.bind(id.value()))));
            Map<String, Parameter> params = new HashMap<>(rows.size() * 2);
            long marker = NONE;
            for (Row r : rows) {
                marker = r.isNull(10) ? NONE : r.getLong(10);
                if (!r.isNull(0)) { // else a partition holding only its marker
                    Parameter p = ParameterRows.read(r);
                    params.put(p.path(), p);
                }
            }
            boolean whole;
            StoredDevice current = stored;
            if (marker != NONE) {
                // the parameters carry the commit they belong to: they go with this summary only if it is that
                // commit's (a mutation's tables are applied one after the other: the devices row can be ahead)
                whole = marker == stored.summaryTimestamp();
            } else {
                // not committed since the marker exists: no commit landed if the summary did not change
                current = readDevice(id);
                whole = current.summaryTimestamp() == stored.summaryTimestamp();
            }
            if (whole) {
                ParameterTree tree = ParameterTree.of(params);
                snapshots.loaded(id.value(), stored.summaryTimestamp(), tree);
                repairIndex(current);
                return new SnapshotRead(stored, Optional.of(new DeviceSnapshot(stored.device(), tree)));
            }
        }
        throw new StoreUnavailableException("device " + id + " was written during each of " + SNAPSHOT_ATTEMPTS
                + " attempts to read it whole", null);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The snapshot's reads, whose {@code devices} row carries the markers of pending work (V014): when they say
     * the device has no pending task ({@code pending_tasks} empty, {@code tasks_tracked} set) the queue is not read,
     * and when they say it has no operation ({@code has_operations} unset, {@code operations_tracked} written with
     * the summary's write time) neither is the operations partition. So a periodic session of a device without
     * pending work opens with that one read (the snapshot cache holding its tree). The tasks and operations answer
     * as of that row's read, a fraction of a millisecond before they would have been read: a task queued in between
     * is one queued right after the queue's read, its id stays in the marker and the device's next session gets it.
     *
     * <p>When the queue is read, the marker is brought in line with it (each pending task's id added, each final
     * task's removed, at the task row's own write time, so that a later write of the task wins; then
     * {@code tasks_tracked}); when the operations partition is read and found empty under an untracked summary,
     * {@code operations_tracked} is written with that summary's write time, counting only as long as no commit moves
     * the summary on. {@link #pendingTasks} and {@link #operations} called on their own always read. See
     * docs/cassandra-store.md, "Pending work in the devices row".
     */
    @Override
    public SessionStart loadSessionStart(DeviceId id) {
        return run("loadSessionStart", () -> sessionStart(id, null));
    }

    private SessionStart sessionStart(DeviceId id, StoredDevice first) {
        SnapshotRead read = readSnapshot(id, first);
        StoredDevice row = read.row();
        List<Task> tasks = row.noPendingTasks() ? List.of() : pendingAndTracked(id, row);
        List<Operation> operations = read.snapshot().isEmpty() || row.noOperations() ? List.of()
                : operationsAndTracked(id, row);
        return new SessionStart(read.snapshot(), tasks, operations);
    }

    /**
     * {@inheritDoc}
     *
     * <p>With quorum claims in the {@code devices} row (the default), the read that follows the claim's write is the
     * device's row at the claims' quorum: it shows the other nodes' claims and opens the session, one read fewer per
     * session than a lease and then the reads. When it shows a racer's claim and this node waits for it to withdraw,
     * the device is read again after (the racer may have run a session meanwhile); so it is with the claims in their
     * own table ({@code quorum-table}), whose read returns no device row. With {@code lwt} leases, as the default.
     */
    @Override
    public Optional<SessionStart> acquireLeaseAndLoadSessionStart(DeviceId id, String owner, Duration ttl) {
        if (claims == null) {
            return AcsStore.super.acquireLeaseAndLoadSessionStart(id, owner, ttl);
        }
        return run("acquireLeaseAndLoadSessionStart", () -> {
            QuorumClaims.Taken taken = claims.acquire(id, owner, ttl, true);
            if (!taken.held()) {
                return Optional.<SessionStart>empty();
            }
            try {
                return Optional.of(sessionStart(id, taken.deviceRow() == null ? null
                        : StoredDevice.of(taken.deviceRow())));
            } catch (RuntimeException e) {
                try {
                    claims.release(id, owner);
                } catch (RuntimeException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<Device> findDevice(DeviceId id) {
        return run("findDevice", () -> {
            StoredDevice stored = readDevice(id);
            repairIndex(stored);
            return Optional.ofNullable(stored.device());
        });
    }

    @Override
    public List<Device> listDevices(DeviceId after, int limit) {
        return findDevices(DeviceQuery.ALL, after, limit);
    }

    /**
     * Reads candidates from {@code device_index} (merged from its shards, in id order), then their summaries
     * and, for parameter criteria, the values of those parameters in {@code parameters} (in parallel), and
     * keeps those the query matches; repeats from the last candidate until the page is full or no shard has
     * more. An index entry that lags never makes a device match.
     */
    @Override
    public List<Device> findDevices(DeviceQuery query, DeviceId after, int limit) {
        Objects.requireNonNull(query, "query");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        parameterIndex.indexed().requireIndexed(query);
        List<String> paths = List.copyOf(query.parameters().keySet());
        return run("findDevices", () -> {
            List<Device> page = new ArrayList<>(Math.min(limit, 1024));
            String cursor = after == null ? null : after.value();
            while (page.size() < limit) {
                DeviceIndex.Candidates c = index.candidates(query, cursor, limit - page.size());
                if (c.ids().isEmpty()) {
                    break;
                }
                int per = paths.isEmpty() ? 1 : 2;
                List<Statement<?>> reads = new ArrayList<>(c.ids().size() * per);
                for (DeviceId id : c.ids()) {
                    reads.add(st.selectDevice.bind(id.value()));
                    if (!paths.isEmpty()) {
                        reads.add(parameterIndex.selectValues(id, paths));
                    }
                }
                List<AsyncResultSet> results = executeAll(reads);
                for (int i = 0; i < c.ids().size(); i++) {
                    StoredDevice stored = StoredDevice.of(results.get(i * per).one());
                    repairIndex(stored);
                    if (stored.device() == null || !query.matches(stored.device())) {
                        continue;
                    }
                    if (!paths.isEmpty()) {
                        Map<String, String> values = ParameterIndexEntries.values(results.get(i * per + 1).currentPage());
                        if (!query.matchesParameters(values::get)) {
                            continue;
                        }
                    }
                    page.add(stored.device());
                }
                cursor = c.ids().get(c.ids().size() - 1).value();
                if (c.exhausted()) {
                    break;
                }
            }
            return page;
        });
    }

    @Override
    public IndexedParameters indexedParameters() {
        return parameterIndex.indexed();
    }

    @Override
    public List<Parameter> parameters(DeviceId id, String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return run("parameters", () -> {
            BoundStatement bound;
            if (prefix.isEmpty()) {
                bound = st.selectParameters.bind(id.value());
            } else if (ParameterPaths.isObject(prefix)) {
                bound = st.selectParameterRange.bind(id.value(), prefix, ParameterRows.successor(prefix));
            } else {
                bound = st.selectParameter.bind(id.value(), prefix);
            }
            List<Parameter> out = new ArrayList<>();
            for (Row r : Async.join(Async.rows(execute(bound)))) {
                if (!r.isNull(0)) { // a partition holding only its commit marker has no parameter
                    out.add(ParameterRows.read(r));
                }
            }
            return out;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>A new device is written with the lowest timestamp above what is stored for its id, so that a session
     * committing the same device concurrently always wins over the registration instead of being overwritten
     * by it.
     */
    @Override
    public Device register(Device device) {
        ensureOpen();
        return locked(List.of(device.id()), "register", () -> {
            StoredDevice stored = readDevice(device.id());
            if (stored.device() != null) {
                repairIndex(stored);
                return stored.device();
            }
            long ts = Math.max(1, stored.maxTimestamp() + 1);
            Async.join(execute(st.insertSummaryAndTags.bind(device.id().value(), BlobCodec.encodeSummary(device),
                    Set.copyOf(device.tags()), ts)));
            Async.joinAll(List.of(execute(index.upsert(device, null, ts)),
                    execute(index.tags(device.id(), device.tags(), ts))));
            Async.join(execute(st.clearIndexPending.bind(ts, device.id().value())));
            return device;
        });
    }

    @Override
    public Optional<Device> setTags(DeviceId id, Set<String> tags) {
        ensureOpen();
        Set<String> copy = Set.copyOf(tags);
        return locked(List.of(id), "setTags", () -> {
            StoredDevice stored = readDevice(id);
            if (stored.device() == null) {
                return Optional.empty();
            }
            long ts = WriteClock.reserve(1, stored.maxTimestamp() + 1);
            Async.join(execute(st.updateTags.bind(ts, copy, id.value())));
            Device updated = stored.device().withTags(copy);
            // the summary's fields too, in case an earlier write left them behind (idempotent at their own time)
            List<Statement<?>> writes = new ArrayList<>();
            writes.add(index.upsert(updated, null, stored.summaryTimestamp()));
            writes.add(index.tags(id, copy, ts));
            if (stored.indexPending()) { // the flag is cleared below: the parameters' entries too
                writes.addAll(parameterIndex.repair(id, stored.summaryTimestamp()));
            }
            executeAll(writes);
            Async.join(execute(st.clearIndexPending.bind(ts, id.value())));
            return Optional.of(updated);
        });
    }

    @Override
    public boolean deleteDevice(DeviceId id) {
        ensureOpen();
        return locked(List.of(id), "deleteDevice", () -> {
            CompletionStage<AsyncResultSet> device = execute(st.selectDevice.bind(id.value()));
            CompletionStage<List<Row>> taskRows = Async.rows(execute(st.selectTaskIds.bind(id.value())));
            StoredDevice stored = StoredDevice.of(Async.join(device).one());
            List<Row> tasks = Async.join(taskRows);
            boolean known = stored.device() != null;
            if (!known && tasks.isEmpty()) {
                return false;
            }
            long ts = WriteClock.reserve(2, stored.maxTimestamp() + 1);
            String key = id.value();
            // one mutation: the whole device goes at once; the marker row keeps the deletion's time readable
            BatchStatement batch = batch(List.of(
                    st.deleteDevice.bind(ts, key),
                    st.markDeleted.bind(key, Instant.now(), ts + 1),
                    st.deleteParameters.bind(ts, key),
                    st.deleteTasks.bind(ts, key),
                    st.deleteOperations.bind(ts, key),
                    st.deleteInforms.bind(ts, key),
                    st.deleteFaults.bind(ts, key)));
            Async.join(execute(batch));
            snapshots.remove(key);
            List<Statement<?>> after = new ArrayList<>();
            after.add(index.delete(id, ts));
            for (Row t : tasks) {
                after.add(st.deleteTaskDevice.bind(ts, t.getString(0)));
            }
            executeAll(after);
            return known;
        });
    }

    @Override
    public List<InformRecord> informs(DeviceId id, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (limit == 0) {
            ensureOpen();
            return List.of();
        }
        return run("informs", () -> {
            List<InformRecord> out = new ArrayList<>();
            int n = Math.min(limit, INFORM_HISTORY);
            for (Row r : Async.join(Async.rows(execute(st.selectInforms.bind(id.value(), n))))) {
                out.add(histories.inform(id, r));
            }
            return out;
        });
    }

    @Override
    public List<DeviceFault> faults(DeviceId id, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (limit == 0) {
            ensureOpen();
            return List.of();
        }
        return run("faults", () -> {
            List<DeviceFault> out = new ArrayList<>();
            int n = Math.min(limit, FAULT_HISTORY);
            for (Row r : Async.join(Async.rows(execute(st.selectFaults.bind(id.value(), n))))) {
                out.add(histories.fault(id, r));
            }
            return out;
        });
    }

    // ---- task store -------------------------------------------------------------------------------------

    /** The task-id index first, then the task (ordered after what is stored for the device). */
    @Override
    public Task addTask(Task task) {
        ensureOpen();
        return locked(List.of(task.deviceId()), "addTask", () -> {
            long now = WriteClock.reserve(1);
            CompletionStage<AsyncResultSet> device = execute(st.selectDevice.bind(task.deviceId().value()));
            CompletionStage<AsyncResultSet> indexed = execute(taskDevice(task, now));
            StoredDevice stored = StoredDevice.of(Async.join(device).one());
            Async.join(indexed);
            long ts = Math.max(WriteClock.reserve(1), stored.maxTimestamp() + 1);
            // the task and its id in the device's marker: one mutation, one write time (see pendingTasks)
            List<BatchableStatement<?>> batch = new ArrayList<>();
            batch.add(taskRow(task, ts));
            batch.add(taskMarker(task, ts));
            Async.join(execute(batch(batch)));
            return task;
        });
    }

    @Override
    public Optional<Task> findTask(TaskId id) {
        return run("findTask", () -> {
            Row indexed = Async.join(execute(st.selectTaskDevice.bind(id.value()))).one();
            if (indexed == null) {
                return Optional.empty();
            }
            Row row = Async.join(execute(st.selectTask.bind(indexed.getString(0), id.value()))).one();
            return row == null ? Optional.empty() : Optional.of(BlobCodec.decodeTask(row.getByteBuffer(0)));
        });
    }

    @Override
    public List<Task> tasks(DeviceId deviceId) {
        return run("tasks", () -> queue(deviceId, false));
    }

    /** {@inheritDoc} Always reads the queue (the markers of pending work answer only {@link #loadSessionStart}). */
    @Override
    public List<Task> pendingTasks(DeviceId deviceId) {
        return run("pendingTasks", () -> queue(deviceId, true));
    }

    /**
     * The device's pending tasks, read from the queue with each row's write time, and its marker of pending tasks
     * ({@code marked}: the {@code devices} row just read) brought in line with them ({@link #trackTasks}).
     */
    private List<Task> pendingAndTracked(DeviceId deviceId, StoredDevice marked) {
        List<Task> out = new ArrayList<>();
        Map<String, Long> pendingAt = new HashMap<>();
        Map<String, Long> finalAt = new HashMap<>();
        for (Row r : Async.join(Async.rows(execute(st.selectTasksWithTimes.bind(deviceId.value()))))) {
            Task t = BlobCodec.decodeTask(r.getByteBuffer(1));
            long written = r.isNull(2) ? NONE : r.getLong(2);
            if (t.status() == TaskStatus.PENDING) {
                out.add(t);
                pendingAt.put(t.id().value(), written);
            } else {
                finalAt.put(t.id().value(), written);
            }
        }
        trackTasks(deviceId, marked, pendingAt, finalAt);
        return out;
    }

    /**
     * Brings a device's marker of pending tasks in line with the queue just read: the ids of pending tasks it
     * lacks added, those of final tasks removed, each at the write time of the task row read (so that any later
     * write of the task, which writes its id alike, wins), and {@code tasks_tracked} set once the marker holds
     * every pending task read. Ids without a row read are left alone: their task may be on its way. Only for a
     * stored device (a device not seen yet is tracked from its second session on). Best effort: the marker is
     * only ever too full when this fails, and then the queue is read again.
     */
    private void trackTasks(DeviceId id, StoredDevice marked, Map<String, Long> pendingAt, Map<String, Long> finalAt) {
        if (marked.device() == null) {
            return;
        }
        String key = id.value();
        List<BatchableStatement<?>> writes = new ArrayList<>();
        boolean whole = true;
        for (Map.Entry<String, Long> p : pendingAt.entrySet()) {
            if (!marked.pendingTasks().contains(p.getKey())) {
                if (p.getValue() == NONE) {
                    whole = false;
                } else {
                    writes.add(st.addPendingTasks.bind(p.getValue(), Set.of(p.getKey()), key));
                }
            }
        }
        for (String marker : marked.pendingTasks()) {
            Long at = finalAt.get(marker);
            if (at != null && at != NONE) {
                writes.add(st.removePendingTasks.bind(at, Set.of(marker), key));
            }
        }
        if (!marked.tasksTracked() && whole) {
            writes.add(st.markTasksTracked.bind(WriteClock.reserve(1), key));
        }
        if (writes.isEmpty()) {
            return;
        }
        try {
            Async.join(execute(batch(writes)));
        } catch (RuntimeException e) {
            LOG.debug("pending tasks' marker of {} not brought in line now: {}", id, e.toString());
        }
    }

    /** A task's id added to ({@code PENDING}) or removed from its device's marker, at the task row's write time. */
    private BoundStatement taskMarker(Task t, long ts) {
        return (t.status() == TaskStatus.PENDING ? st.addPendingTasks : st.removePendingTasks)
                .bind(ts, Set.of(t.id().value()), t.deviceId().value());
    }

    private List<Task> queue(DeviceId deviceId, boolean pendingOnly) {
        List<Task> out = new ArrayList<>();
        for (Row r : Async.join(Async.rows(execute(st.selectTasks.bind(deviceId.value()))))) {
            Task t = BlobCodec.decodeTask(r.getByteBuffer("record"));
            if (!pendingOnly || t.status() == TaskStatus.PENDING) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public Optional<Task> cancelTask(TaskId id, Instant now) {
        ensureOpen();
        Row indexed = run("cancelTask", () -> Async.join(execute(st.selectTaskDevice.bind(id.value()))).one());
        if (indexed == null) {
            return Optional.empty();
        }
        DeviceId device = new DeviceId(indexed.getString(0));
        return locked(List.of(device), "cancelTask", () -> {
            Row row = Async.join(execute(st.selectTask.bind(device.value(), id.value()))).one();
            if (row == null) {
                return Optional.empty();
            }
            Task current = BlobCodec.decodeTask(row.getByteBuffer(0));
            if (current.status() != TaskStatus.PENDING) {
                return Optional.of(current);
            }
            Task cancelled = current.cancelled(now);
            long ts = WriteClock.reserve(1, row.isNull(1) ? NONE : row.getLong(1) + 1);
            Async.join(execute(batch(List.of(taskRow(cancelled, ts), taskMarker(cancelled, ts)))));
            return Optional.of(cancelled);
        });
    }

    private BoundStatement taskRow(Task t, long ts) {
        return st.insertTask.bind(t.deviceId().value(), t.id().value(), t.status().name(), t.action().name(),
                BlobCodec.encodeTask(t), ts);
    }

    private BoundStatement taskDevice(Task t, long ts) {
        return st.insertTaskDevice.bind(t.id().value(), t.deviceId().value(), ts);
    }

    // ---- operation store --------------------------------------------------------------------------------

    /** {@inheritDoc} Always reads them (the markers of pending work answer only {@link #loadSessionStart}). */
    @Override
    public List<Operation> operations(DeviceId id) {
        return run("operations", () -> readOperations(id));
    }

    private List<Operation> readOperations(DeviceId id) {
        List<Operation> out = new ArrayList<>();
        for (Row r : Async.join(Async.rows(execute(st.selectOperations.bind(id.value()))))) {
            out.add(BlobCodec.decodeOperation(r.getByteBuffer(0)));
        }
        return out;
    }

    /**
     * The device's operations, and when there are none under a summary whose write time the {@code devices} row just
     * read ({@code marked}) does not track yet, {@code operations_tracked} written with that write time (best effort:
     * unwritten, the next session reads the partition again).
     */
    private List<Operation> operationsAndTracked(DeviceId id, StoredDevice marked) {
        List<Operation> out = readOperations(id);
        if (out.isEmpty() && marked.device() != null && !marked.operationsTracked()
                && marked.summaryTimestamp() != NONE) {
            try {
                Async.join(execute(st.markOperationsTracked.bind(marked.summaryTimestamp(), id.value())));
            } catch (RuntimeException e) {
                LOG.debug("operations' marker of {} not written now: {}", id, e.toString());
            }
        }
        return out;
    }

    private BoundStatement operationRow(Operation o, long ts) {
        return st.insertOperation.bind(o.deviceId().value(), o.taskId().value(), o.status().name(), o.kind().name(),
                BlobCodec.encodeOperation(o), ts);
    }

    /**
     * Adds a device's operations to the batch at {@code ts}, each in place of the stored one with its task id,
     * and deletes at {@code deletes} the stored ended operations beyond the history ({@link OperationHistory});
     * {@code storedRows} are all the device's rows ({@link Statements#selectOperations}).
     */
    private void addOperations(List<BatchableStatement<?>> batch, String key, List<Row> storedRows,
                               List<Operation> session, long deletes, long ts) {
        if (session.isEmpty()) {
            return;
        }
        Map<TaskId, Operation> all = new HashMap<>();
        Set<TaskId> stored = new HashSet<>();
        for (Row r : storedRows) {
            Operation o = BlobCodec.decodeOperation(r.getByteBuffer(0));
            all.put(o.taskId(), o);
            stored.add(o.taskId());
        }
        for (Operation o : session) {
            all.put(o.taskId(), o);
        }
        Set<TaskId> dropped = new HashSet<>();
        for (Operation o : OperationHistory.beyondTheHistory(all.values())) {
            dropped.add(o.taskId());
            if (stored.contains(o.taskId())) {
                batch.add(st.deleteOperation.bind(deletes, key, o.taskId().value()));
            }
        }
        for (Operation o : session) {
            if (!dropped.contains(o.taskId())) {
                batch.add(operationRow(o, ts));
            }
        }
    }

    // ---- commit -----------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>Per device (a session's changes are all about one device; records of another device, if any, get a
     * batch of their own): read the stored summary, the heads of the histories and, when the session brings
     * operations, the device's operations (in parallel); write the task-id index; then one batch in the
     * device's partition: the parameter deletes at {@code t}, the upserts, the summary (its tags only when the
     * device is new), the tasks, the operations (the ended ones beyond the {@value #ENDED_OPERATIONS_KEPT} kept
     * deleted at {@code t}), the new history records and the pruning of the histories to
     * {@value #INFORM_HISTORY} informs and {@value #FAULT_HISTORY} faults at {@code t + 1}; then the device
     * index, and the flag that says it is up to date.
     *
     * <p>When this throws, the batch either was not applied (nothing is visible) or, if Cassandra timed out
     * while applying it, may have been applied whole; committing again is always safe.
     */
    @Override
    public void commit(SessionChanges changes) {
        commit(changes, null);
    }

    /**
     * With quorum claims written at least as strongly as the claims' quorum, the claim's deletion joins the
     * device's batch (the claims are partitioned by device id in the same keyspace, so it is the same mutation):
     * the session's last write and its release are one request. When the commit fails the claim is deleted on
     * its own, as {@link #releaseLease} would.
     */
    @Override
    public void commitAndReleaseLease(SessionChanges changes, String owner) {
        if (claims == null || !claims.releaseRidesIn(config.consistency())) {
            AcsStore.super.commitAndReleaseLease(changes, owner);
            return;
        }
        DeviceId id = changes.device().id();
        try {
            commit(changes, claims.releaseInWrite(id, owner));
        } catch (RuntimeException e) {
            try {
                releaseLease(id, owner);
            } catch (StoreUnavailableException r) {
                e.addSuppressed(r); // the claim expires with its TTL
            }
            throw e;
        }
    }

    /** A commit; {@code release}, when given, is written in the session device's batch. */
    private void commit(SessionChanges changes, BatchableStatement<?> release) {
        ensureOpen();
        DeviceId main = changes.device().id();
        Map<DeviceId, Group> groups = new LinkedHashMap<>();
        groups.put(main, new Group());
        changes.tasks().forEach(t -> groups.computeIfAbsent(t.deviceId(), k -> new Group()).tasks.add(t));
        changes.operations().forEach(o -> groups.computeIfAbsent(o.deviceId(), k -> new Group()).operations.add(o));
        changes.faults().forEach(f -> groups.computeIfAbsent(f.deviceId(), k -> new Group()).faults.add(f));
        if (changes.inform() != null) {
            groups.computeIfAbsent(changes.inform().deviceId(), k -> new Group()).informs.add(changes.inform());
        }
        locked(groups.keySet(), "commit", () -> {
            for (Map.Entry<DeviceId, Group> g : groups.entrySet()) {
                if (!g.getKey().equals(main)) {
                    commitGroup(g.getKey(), g.getValue(), null, null);
                }
            }
            commitGroup(main, groups.get(main), changes, release);
            return null;
        });
    }

    /**
     * Whether a commit of these informs prunes the history: about one in {@value #INFORM_PRUNE_ONE_IN}, chosen by
     * a hash of the device and the record's instant (so committing again chooses alike), and always when a
     * commit brings more than one. A commit that prunes reads the newest {@value #INFORM_HISTORY} rows and
     * deletes those below; the others read only the rows at the record's instant (to add it once) and append.
     */
    static boolean prunesInforms(DeviceId id, List<InformRecord> informs) {
        if (informs.size() != 1) {
            return true;
        }
        Instant at = informs.get(0).at();
        long h = id.value().hashCode() * 0x9E3779B97F4A7C15L ^ at.toEpochMilli() ^ ((long) at.getNano() << 20);
        h ^= h >>> 33; // murmur3's finalizer: periodic instants (whole seconds, fixed intervals) spread evenly
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return Math.floorMod(h, INFORM_PRUNE_ONE_IN) == 0;
    }

    /**
     * Whether a commit appending an inform at {@code at} must read the stored informs at that instant (to add it
     * once): not when the device row's {@code newest_inform_micros} is before {@code at}'s microsecond and after
     * the device's deletion. That cell is written by every commit that adds an inform, in the same mutation, with
     * the instant's microseconds as both value and write time, so it holds the largest ever written; a write of
     * it that a deletion shadowed carries a value below the deletion's time, and any record it stood for is
     * older than a value read above that time. So no stored record is at an instant after the value read.
     */
    static boolean informsAtNeeded(StoredDevice stored, Instant at) {
        long newest = stored.newestInformMicros();
        long micros = micros(at);
        return newest == NONE || micros == NONE || micros <= newest
                || (stored.deletedTimestamp() != NONE && newest <= stored.deletedTimestamp());
    }

    /** The instant's microseconds since the epoch (rounded down), or {@link #NONE} when out of a long's range. */
    static long micros(Instant at) {
        try {
            return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
        } catch (ArithmeticException e) {
            return NONE;
        }
    }

    private BoundStatement informsAt(String key, Instant at) {
        return st.selectInformsAt.bind(key, Instant.ofEpochMilli(at.toEpochMilli()), at.getNano() % 1_000_000);
    }

    private static final class Group {
        final List<Task> tasks = new ArrayList<>();
        final List<Operation> operations = new ArrayList<>();
        final List<DeviceFault> faults = new ArrayList<>();
        final List<InformRecord> informs = new ArrayList<>();
    }

    /**
     * One device's part of a commit; {@code changes} is null for a device other than the session's;
     * {@code release}, when not null, joins the device's batch.
     */
    private void commitGroup(DeviceId id, Group g, SessionChanges changes, BatchableStatement<?> release) {
        String key = id.value();
        CompletionStage<AsyncResultSet> deviceRead = execute(st.selectDevice.bind(key));
        boolean pruneInforms = prunesInforms(id, g.informs);
        // a commit that appends one inform reads the history at its instant only when the device row cannot
        // tell that the history holds nothing there (informsAtNeeded): that read waits for the device row
        CompletionStage<List<Row>> informHead = g.informs.isEmpty() ? CompletableFuture.completedFuture(List.of())
                : pruneInforms ? Async.rows(execute(st.selectInforms.bind(key, INFORM_HISTORY)))
                : null;
        CompletionStage<List<Row>> faultHead = g.faults.isEmpty() ? CompletableFuture.completedFuture(List.of())
                : Async.rows(execute(st.selectFaults.bind(key, FAULT_HISTORY)));
        CompletionStage<List<Row>> operationsRead = g.operations.isEmpty()
                ? CompletableFuture.completedFuture(List.of()) : Async.rows(execute(st.selectOperations.bind(key)));
        StoredDevice stored = StoredDevice.of(Async.join(deviceRead).one());
        if (informHead == null) {
            informHead = informsAtNeeded(stored, g.informs.get(0).at())
                    ? Async.rows(execute(informsAt(key, g.informs.get(0).at())))
                    : CompletableFuture.completedFuture(List.of());
        }
        // the indexed parameters the session changes, and the device's entries now (read after the device row:
        // once its index_pending flag reads clear, every entry write before the clear is visible)
        Map<String, String> wanted = changes == null || parameterIndex.isEmpty() ? Map.of()
                : parameterIndex.wanted(changes);
        CompletionStage<AsyncResultSet> entriesRead = wanted.isEmpty() || stored.indexPending() ? null
                : execute(parameterIndex.selectEntries(id));
        List<Row> informRows = Async.join(informHead);
        List<Row> faultRows = Async.join(faultHead);
        List<Row> operationRows = Async.join(operationsRead);

        long deletes = WriteClock.reserve(2, stored.maxTimestamp() + 1);
        long ts = deletes + 1;

        List<Statement<?>> taskIndex = new ArrayList<>();
        for (Task t : g.tasks) {
            taskIndex.add(taskDevice(t, ts));
        }
        executeAll(taskIndex);
        hook.at(CommitHook.Point.BEFORE_DEVICE_MUTATION, id);

        List<BatchableStatement<?>> batch = new ArrayList<>();
        Device device = null;
        boolean indexNeeded = false;
        ParameterIndexEntries.Writes entries = null;
        if (entriesRead != null) {
            entries = ParameterIndexEntries.diff(wanted, ParameterIndexEntries.entries(Async.join(entriesRead).one()), ts, deletes);
        }
        if (changes != null) {
            if (changes.forgetLearned()) {
                batch.add(st.deleteParameters.bind(deletes, key));
            }
            for (String subtree : changes.deletedSubtrees()) {
                if (subtree.isEmpty()) {
                    batch.add(st.deleteParameters.bind(deletes, key));
                } else if (ParameterPaths.isObject(subtree)) {
                    batch.add(st.deleteParameterRange.bind(deletes, key, subtree, ParameterRows.successor(subtree)));
                } else {
                    batch.add(st.deleteParameter.bind(deletes, key, subtree));
                }
            }
            for (Parameter p : changes.upserts().values()) {
                batch.add(parameterRows.upsert(id, p, ts));
            }
            // the commit these parameters belong to, in their own partition: see loadSnapshot
            batch.add(st.updateCommitMarker.bind(ts, ts, key));
            boolean exists = stored.device() != null;
            if (exists && stored.operationsTracked()) {
                // carried with the summary: it counts only while written with the summary's write time
                batch.add(st.markOperationsTracked.bind(ts, key));
            }
            device = exists ? changes.device().withTags(stored.device().tags()) : changes.device();
            indexNeeded = !exists || stored.indexPending() || DeviceIndex.differ(stored.device(), device)
                    || (entries != null && !entries.isEmpty());
            ByteBuffer summary = BlobCodec.encodeSummary(device);
            if (exists) {
                BoundStatementBuilder row = st.insertSummary.boundStatementBuilder().setString(0, key)
                        .setByteBuffer(1, summary).setLong(3, ts).setIdempotence(true);
                if (indexNeeded) { // else nothing for the index: no flag to set and clear
                    row.setBoolean(2, true);
                }
                batch.add(row.build());
            } else {
                batch.add(st.insertSummaryAndTags.bind(key, summary, Set.copyOf(device.tags()), ts));
            }
        }
        Set<String> pendingIds = new HashSet<>();
        Set<String> finalIds = new HashSet<>();
        for (Task t : g.tasks) {
            batch.add(taskRow(t, ts));
            (t.status() == TaskStatus.PENDING ? pendingIds : finalIds).add(t.id().value());
        }
        // each task's id in the device's marker as its row leaves it, in the same mutation at the same write time
        if (!pendingIds.isEmpty()) {
            batch.add(st.addPendingTasks.bind(ts, pendingIds, key));
        }
        if (!finalIds.isEmpty()) {
            batch.add(st.removePendingTasks.bind(ts, finalIds, key));
        }
        if (!g.operations.isEmpty()) {
            batch.add(st.markHasOperations.bind(ts, key));
        }
        addOperations(batch, key, operationRows, g.operations, deletes, ts);
        histories.addInforms(batch, id, informRows, g.informs, INFORM_HISTORY, ts, pruneInforms);
        long newest = g.informs.stream().mapToLong(i -> micros(i.at())).max().orElse(NONE);
        if (newest > 0) {
            // its own value as its write time: the cell keeps the largest, whatever order commits land in
            batch.add(st.updateNewestInform.bind(newest, newest, key));
        }
        histories.addFaults(batch, id, faultRows, g.faults, FAULT_HISTORY, ts);
        if (release != null) {
            batch.add(release);
        }
        if (batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a commit of " + batch.size() + " writes exceeds Cassandra's "
                    + MAX_BATCH + " statements per batch");
        }
        if (!batch.isEmpty()) {
            try {
                Async.join(execute(batch(batch)));
            } catch (RuntimeException e) {
                snapshots.remove(key); // perhaps applied (a timeout): the next load reads it whole
                throw e;
            }
        }
        if (changes != null) {
            if (stored.device() != null) {
                // this node's copy of what the commit read, changed as the batch changed the stored parameters
                snapshots.committed(key, stored.summaryTimestamp(), ts, changes::applyTo);
            } else {
                snapshots.remove(key);
            }
        }
        hook.at(CommitHook.Point.AFTER_DEVICE_MUTATION, id);

        if (indexNeeded) {
            boolean isNew = stored.device() == null;
            List<Statement<?>> writes = new ArrayList<>();
            writes.add(index.upsert(device, isNew ? null : stored.device(), ts));
            if (isNew) {
                writes.add(index.tags(id, device.tags(), ts));
            } else if (stored.indexPending()) {
                writes.add(index.tags(id, stored.device().tags(), stored.tagsTimestamp()));
            }
            if (entries != null) {
                writes.addAll(parameterIndex.statements(id, entries));
            }
            if (stored.indexPending()) {
                // an earlier commit's entries may be missing: all of them from the parameters (this batch's too)
                writes.addAll(parameterIndex.repair(id, ts));
            }
            executeAll(writes);
            Async.join(execute(st.clearIndexPending.bind(ts, key)));
        }
    }

    // ---- rows -------------------------------------------------------------------------------------------

    private StoredDevice readDevice(DeviceId id) {
        return StoredDevice.of(Async.join(execute(st.selectDevice.bind(id.value()))).one());
    }

    /**
     * Brings {@code device_index} up to the stored row when a write was interrupted before it did: the
     * summary's fields and tags at their write times, the indexed parameters' entries from {@code parameters}
     * (see {@link ParameterIndexEntries#repair}); then the flag is cleared at its own write time, so a newer write's
     * flag stays. Best effort: the read it is part of does not fail because of it.
     */
    private void repairIndex(StoredDevice stored) {
        if (!stored.indexPending() || stored.device() == null) {
            return;
        }
        Device d = stored.device();
        try {
            List<Statement<?>> writes = new ArrayList<>();
            writes.add(index.upsert(d, null, stored.summaryTimestamp()));
            if (stored.tagsTimestamp() != NONE) {
                writes.add(index.tags(d.id(), d.tags(), stored.tagsTimestamp()));
            }
            writes.addAll(parameterIndex.repair(d.id(), stored.summaryTimestamp()));
            executeAll(writes);
            Async.join(execute(st.clearIndexPending.bind(stored.pendingTimestamp(), d.id().value())));
            LOG.debug("device index of {} brought up to date", d.id());
        } catch (RuntimeException e) {
            LOG.debug("device index of {} not repaired now: {}", d.id(), e.toString());
        }
    }

    /** For tests: this store's snapshot cache. */
    SnapshotCache snapshotCache() {
        return snapshots;
    }

    // ---- leases -----------------------------------------------------------------------------------------

    @Override
    public boolean acquireLease(DeviceId id, String owner, Duration ttl) {
        return run("acquireLease", () -> claims != null ? claims.acquire(id, owner, ttl)
                : leases.acquire(id, owner, ttl));
    }

    @Override
    public boolean renewLease(DeviceId id, String owner, Duration ttl) {
        return run("renewLease", () -> claims != null ? claims.renew(id, owner, ttl)
                : leases.renew(id, owner, ttl));
    }

    @Override
    public void releaseLease(DeviceId id, String owner) {
        run("releaseLease", () -> {
            if (claims != null) {
                claims.release(id, owner);
            } else {
                leases.release(id, owner);
            }
            return null;
        });
    }

    // ---- tokens -----------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>A lightweight transaction ({@code IF NOT EXISTS}): when it times out, the token may or may not be stored,
     * and this throws {@link StoreUnavailableException} saying so; adding the same token again settles it (see
     * {@link TokenTable}).
     */
    @Override
    public void addToken(ApiToken token) {
        Objects.requireNonNull(token, "token");
        run("addToken", () -> {
            tokenTable.add(token);
            return null;
        });
    }

    @Override
    public Optional<ApiToken> findToken(String id) {
        return run("findToken", () -> tokenTable.find(id));
    }

    @Override
    public List<ApiToken> tokens() {
        return run("tokens", tokenTable::all);
    }

    @Override
    public Optional<ApiToken> revokeToken(String id, Instant now) {
        return run("revokeToken", () -> tokenTable.revoke(id, now));
    }

    // ---- connection requests (ConnectionRequestTable) ----------------------------------------------------

    @Override
    public void putCredentials(DeviceId id, SealedCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        run("putCredentials", () -> {
            connectionRequests.putCredentials(id, credentials);
            return null;
        });
    }

    @Override
    public Optional<SealedCredentials> credentials(DeviceId id) {
        return run("credentials", () -> connectionRequests.credentials(id));
    }

    @Override
    public void putAttempt(DeviceId id, ConnectionRequestAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        run("putAttempt", () -> {
            connectionRequests.putAttempt(id, attempt);
            return null;
        });
    }

    @Override
    public Optional<ConnectionRequestAttempt> lastAttempt(DeviceId id) {
        return run("lastAttempt", () -> connectionRequests.lastAttempt(id));
    }

    @Override
    public void putUdpBinding(DeviceId id, LearnedUdpBinding binding) {
        Objects.requireNonNull(binding, "binding");
        run("putUdpBinding", () -> {
            connectionRequests.putUdpBinding(id, binding);
            return null;
        });
    }

    @Override
    public Optional<LearnedUdpBinding> udpBinding(DeviceId id) {
        return run("udpBinding", () -> connectionRequests.udpBinding(id));
    }

    @Override
    public void forgetConnectionRequests(DeviceId id) {
        run("forgetConnectionRequests", () -> {
            connectionRequests.forget(id);
            return null;
        });
    }

    // ---- CPE credentials (lightweight transactions: see CpeCredentialTable) -------------------------------

    @Override
    public void putCpeCredential(CpeCredentialScope scope, CpeCredential credential) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(credential, "credential");
        run("putCpeCredential", () -> {
            cpeCredentialTable.put(scope, credential);
            return null;
        });
    }

    @Override
    public boolean putCpeCredentialIfAbsent(CpeCredentialScope scope, CpeCredential credential) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(credential, "credential");
        return run("putCpeCredentialIfAbsent", () -> cpeCredentialTable.putIfAbsent(scope, credential));
    }

    @Override
    public Optional<CpeCredential> findCpeCredential(CpeCredentialScope scope) {
        return run("findCpeCredential", () -> cpeCredentialTable.find(scope));
    }

    @Override
    public boolean deleteCpeCredential(CpeCredentialScope scope) {
        Objects.requireNonNull(scope, "scope");
        return run("deleteCpeCredential", () -> cpeCredentialTable.delete(scope));
    }

    // ---- phone profiles (see ProfileTables) --------------------------------------------------------------

    @Override
    public void putProfileTemplate(io.lodestar.acs.store.StoredProfileTemplate template) {
        Objects.requireNonNull(template, "template");
        run("putProfileTemplate", () -> {
            profileTables.putTemplate(template);
            return null;
        });
    }

    @Override
    public Optional<io.lodestar.acs.store.StoredProfileTemplate> findProfileTemplate(String name) {
        return run("findProfileTemplate", () -> profileTables.findTemplate(name));
    }

    @Override
    public List<io.lodestar.acs.store.StoredProfileTemplate> profileTemplates() {
        return run("profileTemplates", profileTables::templates);
    }

    @Override
    public boolean deleteProfileTemplate(String name) {
        return run("deleteProfileTemplate", () -> profileTables.deleteTemplate(name));
    }

    @Override
    public void putProfileValue(io.lodestar.acs.store.ProfileValueKey key, String value) {
        Objects.requireNonNull(value, "value");
        run("putProfileValue", () -> {
            profileTables.putValue(key, value);
            return null;
        });
    }

    @Override
    public Optional<String> findProfileValue(io.lodestar.acs.store.ProfileValueKey key) {
        return run("findProfileValue", () -> profileTables.findValue(key));
    }

    @Override
    public Map<String, String> profileValues(io.lodestar.acs.store.ProfileValueKey.Scope scope, String owner) {
        return run("profileValues", () -> profileTables.values(scope, owner));
    }

    @Override
    public boolean deleteProfileValue(io.lodestar.acs.store.ProfileValueKey key) {
        return run("deleteProfileValue", () -> profileTables.deleteValue(key));
    }

    @Override
    public void putProfileKey(String scope, String owner, byte[] sealed) {
        Objects.requireNonNull(sealed, "sealed");
        run("putProfileKey", () -> {
            profileTables.putKey(scope, owner, sealed);
            return null;
        });
    }

    @Override
    public Optional<byte[]> findProfileKey(String scope, String owner) {
        return run("findProfileKey", () -> profileTables.findKey(scope, owner));
    }

    @Override
    public boolean deleteProfileKey(String scope, String owner) {
        return run("deleteProfileKey", () -> profileTables.deleteKey(scope, owner));
    }

    @Override
    public void addStatusReport(DeviceId device, io.lodestar.acs.store.ProfileStatusReport report) {
        Objects.requireNonNull(report, "report");
        run("addStatusReport", () -> {
            profileTables.addReport(device, report);
            return null;
        });
    }

    @Override
    public List<io.lodestar.acs.store.ProfileStatusReport> statusReports(DeviceId device, int limit) {
        return run("statusReports", () -> profileTables.reports(device, limit));
    }

    @Override
    public void deleteDeviceProfileData(DeviceId device) {
        Objects.requireNonNull(device, "device");
        run("deleteDeviceProfileData", () -> {
            profileTables.deleteDevice(device);
            return null;
        });
    }

    // ---- plumbing ---------------------------------------------------------------------------------------

    private CompletionStage<AsyncResultSet> execute(Statement<?> statement) {
        return session.executeAsync(statement);
    }

    /** Runs the statements in parallel, at most {@value #IN_FLIGHT} at a time; the results in order. */
    private List<AsyncResultSet> executeAll(List<? extends Statement<?>> statements) {
        return Async.executeAll(session, statements, IN_FLIGHT);
    }

    private static BatchStatement batch(List<? extends BatchableStatement<?>> statements) {
        BatchStatementBuilder b = BatchStatement.builder(DefaultBatchType.UNLOGGED);
        for (BatchableStatement<?> s : statements) {
            b.addStatement(s);
        }
        return b.setIdempotence(true).build();
    }

    private <T> T run(String what, Supplier<T> work) {
        ensureOpen();
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw closed ? new StoreUnavailableException("Cassandra store is closed", e)
                    : StoreErrors.translate(e, what);
        }
    }

    private <T> T locked(Collection<DeviceId> ids, String what, Supplier<T> work) {
        int[] idx = ids.stream().mapToInt(id -> Math.floorMod(id.hashCode() * 0x9E3779B9, STRIPES))
                .distinct().sorted().toArray();
        for (int i : idx) {
            stripes[i].lock();
        }
        try {
            return run(what, work);
        } finally {
            for (int i = idx.length - 1; i >= 0; i--) {
                stripes[idx[i]].unlock();
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreUnavailableException("Cassandra store (keyspace " + config.keyspace() + ") is closed",
                    null);
        }
    }

    /**
     * Makes the store unavailable at once, stops the index verifier (its thread has ended when this returns; a
     * pass in progress is cut, and done again by the next pass of any node) and closes the driver session in the
     * background (its threads end about a second later), after the verifier's lease, if it held one, was
     * released. Writes acknowledged before are durable in Cassandra: nothing is left to flush on this side.
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        IndexVerifier v = verifier;
        CompletionStage<?> released = v == null ? CompletableFuture.completedFuture(null) : v.close();
        released.thenCompose(ignored -> session.closeAsync()).whenComplete((ignored, e) -> {
            if (e != null) {
                LOG.warn("closing the Cassandra session of keyspace {}: {}", config.keyspace(), e.toString());
            }
        });
    }

    @Override
    public String toString() {
        return "CassandraAcsStore[" + config.contactPoints() + ", keyspace " + config.keyspace() + "]";
    }

    /** Test hook: called at the points of a commit where a crash leaves the most to repair. */
    interface CommitHook {
        CommitHook NONE = (point, device) -> { };

        enum Point { BEFORE_DEVICE_MUTATION, AFTER_DEVICE_MUTATION }

        void at(Point point, DeviceId device);
    }

}
