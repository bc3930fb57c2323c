package io.lodestar.acs.store.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.LearnedUdpBinding;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.DeviceQuery;
import io.lodestar.acs.store.TokenStore;
import io.lodestar.acs.store.ConnectionRequestStore;
import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.SealedCredentials;
import io.lodestar.acs.store.CpeCredentialStore;
import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads of devices through a Caffeine cache in front of any {@link AcsStore}. Per device it caches the summary
 * ({@link #findDevice}) and, once loaded, every parameter ({@link #loadSnapshot}, {@link #parameters}); the
 * cache is bounded in bytes: each entry weighs an estimate of the heap it holds (the device, and per parameter
 * its path, value and the map node that holds it), so a few huge trees and many small ones are bounded alike.
 * Everything else
 * (tasks, operations, histories, listings, and the API tokens when the store is a {@link TokenStore}) goes
 * straight to the store.
 *
 * <p>Correctness: every write goes to the store first; only when it has returned is the cached entry updated
 * (commit, register, setTags: the same change applied to the cached copy) or dropped (deleteDevice). Writes for
 * one device are serialised here so that the cached copy sees them in the store's order, and a load racing
 * a write either completes before the update is applied to it or starts after and reads the new state
 * (applying a commit is idempotent, so both orders give the stored state). After a write returns, reads
 * show it.
 */
public final class CachingAcsStore implements AcsStore, TokenStore, ConnectionRequestStore,
        CpeCredentialStore, io.lodestar.acs.store.ProfileStore {

    /** The default maximum weight: a fifth of the heap. */
    public static final long DEFAULT_MAXIMUM_WEIGHT = CacheSettings.defaultMaxBytes();
    /** What a cached device costs beside its parameters: the device record, its parts, the cache's own node. */
    static final int DEVICE_BYTES = 1024;
    /** What one cached parameter costs beside its path and value characters: the record, strings, tree node. */
    static final int PARAMETER_BYTES = 200;
    private static final int STRIPES = 256;

    /** How many CPE credential scopes (found or absent) are cached at most. */
    static final int CREDENTIALS_CACHED = 100_000;
    /** How long a cached CPE credential lookup is used at most (bounds what a write on another node leaves stale). */
    static final java.time.Duration CREDENTIALS_TTL = java.time.Duration.ofSeconds(30);

    private final AcsStore delegate;
    private final Cache<DeviceId, Entry> cache;
    private final Cache<CpeCredentialScope, Optional<CpeCredential>> credentials = Caffeine.newBuilder()
            .maximumSize(CREDENTIALS_CACHED)
            .expireAfterWrite(CREDENTIALS_TTL)
            .build();
    private final Lock[] stripes = new Lock[STRIPES];

    /**
     * What is cached for one device: its summary, and its parameters when they were loaded (else null), with the
     * bytes they are estimated to hold (computed once, when the entry is made).
     */
    record Entry(Device device, ParameterTree parameters, int weight) {
        Entry(Device device, ParameterTree parameters) {
            this(device, parameters, estimatedBytes(parameters));
        }
    }

    /**
     * The cached entry after a commit. A session that only upserts (every periodic one) adjusts the old weight by
     * what it touched instead of walking the whole tree again, so that a commit costs its changes, not the tree's
     * size; deletions and a forgotten tree are rare and weighed from scratch.
     */
    static Entry applied(Entry old, Device device, SessionChanges changes) {
        ParameterTree before = old.parameters();
        if (before == null) {
            return new Entry(device, null);
        }
        ParameterTree after = changes.applyTo(before);
        if (changes.forgetLearned() || !changes.deletedSubtrees().isEmpty()) {
            return new Entry(device, after);
        }
        long weight = old.weight();
        for (Parameter p : changes.upserts().values()) {
            Parameter replaced = before.get(p.path());
            weight += replaced == null ? PARAMETER_BYTES + bytesOf(p) : bytesOf(p) - bytesOf(replaced);
        }
        return new Entry(device, after, (int) Math.max(0, Math.min(Integer.MAX_VALUE, weight)));
    }

    private static long bytesOf(Parameter p) {
        return p.path().length() + (p.value() == null ? 0 : p.value().length());
    }

    /** The heap a device's cached entry holds, estimated: enough to bound the cache, cheap to compute. */
    static int estimatedBytes(ParameterTree parameters) {
        long bytes = DEVICE_BYTES;
        if (parameters != null) {
            for (Parameter p : parameters) {
                bytes += PARAMETER_BYTES + bytesOf(p);
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    public CachingAcsStore(AcsStore delegate) {
        this(delegate, DEFAULT_MAXIMUM_WEIGHT);
    }

    /** @param maximumWeight how many bytes (estimated) the cached devices and parameters hold at most */
    public CachingAcsStore(AcsStore delegate, long maximumWeight) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maximumWeight)
                .<DeviceId, Entry>weigher((id, e) -> e.weight())
                .recordStats()
                .build();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** The cache's hit and miss counts, for monitoring. */
    public CacheStats cacheStats() {
        return cache.stats();
    }

    /**
     * The Caffeine cache itself (it records statistics), for a metrics binder such as Micrometer's
     * CaffeineCacheMetrics to read; not for reading or writing entries, which only this store does.
     */
    public Cache<?, ?> cacheForMonitoring() {
        return cache;
    }

    /** The cached weight (estimated bytes) now, for monitoring. */
    public long cachedWeight() {
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    // ---- cached reads -----------------------------------------------------------------------------------

    // loadSessionStart is left to the contract's default on purpose: its snapshot must come from this cache's
    // loadSnapshot (the delegate's own loadSessionStart would read the device again on every session), and its
    // tasks and operations go to the delegate anyway. The delegate is the embedded store, which has no shorter way
    // to answer it; over an engine that has one (Cassandra's markers of pending work) this would read the queue
    // and the operations as its own calls do: right, only without that engine's saving. The same holds for
    // acquireLeaseAndLoadSessionStart: the default takes the delegate's lease, then reads through this cache.

    @Override
    public Optional<DeviceSnapshot> loadSnapshot(DeviceId id) {
        Entry e = cache.getIfPresent(id);
        if (e != null && e.parameters() != null) {
            return Optional.of(new DeviceSnapshot(e.device(), e.parameters()));
        }
        Entry loaded = cache.asMap().compute(id, (k, old) -> {
            if (old != null && old.parameters() != null) {
                return old;
            }
            return delegate.loadSnapshot(k).map(s -> new Entry(s.device(), s.tree())).orElse(null);
        });
        return Optional.ofNullable(loaded).map(x -> new DeviceSnapshot(x.device(), x.parameters()));
    }

    @Override
    public Optional<Device> findDevice(DeviceId id) {
        Entry e = cache.get(id, k -> delegate.findDevice(k).map(d -> new Entry(d, null)).orElse(null));
        return Optional.ofNullable(e).map(Entry::device);
    }

    @Override
    public List<Parameter> parameters(DeviceId id, String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        Entry e = cache.getIfPresent(id);
        if (e == null || e.parameters() == null) {
            return delegate.parameters(id, prefix);
        }
        return e.parameters().subtree(prefix).stream().toList(); // in path order
    }

    // ---- writes: store first, then the cached copy ------------------------------------------------------

    @Override
    public void commit(SessionChanges changes) {
        commitAndFind(changes);
    }

    @Override
    public Optional<Device> commitAndFind(SessionChanges changes) {
        DeviceId id = changes.device().id();
        Lock lock = stripe(id);
        lock.lock();
        try {
            // the store decides what the device becomes (it keeps the stored tags): the engine returns it (the
            // embedded one has it at hand; others read it back)
            Optional<Device> stored = delegate.commitAndFind(changes);
            Device device = stored.orElse(null);
            updateLoaded(id, old -> device == null ? null : applied(old, device, changes));
            return stored;
        } catch (RuntimeException e) {
            cache.invalidate(id);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Device register(Device device) {
        return write(device.id(), () -> {
            Device stored = delegate.register(device);
            refreshDevice(device.id(), stored);
            return stored;
        });
    }

    @Override
    public Optional<Device> setTags(DeviceId id, Set<String> tags) {
        return write(id, () -> {
            Optional<Device> stored = delegate.setTags(id, tags);
            if (stored.isPresent()) {
                refreshDevice(id, stored.get());
            } else {
                cache.invalidate(id);
            }
            return stored;
        });
    }

    @Override
    public boolean deleteDevice(DeviceId id) {
        return write(id, () -> {
            try {
                return delegate.deleteDevice(id);
            } finally {
                cache.invalidate(id);
            }
        });
    }

    private void refreshDevice(DeviceId id, Device stored) {
        updateLoaded(id, old -> new Entry(stored, old.parameters()));
    }

    /**
     * Applies a write the store acknowledged to the device's cached entry, if there is one. Not computeIfPresent:
     * Caffeine's answers "absent" without waiting while another thread is loading the device for the first time
     * (its entry is not in the map yet), and that load, which read the device before this write, would then be
     * cached as it read it. compute waits for the load and updates its result (applying a change to an entry that
     * already has it changes nothing).
     */
    private void updateLoaded(DeviceId id, java.util.function.UnaryOperator<Entry> update) {
        cache.asMap().compute(id, (k, old) -> old == null ? null : update.apply(old));
    }

    private <T> T write(DeviceId id, java.util.function.Supplier<T> work) {
        Lock lock = stripe(id);
        lock.lock();
        try {
            return work.get();
        } catch (RuntimeException e) {
            cache.invalidate(id);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private Lock stripe(DeviceId id) {
        return stripes[Math.floorMod(id.hashCode() * 0x9E3779B9, STRIPES)];
    }

    // ---- straight through -------------------------------------------------------------------------------

    @Override
    public List<Device> listDevices(DeviceId after, int limit) {
        return delegate.listDevices(after, limit);
    }

    @Override
    public List<Device> findDevices(DeviceQuery query, DeviceId after, int limit) {
        return delegate.findDevices(query, after, limit);
    }

    @Override
    public io.lodestar.acs.store.IndexedParameters indexedParameters() {
        return delegate.indexedParameters();
    }

    @Override
    public boolean acquireLease(DeviceId id, String owner, java.time.Duration ttl) {
        return delegate.acquireLease(id, owner, ttl);
    }

    @Override
    public boolean renewLease(DeviceId id, String owner, java.time.Duration ttl) {
        return delegate.renewLease(id, owner, ttl);
    }

    @Override
    public void releaseLease(DeviceId id, String owner) {
        delegate.releaseLease(id, owner);
    }

    @Override
    public List<InformRecord> informs(DeviceId id, int limit) {
        return delegate.informs(id, limit);
    }

    @Override
    public List<DeviceFault> faults(DeviceId id, int limit) {
        return delegate.faults(id, limit);
    }

    /** Straight to the store: a commit (through {@link #commit}) or a deletion shows at once. */
    @Override
    public List<Operation> operations(DeviceId id) {
        return delegate.operations(id);
    }

    @Override
    public Task addTask(Task task) {
        return delegate.addTask(task);
    }

    @Override
    public Optional<Task> findTask(TaskId id) {
        return delegate.findTask(id);
    }

    @Override
    public List<Task> tasks(DeviceId deviceId) {
        return delegate.tasks(deviceId);
    }

    @Override
    public List<Task> pendingTasks(DeviceId deviceId) {
        return delegate.pendingTasks(deviceId);
    }

    @Override
    public Optional<Task> cancelTask(TaskId id, Instant now) {
        return delegate.cancelTask(id, now);
    }

    // ---- tokens: straight through ------------------------------------------------------------------------
    // Not cached: a revocation must take effect at once (a cached token would stay valid until evicted), and a
    // token is read once per API request by id, a single-key read the engine serves quickly anyway.

    @Override
    public void addToken(ApiToken token) {
        tokenStore().addToken(token);
    }

    @Override
    public Optional<ApiToken> findToken(String id) {
        return tokenStore().findToken(id);
    }

    @Override
    public List<ApiToken> tokens() {
        return tokenStore().tokens();
    }

    @Override
    public Optional<ApiToken> revokeToken(String id, Instant now) {
        return tokenStore().revokeToken(id, now);
    }

    /** The store as a token store; both engines are one. */
    private TokenStore tokenStore() {
        if (delegate instanceof TokenStore tokens) {
            return tokens;
        }
        throw new UnsupportedOperationException("the store under this cache keeps no API tokens: " + delegate);
    }

    // connection requests are not cached: written from several nodes at any time, read once per wake

    @Override
    public void putCredentials(DeviceId id, SealedCredentials credentials) {
        connectionRequestStore().putCredentials(id, credentials);
    }

    @Override
    public Optional<SealedCredentials> credentials(DeviceId id) {
        return connectionRequestStore().credentials(id);
    }

    @Override
    public void putAttempt(DeviceId id, ConnectionRequestAttempt attempt) {
        connectionRequestStore().putAttempt(id, attempt);
    }

    @Override
    public Optional<ConnectionRequestAttempt> lastAttempt(DeviceId id) {
        return connectionRequestStore().lastAttempt(id);
    }

    @Override
    public void putUdpBinding(DeviceId id, LearnedUdpBinding binding) {
        connectionRequestStore().putUdpBinding(id, binding);
    }

    @Override
    public Optional<LearnedUdpBinding> udpBinding(DeviceId id) {
        return connectionRequestStore().udpBinding(id);
    }

    @Override
    public void forgetConnectionRequests(DeviceId id) {
        connectionRequestStore().forgetConnectionRequests(id);
    }

    private ConnectionRequestStore connectionRequestStore() {
        if (delegate instanceof ConnectionRequestStore s) {
            return s;
        }
        throw new UnsupportedOperationException("the store under this cache keeps no connection request data: "
                + delegate);
    }

    // ---- CPE credentials: straight through ---------------------------------------------------------------
    // Not cached: a changed or deleted credential must take effect at the device's next Inform, on every node.

    @Override
    public void putCpeCredential(CpeCredentialScope scope, CpeCredential credential) {
        try {
            credentialStore().putCpeCredential(scope, credential);
        } finally {
            credentials.invalidate(scope);
        }
    }

    @Override
    public boolean putCpeCredentialIfAbsent(CpeCredentialScope scope, CpeCredential credential) {
        try {
            return credentialStore().putCpeCredentialIfAbsent(scope, credential);
        } finally {
            credentials.invalidate(scope);
        }
    }

    /**
     * Through a cache of its own (found and absent alike, {@link #CREDENTIALS_CACHED} scopes at most, each kept
     * {@link #CREDENTIALS_TTL} at most): every authenticated Inform looks up its device's, its product class's and
     * the fleet's credentials, and they seldom change. A write through this store drops the scope's entry once the
     * store has it (a load racing the write ends before the entry is dropped, or reads the new value); a write
     * through another node is seen after the time-to-live at the latest. A device's pending credentials
     * (a scope no Inform can name, looked up only when a CPE presents a user other than the one in force) are not
     * cached: the node that set them may not be the one the device comes back to.
     */
    @Override
    public Optional<CpeCredential> findCpeCredential(CpeCredentialScope scope) {
        if (scope instanceof CpeCredentialScope.Device d && !d.id().value().isEmpty()
                && d.id().value().charAt(0) == '\u0001') {
            return credentialStore().findCpeCredential(scope);
        }
        return credentials.get(scope, s -> credentialStore().findCpeCredential(s));
    }

    @Override
    public boolean deleteCpeCredential(CpeCredentialScope scope) {
        try {
            return credentialStore().deleteCpeCredential(scope);
        } finally {
            credentials.invalidate(scope);
        }
    }

    // ---- phone profiles: not cached, passed through --------------------------------------------------------

    private io.lodestar.acs.store.ProfileStore profiles() {
        if (delegate instanceof io.lodestar.acs.store.ProfileStore p) {
            return p;
        }
        throw new UnsupportedOperationException("the store under this cache keeps no profile data: " + delegate);
    }

    @Override
    public void putProfileTemplate(io.lodestar.acs.store.StoredProfileTemplate template) {
        profiles().putProfileTemplate(template);
    }

    @Override
    public Optional<io.lodestar.acs.store.StoredProfileTemplate> findProfileTemplate(String name) {
        return profiles().findProfileTemplate(name);
    }

    @Override
    public List<io.lodestar.acs.store.StoredProfileTemplate> profileTemplates() {
        return profiles().profileTemplates();
    }

    @Override
    public boolean deleteProfileTemplate(String name) {
        return profiles().deleteProfileTemplate(name);
    }

    @Override
    public void putProfileValue(io.lodestar.acs.store.ProfileValueKey key, String value) {
        profiles().putProfileValue(key, value);
    }

    @Override
    public Optional<String> findProfileValue(io.lodestar.acs.store.ProfileValueKey key) {
        return profiles().findProfileValue(key);
    }

    @Override
    public java.util.Map<String, String> profileValues(io.lodestar.acs.store.ProfileValueKey.Scope scope, String owner) {
        return profiles().profileValues(scope, owner);
    }

    @Override
    public boolean deleteProfileValue(io.lodestar.acs.store.ProfileValueKey key) {
        return profiles().deleteProfileValue(key);
    }

    @Override
    public void putProfileKey(String scope, String owner, byte[] sealed) {
        profiles().putProfileKey(scope, owner, sealed);
    }

    @Override
    public Optional<byte[]> findProfileKey(String scope, String owner) {
        return profiles().findProfileKey(scope, owner);
    }

    @Override
    public boolean deleteProfileKey(String scope, String owner) {
        return profiles().deleteProfileKey(scope, owner);
    }

    @Override
    public void addStatusReport(DeviceId device, io.lodestar.acs.store.ProfileStatusReport report) {
        profiles().addStatusReport(device, report);
    }

    @Override
    public List<io.lodestar.acs.store.ProfileStatusReport> statusReports(DeviceId device, int limit) {
        return profiles().statusReports(device, limit);
    }

    @Override
    public void deleteDeviceProfileData(DeviceId device) {
        profiles().deleteDeviceProfileData(device);
    }

    private CpeCredentialStore credentialStore() {
        if (delegate instanceof CpeCredentialStore credentials) {
            return credentials;
        }
        throw new UnsupportedOperationException("the store under this cache keeps no CPE credentials: " + delegate);
    }

    @Override
    public void close() {
        cache.invalidateAll();
        delegate.close();
    }

    @Override
    public String toString() {
        return "CachingAcsStore[" + delegate + "]";
    }
}
