package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.LearnedUdpBinding;
import io.lodestar.acs.core.device.DeviceSnapshot;
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
import io.lodestar.acs.store.StoreUnavailableException;
import io.lodestar.acs.store.TokenStore;
import io.lodestar.acs.store.ConnectionRequestStore;
import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.SealedCredentials;
import io.lodestar.acs.store.CpeCredentialStore;
import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The durable embedded store: one RocksDB database in a directory, one column family per kind of record
 * (see {@link Keys} for the key layout and {@link RecordCodec} for the record format), operators' API tokens
 * included ({@link TokenStore}, in a family of their own: {@link TokenFamily}).
 *
 * <p>Durability: {@link #commit} writes one {@link WriteBatch} (atomic: all or nothing, also across a crash),
 * and every write is synced to the write-ahead log before the method returns unless the store was opened
 * with {@link Option#NO_SYNC}. Without sync, a process crash loses nothing (the log is in the OS page cache),
 * a power loss or kernel crash may lose the last writes.
 *
 * <p>Concurrency: all methods may be called from any thread. Writes that read first (commit's history pruning,
 * register, setTags, cancelTask, addTask, deleteDevice) hold a per-device lock (striped), so sessions of
 * different devices proceed in parallel and writes for the same device never lose each other's updates.
 * Reads of a snapshot see one consistent point in time. After {@link #close()} every method throws
 * {@link StoreUnavailableException}.
 */
public final class RocksAcsStore implements AcsStore, TokenStore, ConnectionRequestStore,
        CpeCredentialStore, io.lodestar.acs.store.ProfileStore {

    /** Ways to open the store. */
    public enum Option {
        /** Do not sync the write-ahead log on each write (benchmarks; loses the last writes on power loss). */
        NO_SYNC
    }

    /** How many Informs the store keeps per device. */
    public static final int INFORM_HISTORY = 50;
    /** How many faults the store keeps per device. */
    public static final int FAULT_HISTORY = 100;
    private static final Logger LOG = LoggerFactory.getLogger(RocksAcsStore.class);
    private static final int STRIPES = 1024;

    private final Path dir;
    private final boolean readOnly;
    private final Database database;
    private final RocksDB db;
    private final ColumnFamilyHandle meta;
    private final ColumnFamilyHandle devices;
    private final ColumnFamilyHandle parameters;
    private final ColumnFamilyHandle tasks;
    private final ColumnFamilyHandle taskIndex;
    private final HistoryFamily<InformRecord> informHistory;
    private final HistoryFamily<DeviceFault> faultHistory;
    /** Null in a store of layout 1 opened read-only (it has no index yet). */
    private final ColumnFamilyHandle parameterIndexFamily;
    /** Null in a store of layout 1 opened read-only (it has no operations yet). */
    private final ColumnFamilyHandle operations;
    private final ParameterIndexFamily parameterIndex;
    private final SummaryIndex summaryIndex;
    /** Without its family in a store of layout 1 or 2 opened read-only (it has no tokens yet). */
    private final TokenFamily tokenFamily;
    /** Without its family in a store of layout 1 to 3 opened read-only. */
    private final ConnectionRequestFamily connectionRequests;
    /** Without its family in a store of layout 1 to 3 opened read-only (it has no CPE credentials yet). */
    private final CpeCredentialFamily cpeCredentialFamily;
    /** Without its family in a store of layout 1 to 5 opened read-only (it has no profile data yet). */
    private final ProfileFamily profileFamily;
    private final WriteOptions writeOptions;
    private final Lock[] stripes = new Lock[STRIPES];
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private final LocalSessionLeases leases = new LocalSessionLeases(java.time.Clock.systemUTC());

    private RocksAcsStore(Path dir, boolean readOnly, Database database, IndexedParameters indexed,
                          boolean summaryIndexComplete) {
        this.dir = dir;
        this.readOnly = readOnly;
        this.database = database;
        this.db = database.db();
        this.meta = database.meta();
        this.devices = database.family("devices");
        this.parameters = database.family("parameters");
        this.tasks = database.family("tasks");
        this.taskIndex = database.family("task_index");
        this.informHistory = new HistoryFamily<>(db, database.family("informs"), INFORM_HISTORY, InformRecord::at,
                RecordCodec::encodeInform, RecordCodec::decodeInform);
        this.faultHistory = new HistoryFamily<>(db, database.family("faults"), FAULT_HISTORY, DeviceFault::at,
                RecordCodec::encodeFault, RecordCodec::decodeFault);
        this.parameterIndexFamily = database.family("parameter_index");
        this.operations = database.family("operations");
        this.parameterIndex = new ParameterIndexFamily(db, parameterIndexFamily, parameters, indexed);
        this.summaryIndex = new SummaryIndex(database.family("summary_index"), summaryIndexComplete);
        this.writeOptions = database.writeOptions();
        this.tokenFamily = new TokenFamily(db, database.family("tokens"), writeOptions);
        this.connectionRequests = new ConnectionRequestFamily(db, database.family("connection_requests"), writeOptions);
        this.cpeCredentialFamily = new CpeCredentialFamily(db, database.family("cpe_credentials"), writeOptions);
        this.profileFamily = new ProfileFamily(db, database.family("profiles"), writeOptions);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Opens (creating if needed) the store in {@code dir}, indexing the parameters it indexed when last open
     * (none for a new store), e.g. for a tool that changes a store the ACS left; syncs every write unless
     * {@link Option#NO_SYNC}.
     */
    public static RocksAcsStore open(Path dir, Option... options) {
        return open(dir, null, options);
    }

    /**
     * Opens (creating if needed) the store in {@code dir}, indexing the parameters {@code indexed} for
     * searches; syncs every write unless {@link Option#NO_SYNC}. When {@code indexed} names paths the store
     * did not index before, every stored device is indexed for them before this returns (one pass over the
     * devices, logged); paths it indexed before and {@code indexed} lacks lose their index. A null
     * {@code indexed} keeps the paths it indexed when last open.
     */
    public static RocksAcsStore open(Path dir, IndexedParameters indexed, Option... options) {
        boolean sync = !Arrays.asList(options).contains(Option.NO_SYNC);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create store directory " + dir, e);
        }
        return open(dir, false, sync, indexed);
    }

    /**
     * Opens an existing store read-only, e.g. for a CLI that inspects it. This works while another process
     * has the store open for writing (read-only mode takes no lock); it sees the data as of the moment it was
     * opened. Every write method throws {@link UnsupportedOperationException}. It searches by the parameters
     * the writer indexes (as recorded in the store).
     */
    public static RocksAcsStore openReadOnly(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new StoreUnavailableException("no store in " + dir, null);
        }
        return open(dir, true, false, null);
    }

    private static RocksAcsStore open(Path dir, boolean readOnly, boolean sync, IndexedParameters indexed) {
        Database database = Database.open(dir, readOnly, sync);
        try {
            RocksDB db = database.db();
            ColumnFamilyHandle meta = database.meta();
            ColumnFamilyHandle summaryIndexFamily = database.family("summary_index");
            boolean summaryIndexComplete = summaryIndexFamily != null && SummaryIndex.recordedComplete(db, meta);
            if (readOnly) {
                indexed = database.family("parameter_index") != null ? ParameterIndexFamily.recorded(db, meta)
                        : IndexedParameters.NONE;
            } else {
                SummaryIndex.buildIfIncomplete(db, meta, database.family("devices"), summaryIndexFamily,
                        database.writeOptions());
                summaryIndexComplete = true;
                if (indexed == null) {
                    indexed = ParameterIndexFamily.recorded(db, meta);
                } else {
                    ParameterIndexFamily.rebuild(db, meta, database.family("devices"), database.family("parameter_index"),
                            database.family("parameters"), indexed, database.writeOptions());
                }
            }
            LOG.info("opened store {} ({}{}; indexed parameters: {})", dir, readOnly ? "read-only" : "read-write",
                    readOnly || sync ? "" : ", no sync", indexed.isEmpty() ? "none" : indexed);
            return new RocksAcsStore(dir, readOnly, database, indexed, summaryIndexComplete);
        } catch (RocksDBException | RuntimeException e) {
            database.close();
            if (e instanceof RocksDBException r) {
                throw new StoreUnavailableException("cannot open store " + dir + ": " + r.getMessage(), r);
            }
            throw (RuntimeException) e;
        }
    }

    /** The directory the store lives in. */
    public Path directory() {
        return dir;
    }

    // ---- device store -----------------------------------------------------------------------------------

    @Override
    public Optional<DeviceSnapshot> loadSnapshot(DeviceId id) {
        return read(() -> {
            Snapshot snapshot = db.getSnapshot();
            try (ReadOptions ro = new ReadOptions().setSnapshot(snapshot)) {
                byte[] dev = Keys.device(id);
                byte[] v = db.get(devices, ro, dev);
                if (v == null) {
                    return Optional.empty();
                }
                Map<String, Parameter> params = new HashMap<>();
                byte[] start = Keys.deviceStart(dev);
                scan(parameters, ro, start, Keys.deviceEnd(dev), (key, value) -> {
                    String path = Keys.parameterPath(key, start.length);
                    params.put(path, RecordCodec.decodeParameter(path, value));
                    return true;
                });
                return Optional.of(new DeviceSnapshot(RecordCodec.decodeDevice(v), params));
            } finally {
                db.releaseSnapshot(snapshot);
            }
        });
    }

    @Override
    public Optional<Device> findDevice(DeviceId id) {
        return read(() -> Optional.ofNullable(db.get(devices, Keys.device(id))).map(RecordCodec::decodeDevice));
    }

    @Override
    public List<Device> listDevices(DeviceId after, int limit) {
        return findDevices(DeviceQuery.ALL, after, limit);
    }

    /**
     * With a parameter criterion, a scan of the parameter index's entries for its value; else with a tag,
     * software version or product class, a scan of the summary index's entries for it; each device found is
     * then checked against every criterion. Without any of those (all devices, or only a last-Inform range), a
     * scan of the device summaries in id order, filtered.
     */
    @Override
    public List<Device> findDevices(DeviceQuery query, DeviceId after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        parameterIndex.indexed().requireIndexed(query);
        if (!query.parameters().isEmpty()) {
            Map.Entry<String, String> first = query.parameters().entrySet().iterator().next();
            return findByIndex(query, after, limit, parameterIndex.family(),
                    Keys.indexValuePrefix(first.getKey(), first.getValue()));
        }
        byte[] summaryPrefix = SummaryIndex.prefixFor(query);
        if (summaryPrefix != null && summaryIndex.usable()) {
            return findByIndex(query, after, limit, summaryIndex.family(), summaryPrefix);
        }
        return read(() -> {
            List<Device> page = new ArrayList<>(Math.min(limit, 1024));
            if (limit == 0) {
                return page;
            }
            byte[] afterKey = after == null ? null : Keys.device(after);
            try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(devices, ro)) {
                if (afterKey == null) {
                    it.seekToFirst();
                } else {
                    it.seek(afterKey);
                    if (it.isValid() && Arrays.equals(it.key(), afterKey)) {
                        it.next();
                    }
                }
                for (; it.isValid() && page.size() < limit; it.next()) {
                    Device device = RecordCodec.decodeDevice(it.value());
                    if (query.matches(device)) {
                        page.add(device);
                    }
                }
                it.status();
            }
            return page;
        });
    }

    /** The devices under an index prefix, in device order, that meet every criterion of the query. */
    private List<Device> findByIndex(DeviceQuery query, DeviceId after, int limit, ColumnFamilyHandle index,
                                     byte[] prefix) {
        return read(() -> {
            List<Device> page = new ArrayList<>(Math.min(limit, 1024));
            if (limit == 0) {
                return page;
            }
            Snapshot snapshot = db.getSnapshot();
            try (ReadOptions ro = new ReadOptions().setSnapshot(snapshot)) {
                IndexScan.devices(db, index, ro, prefix, after == null ? null : Keys.device(after),
                        dev -> {
                            byte[] v = db.get(devices, ro, dev);
                            if (v != null) {
                                Device device = RecordCodec.decodeDevice(v);
                                if (query.matches(device) && matchesParameters(query, ro, dev)) {
                                    page.add(device);
                                }
                            }
                            return page.size() < limit;
                        });
            } finally {
                db.releaseSnapshot(snapshot);
            }
            return page;
        });
    }

    private boolean matchesParameters(DeviceQuery query, ReadOptions ro, byte[] dev) throws RocksDBException {
        for (Map.Entry<String, String> e : query.parameters().entrySet()) {
            if (!e.getValue().equals(parameterIndex.storedValue(ro, dev, e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public IndexedParameters indexedParameters() {
        return parameterIndex.indexed();
    }

    @Override
    public List<Parameter> parameters(DeviceId id, String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return read(() -> {
            byte[] dev = Keys.device(id);
            int prefixLength = Keys.deviceStart(dev).length;
            List<Parameter> out = new ArrayList<>();
            if (!prefix.isEmpty() && !ParameterPaths.isObject(prefix)) {
                byte[] v = db.get(parameters, Keys.parameter(dev, prefix));
                if (v != null) {
                    out.add(RecordCodec.decodeParameter(prefix, v));
                }
                return out;
            }
            byte[][] range = subtree(dev, prefix);
            try (ReadOptions ro = new ReadOptions()) {
                scan(parameters, ro, range[0], range[1], (key, value) -> {
                    String path = Keys.parameterPath(key, prefixLength);
                    out.add(RecordCodec.decodeParameter(path, value));
                    return true;
                });
            }
            return out;
        });
    }

    @Override
    public Device register(Device device) {
        requireWritable();
        return locked(List.of(device.id()), () -> {
            byte[] dev = Keys.device(device.id());
            byte[] existing = db.get(devices, dev);
            if (existing != null) {
                return RecordCodec.decodeDevice(existing);
            }
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(devices, dev, RecordCodec.encodeDevice(device));
                summaryIndex.update(batch, dev, null, device);
                db.write(writeOptions, batch);
            }
            return device;
        });
    }

    @Override
    public Optional<Device> setTags(DeviceId id, Set<String> tags) {
        requireWritable();
        Set<String> copy = Set.copyOf(tags);
        return locked(List.of(id), () -> {
            byte[] dev = Keys.device(id);
            byte[] existing = db.get(devices, dev);
            if (existing == null) {
                return Optional.empty();
            }
            Device before = RecordCodec.decodeDevice(existing);
            Device updated = before.withTags(copy);
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(devices, dev, RecordCodec.encodeDevice(updated));
                summaryIndex.update(batch, dev, before, updated);
                db.write(writeOptions, batch);
            }
            return Optional.of(updated);
        });
    }

    @Override
    public boolean deleteDevice(DeviceId id) {
        requireWritable();
        return locked(List.of(id), () -> {
            byte[] dev = Keys.device(id);
            byte[] stored = db.get(devices, dev);
            boolean known = stored != null;
            byte[] start = Keys.deviceStart(dev);
            byte[] end = Keys.deviceEnd(dev);
            try (WriteBatch batch = new WriteBatch(); ReadOptions ro = new ReadOptions()) {
                scan(tasks, ro, start, end, (key, value) -> {
                    batch.delete(taskIndex, Arrays.copyOfRange(key, start.length, key.length));
                    return true;
                });
                parameterIndex.delete(batch, ro, dev);
                if (known) {
                    summaryIndex.update(batch, dev, RecordCodec.decodeDevice(stored), null);
                }
                batch.delete(devices, dev);
                for (ColumnFamilyHandle cf : List.of(parameters, tasks, operations)) {
                    batch.deleteRange(cf, start, end);
                }
                informHistory.delete(batch, dev);
                faultHistory.delete(batch, dev);
                db.write(writeOptions, batch);
            }
            return known;
        });
    }

    @Override
    public List<InformRecord> informs(DeviceId id, int limit) {
        return read(() -> informHistory.newestFirst(Keys.device(id), limit));
    }

    @Override
    public List<DeviceFault> faults(DeviceId id, int limit) {
        return read(() -> faultHistory.newestFirst(Keys.device(id), limit));
    }

    // ---- task store -------------------------------------------------------------------------------------

    @Override
    public Task addTask(Task task) {
        requireWritable();
        return locked(List.of(task.deviceId()), () -> {
            try (WriteBatch batch = new WriteBatch()) {
                putTask(batch, task);
                db.write(writeOptions, batch);
            }
            return task;
        });
    }

    @Override
    public Optional<Task> findTask(TaskId id) {
        return read(() -> {
            byte[] indexed = db.get(taskIndex, Keys.taskIndex(id));
            if (indexed == null) {
                return Optional.empty();
            }
            byte[] v = db.get(tasks, Keys.task(RecordCodec.decodeTaskIndex(indexed), id));
            return Optional.ofNullable(v).map(RecordCodec::decodeTask);
        });
    }

    @Override
    public List<Task> tasks(DeviceId deviceId) {
        return queue(deviceId, false);
    }

    @Override
    public List<Task> pendingTasks(DeviceId deviceId) {
        return queue(deviceId, true);
    }

    private List<Task> queue(DeviceId deviceId, boolean pendingOnly) {
        return read(() -> {
            byte[] dev = Keys.device(deviceId);
            List<Task> out = new ArrayList<>();
            try (ReadOptions ro = new ReadOptions()) {
                scan(tasks, ro, Keys.deviceStart(dev), Keys.deviceEnd(dev), (key, value) -> {
                    Task t = RecordCodec.decodeTask(value);
                    if (!pendingOnly || t.status() == TaskStatus.PENDING) {
                        out.add(t);
                    }
                    return true;
                });
            }
            return out;
        });
    }

    @Override
    public Optional<Task> cancelTask(TaskId id, Instant now) {
        requireWritable();
        Optional<Task> found = findTask(id);
        if (found.isEmpty()) {
            return found;
        }
        return locked(List.of(found.get().deviceId()), () -> {
            byte[] dev = Keys.device(found.get().deviceId());
            byte[] v = db.get(tasks, Keys.task(dev, id));
            if (v == null) {
                return Optional.empty();
            }
            Task current = RecordCodec.decodeTask(v);
            if (current.status() != TaskStatus.PENDING) {
                return Optional.of(current);
            }
            Task cancelled = current.cancelled(now);
            db.put(tasks, writeOptions, Keys.task(dev, id), RecordCodec.encodeTask(cancelled));
            return Optional.of(cancelled);
        });
    }

    private void putTask(WriteBatch batch, Task task) throws RocksDBException {
        byte[] dev = Keys.device(task.deviceId());
        batch.put(tasks, Keys.task(dev, task.id()), RecordCodec.encodeTask(task));
        batch.put(taskIndex, Keys.taskIndex(task.id()), RecordCodec.encodeTaskIndex(dev));
    }

    // ---- operation store --------------------------------------------------------------------------------

    /** {@inheritDoc} Empty in a store of layout 1 opened read-only (it has no operations yet). */
    @Override
    public List<Operation> operations(DeviceId id) {
        return read(() -> {
            List<Operation> out = new ArrayList<>();
            if (operations == null) {
                return out;
            }
            byte[] dev = Keys.device(id);
            try (ReadOptions ro = new ReadOptions()) {
                scan(operations, ro, Keys.deviceStart(dev), Keys.deviceEnd(dev), (key, value) -> {
                    out.add(RecordCodec.decodeOperation(value));
                    return true;
                });
            }
            return out;
        });
    }

    // ---- token store ------------------------------------------------------------------------------------

    @Override
    public void addToken(ApiToken token) {
        Objects.requireNonNull(token, "token");
        requireWritable();
        read(() -> {
            tokenFamily.add(token);
            return null;
        });
    }

    /** {@inheritDoc} Empty in a store of layout 1 or 2 opened read-only (it has no tokens yet). */
    @Override
    public Optional<ApiToken> findToken(String id) {
        return read(() -> tokenFamily.find(id));
    }

    @Override
    public List<ApiToken> tokens() {
        return read(tokenFamily::all);
    }

    @Override
    public Optional<ApiToken> revokeToken(String id, Instant now) {
        requireWritable();
        return read(() -> tokenFamily.revoke(id, now));
    }

    // ---- connection requests ----------------------------------------------------------------------------

    @Override
    public void putCredentials(DeviceId id, SealedCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        requireWritable();
        read(() -> {
            connectionRequests.putCredentials(id, credentials);
            return null;
        });
    }

    @Override
    public Optional<SealedCredentials> credentials(DeviceId id) {
        return read(() -> connectionRequests.credentials(id));
    }

    @Override
    public void putAttempt(DeviceId id, ConnectionRequestAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        requireWritable();
        read(() -> {
            connectionRequests.putAttempt(id, attempt);
            return null;
        });
    }

    @Override
    public Optional<ConnectionRequestAttempt> lastAttempt(DeviceId id) {
        return read(() -> connectionRequests.lastAttempt(id));
    }

    @Override
    public void putUdpBinding(DeviceId id, LearnedUdpBinding binding) {
        Objects.requireNonNull(binding, "binding");
        requireWritable();
        read(() -> {
            connectionRequests.putUdpBinding(id, binding);
            return null;
        });
    }

    @Override
    public Optional<LearnedUdpBinding> udpBinding(DeviceId id) {
        return read(() -> connectionRequests.udpBinding(id));
    }

    @Override
    public void forgetConnectionRequests(DeviceId id) {
        requireWritable();
        read(() -> {
            connectionRequests.forget(id);
            return null;
        });
    }

    // ---- CPE credentials --------------------------------------------------------------------------------

    @Override
    public void putCpeCredential(CpeCredentialScope scope, CpeCredential credential) {
        Objects.requireNonNull(credential, "credential");
        requireWritable();
        read(() -> {
            cpeCredentialFamily.put(scope, credential);
            return null;
        });
    }

    @Override
    public boolean putCpeCredentialIfAbsent(CpeCredentialScope scope, CpeCredential credential) {
        Objects.requireNonNull(credential, "credential");
        requireWritable();
        return read(() -> cpeCredentialFamily.putIfAbsent(scope, credential));
    }

    /** {@inheritDoc} Empty in a store of layout 1 to 3 opened read-only (it has no CPE credentials yet). */
    @Override
    public Optional<CpeCredential> findCpeCredential(CpeCredentialScope scope) {
        return read(() -> cpeCredentialFamily.find(scope));
    }

    @Override
    public boolean deleteCpeCredential(CpeCredentialScope scope) {
        requireWritable();
        return read(() -> cpeCredentialFamily.delete(scope));
    }

    // ---- phone profiles (see ProfileFamily) --------------------------------------------------------------

    @Override
    public void putProfileTemplate(io.lodestar.acs.store.StoredProfileTemplate template) {
        Objects.requireNonNull(template, "template");
        requireWritable();
        read(() -> {
            profileFamily.putTemplate(template);
            return null;
        });
    }

    @Override
    public Optional<io.lodestar.acs.store.StoredProfileTemplate> findProfileTemplate(String name) {
        return read(() -> profileFamily.findTemplate(name));
    }

    @Override
    public List<io.lodestar.acs.store.StoredProfileTemplate> profileTemplates() {
        return read(profileFamily::templates);
    }

    @Override
    public boolean deleteProfileTemplate(String name) {
        requireWritable();
        return read(() -> profileFamily.deleteTemplate(name));
    }

    @Override
    public void putProfileValue(io.lodestar.acs.store.ProfileValueKey key, String value) {
        Objects.requireNonNull(value, "value");
        requireWritable();
        read(() -> {
            profileFamily.putValue(key, value);
            return null;
        });
    }

    @Override
    public Optional<String> findProfileValue(io.lodestar.acs.store.ProfileValueKey key) {
        return read(() -> profileFamily.findValue(key));
    }

    @Override
    public Map<String, String> profileValues(io.lodestar.acs.store.ProfileValueKey.Scope scope, String owner) {
        return read(() -> profileFamily.values(scope, owner));
    }

    @Override
    public boolean deleteProfileValue(io.lodestar.acs.store.ProfileValueKey key) {
        requireWritable();
        return read(() -> profileFamily.deleteValue(key));
    }

    @Override
    public void putProfileKey(String scope, String owner, byte[] sealed) {
        Objects.requireNonNull(sealed, "sealed");
        requireWritable();
        read(() -> {
            profileFamily.putKey(scope, owner, sealed);
            return null;
        });
    }

    @Override
    public Optional<byte[]> findProfileKey(String scope, String owner) {
        return read(() -> profileFamily.findKey(scope, owner));
    }

    @Override
    public boolean deleteProfileKey(String scope, String owner) {
        requireWritable();
        return read(() -> profileFamily.deleteKey(scope, owner));
    }

    @Override
    public void addStatusReport(DeviceId device, io.lodestar.acs.store.ProfileStatusReport report) {
        Objects.requireNonNull(report, "report");
        requireWritable();
        read(() -> {
            profileFamily.addReport(device, report);
            return null;
        });
    }

    @Override
    public List<io.lodestar.acs.store.ProfileStatusReport> statusReports(DeviceId device, int limit) {
        return read(() -> profileFamily.reports(device, limit));
    }

    @Override
    public void deleteDeviceProfileData(DeviceId device) {
        Objects.requireNonNull(device, "device");
        requireWritable();
        read(() -> {
            profileFamily.deleteDevice(device);
            return null;
        });
    }

    // ---- commit -----------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>One synced {@link WriteBatch}: range deletes for {@code forgetLearned} and {@code deletedSubtrees}, then
     * the upserts, the device (keeping the tags stored for it, which only {@link #setTags} changes), the tasks,
     * the operations, the faults and the inform, with the histories pruned to {@link #FAULT_HISTORY} faults,
     * {@link #INFORM_HISTORY} informs and {@link #ENDED_OPERATIONS_KEPT} ended operations in the same batch.
     */
    @Override
    public void commit(SessionChanges changes) {
        commitAndFind(changes);
    }

    /** The device written is the one returned: the commit has it at hand, with the stored tags it kept. */
    @Override
    public Optional<Device> commitAndFind(SessionChanges changes) {
        requireWritable();
        Set<DeviceId> involved = new TreeSet<>();
        involved.add(changes.device().id());
        changes.tasks().forEach(t -> involved.add(t.deviceId()));
        changes.operations().forEach(o -> involved.add(o.deviceId()));
        changes.faults().forEach(f -> involved.add(f.deviceId()));
        if (changes.inform() != null) {
            involved.add(changes.inform().deviceId());
        }
        return locked(involved, () -> {
            Device device = changes.device();
            byte[] dev = Keys.device(device.id());
            try (WriteBatch batch = new WriteBatch(); ReadOptions ro = new ReadOptions()) {
                parameterIndex.commit(batch, ro, dev, changes);
                if (changes.forgetLearned()) {
                    batch.deleteRange(parameters, Keys.deviceStart(dev), Keys.deviceEnd(dev));
                }
                for (String subtree : changes.deletedSubtrees()) {
                    if (subtree.isEmpty() || ParameterPaths.isObject(subtree)) {
                        byte[][] range = subtree(dev, subtree);
                        batch.deleteRange(parameters, range[0], range[1]);
                    } else {
                        batch.delete(parameters, Keys.parameter(dev, subtree));
                    }
                }
                for (Parameter p : changes.upserts().values()) {
                    batch.put(parameters, Keys.parameter(dev, p.path()), RecordCodec.encodeParameter(p));
                }
                byte[] stored = db.get(devices, dev);
                Device before = stored == null ? null : RecordCodec.decodeDevice(stored);
                if (before != null) {
                    device = device.withTags(before.tags());
                }
                batch.put(devices, dev, RecordCodec.encodeDevice(device));
                summaryIndex.update(batch, dev, before, device);
                for (Task t : changes.tasks()) {
                    putTask(batch, t);
                }
                Map<DeviceId, List<Operation>> operationsByDevice = new LinkedHashMap<>();
                for (Operation o : changes.operations()) {
                    operationsByDevice.computeIfAbsent(o.deviceId(), k -> new ArrayList<>()).add(o);
                }
                for (Map.Entry<DeviceId, List<Operation>> e : operationsByDevice.entrySet()) {
                    putOperations(batch, ro, e.getKey(), e.getValue());
                }
                Map<DeviceId, List<DeviceFault>> faultsByDevice = new LinkedHashMap<>();
                for (DeviceFault f : changes.faults()) {
                    faultsByDevice.computeIfAbsent(f.deviceId(), k -> new ArrayList<>()).add(f);
                }
                for (Map.Entry<DeviceId, List<DeviceFault>> e : faultsByDevice.entrySet()) {
                    faultHistory.append(batch, ro, Keys.device(e.getKey()), e.getValue());
                }
                if (changes.inform() != null) {
                    InformRecord i = changes.inform();
                    informHistory.append(batch, ro, Keys.device(i.deviceId()), List.of(i));
                }
                db.write(writeOptions, batch);
            }
            return Optional.of(device);
        });
    }

    /**
     * Adds a device's operations to the batch, each in place of the stored one with its task id, and deletes
     * the ended operations beyond the history ({@link OperationHistory}), reading the stored ones first.
     */
    private void putOperations(WriteBatch batch, ReadOptions ro, DeviceId id, List<Operation> session)
            throws RocksDBException {
        byte[] dev = Keys.device(id);
        Map<TaskId, Operation> all = new TreeMap<>();
        Set<TaskId> stored = new java.util.HashSet<>();
        scan(operations, ro, Keys.deviceStart(dev), Keys.deviceEnd(dev), (key, value) -> {
            Operation o = RecordCodec.decodeOperation(value);
            all.put(o.taskId(), o);
            stored.add(o.taskId());
            return true;
        });
        for (Operation o : session) {
            all.put(o.taskId(), o);
        }
        Set<TaskId> dropped = new java.util.HashSet<>();
        for (Operation o : OperationHistory.beyondTheHistory(all.values())) {
            dropped.add(o.taskId());
            if (stored.contains(o.taskId())) {
                batch.delete(operations, Keys.operation(dev, o.taskId()));
            }
        }
        for (Operation o : session) {
            if (!dropped.contains(o.taskId())) {
                batch.put(operations, Keys.operation(dev, o.taskId()), RecordCodec.encodeOperation(o));
            }
        }
    }

    /** Adds records to a bounded history in the batch, deleting the oldest beyond {@code keep}. */
    // ---- plumbing ---------------------------------------------------------------------------------------

    /** The key range of the parameters under an object path, or of all of them for "". */
    private static byte[][] subtree(byte[] dev, String objectPath) {
        if (objectPath.isEmpty()) {
            return new byte[][] {Keys.deviceStart(dev), Keys.deviceEnd(dev)};
        }
        byte[] start = Keys.parameter(dev, objectPath);
        return new byte[][] {start, Keys.prefixEnd(start)};
    }

    @FunctionalInterface
    private interface Visitor {
        boolean visit(byte[] key, byte[] value) throws RocksDBException;
    }

    /** Visits the keys in {@code [from, to)} in order, while the visitor returns true. */
    private void scan(ColumnFamilyHandle cf, ReadOptions ro, byte[] from, byte[] to, Visitor visitor)
            throws RocksDBException {
        try (RocksIterator it = db.newIterator(cf, ro)) {
            for (it.seek(from); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (Keys.compare(key, to) >= 0 || !visitor.visit(key, it.value())) {
                    break;
                }
            }
            it.status();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws RocksDBException;
    }

    private <T> T read(Work<T> work) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return work.run();
        } catch (RocksDBException e) {
            throw unavailable(e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private <T> T locked(Collection<DeviceId> ids, Work<T> work) {
        int[] idx = ids.stream().mapToInt(id -> Math.floorMod(id.hashCode() * 0x9E3779B9, STRIPES))
                .distinct().sorted().toArray();
        for (int i : idx) {
            stripes[i].lock();
        }
        try {
            return read(work);
        } finally {
            for (int i = idx.length - 1; i >= 0; i--) {
                stripes[idx[i]].unlock();
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreUnavailableException("store " + dir + " is closed", null);
        }
    }

    private void requireWritable() {
        if (readOnly) {
            throw new UnsupportedOperationException("store " + dir + " is open read-only");
        }
    }

    private StoreUnavailableException unavailable(RocksDBException e) {
        return new StoreUnavailableException("store " + dir + ": " + e.getMessage(), e);
    }

    @Override
    public boolean acquireLease(DeviceId id, String owner, java.time.Duration ttl) {
        return leases.acquireLease(id, owner, ttl);
    }

    @Override
    public boolean renewLease(DeviceId id, String owner, java.time.Duration ttl) {
        return leases.renewLease(id, owner, ttl);
    }

    @Override
    public void releaseLease(DeviceId id, String owner) {
        leases.releaseLease(id, owner);
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            database.close();
            LOG.info("closed store {}", dir);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "RocksAcsStore[" + dir + (readOnly ? ", read-only" : "") + "]";
    }
}
