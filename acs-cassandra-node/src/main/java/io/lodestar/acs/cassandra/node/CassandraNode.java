package io.lodestar.acs.cassandra.node;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A real Apache Cassandra node (cassandra-all 5.0) in its own JVM, for tests and for trying cluster mode.
 *
 * <pre>{@code
 * try (CassandraNode node = CassandraNode.builder().directory(dir).build().start()) {
 *     CqlSession session = CqlSession.builder()
 *             .addContactPoint(node.contactPoint())
 *             .withLocalDatacenter(node.localDatacenter())
 *             .build();
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #start()} writes {@code cassandra.yaml}, {@code logback.xml} and {@code jvm.args} into the node's
 * directory, forks {@code java} from {@code java.home} with the classpath this module's build resolved, and
 * returns once the native port answers CQL. Ports left at 0 are chosen free on the first start (and chosen
 * again if Cassandra cannot bind them); a later {@link #start()} on the same directory keeps the data and
 * the same ports, so clients can reconnect. Cassandra logs to {@code node.log} in the directory, never to
 * this JVM's output. A node still running when this JVM exits is killed by a shutdown hook, and a node
 * whose parent JVM disappears (kill -9) halts itself.
 *
 * <p>Thread-safe: the lifecycle methods are serialised.
 */
public final class CassandraNode implements AutoCloseable {

    /** The datacenter name SimpleSnitch reports: the one to give the driver as local datacenter. */
    public static final String DATACENTER = "datacenter1";

    private static final int BIND_ATTEMPTS = 5;
    private static final int LOG_TAIL_LINES = 60;
    private static final Set<CassandraNode> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(CassandraNode::stopAllOnExit, "lodestar-cassandra-node-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private final Path directory;
    private final String clusterName;
    private final String listenAddress;
    private final String seeds;
    private final String heap;
    private final int processors;
    private final int numTokens;
    private final int jmxPort;
    private final boolean fastStartup;
    private final boolean gracefulStopOnExit;
    private final Duration startupTimeout;
    private final Duration stopGracePeriod;
    private final List<String> extraJvmOptions;
    private final Map<String, String> extraYaml;
    private final IntSupplier portChooser;

    private final int requestedNativePort;
    private final int requestedStoragePort;
    private int nativePort;
    private int storagePort;
    private boolean portsFixed;

    private Process process;
    private volatile boolean stopRequested;
    private FileChannel lockChannel;
    private FileLock lock;

    private CassandraNode(Builder b) {
        this.directory = b.directory.toAbsolutePath().normalize();
        this.clusterName = b.clusterName;
        this.listenAddress = b.listenAddress;
        this.seeds = b.seeds;
        this.heap = b.heap;
        this.processors = b.processors;
        this.numTokens = b.numTokens;
        this.jmxPort = b.jmxPort;
        this.fastStartup = b.fastStartup;
        this.gracefulStopOnExit = b.gracefulStopOnExit;
        this.startupTimeout = b.startupTimeout;
        this.stopGracePeriod = b.stopGracePeriod;
        this.extraJvmOptions = List.copyOf(b.jvmOptions);
        this.extraYaml = Map.copyOf(b.yaml);
        this.portChooser = b.portChooser != null ? b.portChooser : this::freePort;
        this.requestedNativePort = b.nativePort;
        this.requestedStoragePort = b.storagePort;
        this.nativePort = b.nativePort;
        this.storagePort = b.storagePort;
        this.portsFixed = b.nativePort != 0 && b.storagePort != 0;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the node (a no-op when it runs) and returns once its native port answers CQL.
     *
     * @throws CassandraNodeException when the node exits or is not ready within the startup timeout; the
     *                                message carries the last lines of {@code node.log}
     */
    public synchronized CassandraNode start() {
        if (isRunning()) {
            return this;
        }
        stopRequested = false;
        CassandraClasspath classpath = CassandraClasspath.load();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the node directory " + directory, e);
        }
        lockDirectory();
        try {
            for (int attempt = 1; ; attempt++) {
                boolean choosePorts = !portsFixed;
                if (choosePorts) {
                    choosePorts();
                }
                long logOffset = logSize();
                launch(classpath);
                try {
                    awaitReady(logOffset);
                    portsFixed = true;
                    return this;
                } catch (CassandraNodeException e) {
                    terminate(Duration.ZERO);
                    if (choosePorts && attempt < BIND_ATTEMPTS && boundChosenPortInVain(logOffset)) {
                        continue; // someone took a port between choosing it and Cassandra binding it
                    }
                    throw e;
                }
            }
        } catch (RuntimeException | Error e) {
            releaseDirectory();
            throw e;
        }
    }

    /**
     * Stops the node: SIGTERM (Cassandra drains and exits), SIGKILL if it is still running after the grace
     * period; returns when the process is gone. A no-op when the node does not run.
     */
    public synchronized void stop() {
        destroy(stopGracePeriod);
    }

    /** Kills the node at once (SIGKILL), as a crash would; returns when the process is gone. */
    public synchronized void kill() {
        destroy(Duration.ZERO);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Waits until the node's process exits; returns at once when it does not run. */
    void awaitExit() throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p != null) {
            p.waitFor();
        }
    }

    /** Whether the node was last stopped or killed through this object (rather than dying by itself). */
    boolean stopRequested() {
        return stopRequested;
    }

    /** The process id of the node's JVM while it runs. */
    public synchronized OptionalLong pid() {
        return isRunning() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /** Address and native (CQL) port; known from the first {@link #start()} on (or from the builder). */
    public synchronized InetSocketAddress contactPoint() {
        if (nativePort == 0) {
            throw new IllegalStateException("the native port is chosen on the first start(); start the node first");
        }
        return new InetSocketAddress(listenAddress, nativePort);
    }

    /** {@value #DATACENTER}: the nodes use SimpleSnitch. */
    public String localDatacenter() {
        return DATACENTER;
    }

    public String clusterName() {
        return clusterName;
    }

    public synchronized int nativePort() {
        return nativePort;
    }

    public synchronized int storagePort() {
        return storagePort;
    }

    public Path directory() {
        return directory;
    }

    /** Cassandra's log (stdout and stderr of the node JVM). */
    public Path logFile() {
        return directory.resolve("node.log");
    }

    /** The last lines of {@link #logFile()}, for failure messages. */
    public List<String> logTail(int lines) {
        return readTail(0, lines);
    }

    @Override
    public String toString() {
        return "CassandraNode[" + directory + ", " + listenAddress + ":" + nativePort + "]";
    }

    // ---------------------------------------------------------------------------------------------------------

    private void launch(CassandraClasspath classpath) {
        try {
            Files.createDirectories(directory.resolve("logs"));
            Files.writeString(directory.resolve("cassandra.yaml"), yaml());
            Files.writeString(directory.resolve("logback.xml"), LOGBACK);
            Path argFile = directory.resolve("jvm.args");
            Files.writeString(argFile, argFile(jvmArguments(classpath)));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder pb = new ProcessBuilder(java.toString(), "@" + argFile)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().remove("_JAVA_OPTIONS");
            process = pb.start();
            process.getOutputStream().close(); // the node reads nothing
            RUNNING.add(this);
        } catch (IOException e) {
            throw new CassandraNodeException("cannot start the Cassandra node in " + directory + ": " + e, e);
        }
    }

    private void awaitReady(long logOffset) {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        InetSocketAddress address = contactPoint();
        boolean sawListening = false;
        while (true) {
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " while starting", logOffset);
            }
            if (!sawListening) {
                sawListening = logContains(logOffset, "Starting listening for CQL clients")
                        || logContains(logOffset, "Startup complete");
            }
            // the log line tells our node from anything else that might have taken the port
            if (sawListening && CqlProbe.speaksCql(address, 1000)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw failure("did not answer CQL on " + address + " within " + startupTimeout.toSeconds() + " s",
                        logOffset);
            }
            try {
                // waits for the process to exit or 100 ms to pass, whichever comes first
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CassandraNodeException("interrupted while starting the node in " + directory, e);
            }
        }
    }

    private void destroy(Duration grace) {
        stopRequested = true;
        if (terminate(grace)) {
            releaseDirectory();
        }
    }

    /** Ends the process; true when it is gone. */
    private boolean terminate(Duration grace) {
        Process p = process;
        if (p == null) {
            return true;
        }
        try {
            if (p.isAlive()) {
                if (!grace.isZero()) {
                    p.destroy(); // SIGTERM: Cassandra's own shutdown hook drains the node
                    if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                        p.destroyForcibly();
                    }
                } else {
                    p.destroyForcibly();
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new CassandraNodeException("the node process " + p.pid() + " in " + directory
                        + " did not exit after SIGKILL");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            if (!p.isAlive()) {
                process = null;
                RUNNING.remove(this);
            }
        }
        return process == null;
    }

    private static void stopAllOnExit() {
        for (CassandraNode node : List.copyOf(RUNNING)) {
            try {
                if (node.gracefulStopOnExit) {
                    node.stop();
                } else {
                    node.kill();
                }
            } catch (RuntimeException e) {
                // exiting anyway
            }
        }
    }

    private void choosePorts() {
        nativePort = requestedNativePort != 0 ? requestedNativePort : choosePort(storagePort);
        storagePort = requestedStoragePort != 0 ? requestedStoragePort : choosePort(nativePort);
    }

    private int choosePort(int notThis) {
        for (int i = 0; i < 20; i++) {
            int port = portChooser.getAsInt();
            if (port != notThis && port != jmxPort) {
                return port;
            }
        }
        throw new CassandraNodeException("cannot find a free port on " + listenAddress);
    }

    /** A port nothing listens on now: bound to port 0, then released (Cassandra binds it a moment later). */
    private int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(address(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new CassandraNodeException("cannot find a free port on " + listenAddress + ": " + e, e);
        }
    }

    private InetAddress address() {
        try {
            return InetAddress.getByName(listenAddress);
        } catch (IOException e) {
            throw new CassandraNodeException("bad listen address " + listenAddress + ": " + e, e);
        }
    }

    /** Whether the start failed because a port we chose was taken (not one the builder was given). */
    private boolean boundChosenPortInVain(long logOffset) {
        List<String> bindErrors = readTail(logOffset, 400).stream()
                .filter(line -> BIND_ERRORS.stream().anyMatch(line.toLowerCase(Locale.ROOT)::contains))
                .toList();
        return !bindErrors.isEmpty() && bindErrors.stream().noneMatch(line ->
                (requestedNativePort != 0 && mentionsPort(line, requestedNativePort))
                        || (requestedStoragePort != 0 && mentionsPort(line, requestedStoragePort)));
    }

    private static boolean mentionsPort(String line, int port) {
        return line.matches(".*[^0-9]" + port + "([^0-9].*)?");
    }

    private static final List<String> BIND_ERRORS = List.of(
            "address already in use", "failed to bind", "unable to bind", "is in use by another process");

    private CassandraNodeException failure(String what, long logOffset) {
        StringBuilder message = new StringBuilder("Cassandra node in ").append(directory).append(' ').append(what)
                .append("; last lines of ").append(logFile()).append(":\n");
        for (String line : readTail(logOffset, LOG_TAIL_LINES)) {
            message.append("    ").append(line).append('\n');
        }
        return new CassandraNodeException(message.toString());
    }

    // ----------------------------------------------------------------------------------------------- the files

    List<String> jvmArguments(CassandraClasspath classpath) {
        List<String> args = new ArrayList<>();
        args.add("-Xmx" + heap);
        args.add("-Xss256k");
        args.add("-XX:ActiveProcessorCount=" + processors);
        args.add("-XX:+UseG1GC");
        args.add("-XX:+ParallelRefProcEnabled");
        args.add("-XX:MaxTenuringThreshold=1");
        args.add("-XX:MaxGCPauseMillis=300");
        args.add("-XX:+PerfDisableSharedMem");
        args.add("-XX:+ExitOnOutOfMemoryError");
        args.add("-XX:+HeapDumpOnOutOfMemoryError");
        args.add("-XX:HeapDumpPath=" + directory.resolve("logs"));
        args.addAll(JPMS_OPTIONS);
        args.add("-Djdk.attach.allowAttachSelf=true");
        args.add("-Djava.net.preferIPv4Stack=true");
        args.add("-Dio.netty.tryReflectionSetAccessible=true");
        args.add("-Dio.netty.allocator.useCacheForAllThreads=true");
        args.add("-Dio.netty.allocator.maxOrder=11");
        classpath.jamm().ifPresent(jamm -> args.add("-javaagent:" + jamm));
        args.add("-Dcassandra-foreground=yes");
        args.add("-Dcassandra.config=" + directory.resolve("cassandra.yaml").toUri());
        args.add("-Dcassandra.storagedir=" + directory);
        args.add("-Dcassandra.logdir=" + directory.resolve("logs"));
        args.add("-Dlogback.configurationFile=" + directory.resolve("logback.xml").toUri());
        if (fastStartup) {
            args.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
            args.add("-Dcassandra.ring_delay_ms=100");
            args.add("-Dcassandra.shutdown_announce_in_ms=200");
        }
        if (jmxPort > 0) {
            args.add("-Dcassandra.jmx.local.port=" + jmxPort);
        }
        args.add("-D" + NodeLauncher.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        args.addAll(extraJvmOptions);
        args.add("-cp");
        args.add(classpath.asClasspath());
        args.add(NodeLauncher.class.getName());
        return args;
    }

    String yaml() {
        Map<String, String> y = new LinkedHashMap<>();
        y.put("cluster_name", quote(clusterName));
        y.put("num_tokens", Integer.toString(numTokens));
        y.put("allocate_tokens_for_local_replication_factor", "3"); // even ownership in a local cluster
        y.put("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner");
        y.put("data_file_directories", "\n  - " + quote(directory.resolve("data").toString()));
        y.put("commitlog_directory", quote(directory.resolve("commitlog").toString()));
        y.put("hints_directory", quote(directory.resolve("hints").toString()));
        y.put("saved_caches_directory", quote(directory.resolve("saved_caches").toString()));
        y.put("cdc_raw_directory", quote(directory.resolve("cdc_raw").toString()));
        y.put("seed_provider", "\n  - class_name: org.apache.cassandra.locator.SimpleSeedProvider"
                + "\n    parameters:\n      - seeds: " + quote(seedList()));
        y.put("listen_address", listenAddress);
        y.put("rpc_address", listenAddress);
        y.put("storage_port", Integer.toString(storagePort));
        y.put("native_transport_port", Integer.toString(nativePort));
        y.put("start_native_transport", "true");
        y.put("endpoint_snitch", "SimpleSnitch");
        y.put("storage_compatibility_mode", "NONE");
        // batch: a write is acknowledged once it is synced, so it survives kill() as the tests expect (periodic
        // sync would lose what arrived in the last period); on an SSD about as fast as periodic for one node
        y.put("commitlog_sync", "batch");
        y.put("commitlog_segment_size", "8MiB");
        y.put("auto_snapshot", "false");
        y.put("snapshot_before_compaction", "false");
        y.put("concurrent_reads", "8");
        y.put("concurrent_writes", "8");
        y.put("concurrent_counter_writes", "4");
        y.put("concurrent_materialized_view_writes", "4");
        y.put("concurrent_compactors", "1");
        y.put("memtable_allocation_type", "heap_buffers");
        y.put("dynamic_snitch", "false");
        y.put("hinted_handoff_enabled", "true");
        y.put("authenticator", "AllowAllAuthenticator");
        y.put("authorizer", "AllowAllAuthorizer");
        y.put("read_request_timeout", "10000ms");
        y.put("write_request_timeout", "10000ms");
        y.putAll(extraYaml);
        if ("periodic".equals(y.get("commitlog_sync"))) {
            y.putIfAbsent("commitlog_sync_period", "10000ms");
        }
        StringBuilder out = new StringBuilder("# written by io.lodestar.acs.cassandra.node.CassandraNode on every start\n");
        y.forEach((k, v) -> out.append(k).append(':').append(v.startsWith("\n") ? "" : " ").append(v).append('\n'));
        return out.toString();
    }

    private String seedList() {
        List<String> withPorts = new ArrayList<>();
        for (String seed : seeds.split(",")) {
            String s = seed.trim();
            if (!s.isEmpty()) {
                withPorts.add(s.contains(":") ? s : s + ":" + storagePort);
            }
        }
        return String.join(",", withPorts);
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String argFile(List<String> args) {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            out.append('"').append(arg.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return out.toString();
    }

    /** Cassandra 5.0's conf/jvm17-server.options (JPMS section): what Cassandra, jamm and Chronicle reach into. */
    static final List<String> JPMS_OPTIONS = List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.math=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED");

    private static final String LOGBACK = """
            <!-- written by io.lodestar.acs.cassandra.node.CassandraNode; the node's stdout goes to node.log -->
            <configuration>
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder>
                  <pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern>
                </encoder>
              </appender>
              <root level="INFO">
                <appender-ref ref="STDOUT"/>
              </root>
            </configuration>
            """;

    // ------------------------------------------------------------------------------------------------ the log

    private long logSize() {
        try {
            return Files.exists(logFile()) ? Files.size(logFile()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private boolean logContains(long offset, String text) {
        return readTail(offset, Integer.MAX_VALUE).stream().anyMatch(line -> line.contains(text));
    }

    /** The last {@code lines} lines of the log written after {@code offset} (at most its last 1 MiB). */
    private List<String> readTail(long offset, int lines) {
        Path log = logFile();
        if (!Files.exists(log)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(offset, file.length() - (1 << 20));
            byte[] bytes = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            Deque<String> tail = new ArrayDeque<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
                tail.addLast(line);
                if (tail.size() > lines) {
                    tail.removeFirst();
                }
            }
            return List.copyOf(tail);
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e + ")");
        }
    }

    // ----------------------------------------------------------------------------------- one node per directory

    private void lockDirectory() {
        try {
            lockChannel = FileChannel.open(directory.resolve("node.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + directory, e);
        }
        if (lock == null) {
            closeQuietly(lockChannel);
            lockChannel = null;
            throw new CassandraNodeException("another node runs in " + directory + " (node.lock is held)");
        }
    }

    private void releaseDirectory() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException e) {
            // the channel closes anyway
        }
        lock = null;
        closeQuietly(lockChannel);
        lockChannel = null;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing to do
            }
        }
    }

    // --------------------------------------------------------------------------------------------- the builder

    /** How to run a node. Only {@link #directory(Path)} is required. */
    public static final class Builder {
        private Path directory;
        private String clusterName = "lodestar-test";
        private String listenAddress = "127.0.0.1";
        private String seeds;
        private String heap = "1g";
        private int processors = Math.min(4, Runtime.getRuntime().availableProcessors());
        private int numTokens = 16;
        private int nativePort;
        private int storagePort;
        private int jmxPort;
        private boolean fastStartup = true;
        private boolean gracefulStopOnExit;
        private Duration startupTimeout = Duration.ofSeconds(120);
        private Duration stopGracePeriod = Duration.ofSeconds(30);
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> yaml = new LinkedHashMap<>();
        private IntSupplier portChooser;

        private Builder() {
        }

        /** Tests only: where ports left at 0 come from (default: a free port on the listen address). */
        Builder portChooser(IntSupplier chooser) {
            this.portChooser = Objects.requireNonNull(chooser);
            return this;
        }

        /** Where the node keeps its configuration, data and {@code node.log}; created when missing. */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** {@code cluster_name}; default {@code lodestar-test}. Cannot change once the node has data. */
        public Builder clusterName(String clusterName) {
            this.clusterName = requireText(clusterName, "clusterName");
            return this;
        }

        /** {@code listen_address} and {@code rpc_address}; default 127.0.0.1. */
        public Builder listenAddress(String listenAddress) {
            this.listenAddress = requireText(listenAddress, "listenAddress");
            return this;
        }

        /** Comma-separated seed addresses ({@code host} or {@code host:port}); default the listen address. */
        public Builder seeds(String seeds) {
            this.seeds = requireText(seeds, "seeds");
            return this;
        }

        /** Heap size as for {@code -Xmx} (e.g. {@code 1g}, {@code 768m}); default 1g. */
        public Builder heap(String heap) {
            if (!requireText(heap, "heap").matches("[0-9]+[kKmMgG]?")) {
                throw new IllegalArgumentException("heap must look like 1g or 768m, not " + heap);
            }
            this.heap = heap;
            return this;
        }

        /** Processors the node JVM sees (thread pools and Netty arenas scale with it); default min(4, cores). */
        public Builder processors(int processors) {
            if (processors < 1) {
                throw new IllegalArgumentException("processors must be at least 1");
            }
            this.processors = processors;
            return this;
        }

        /** {@code num_tokens}; default 16. */
        public Builder numTokens(int numTokens) {
            if (numTokens < 1) {
                throw new IllegalArgumentException("numTokens must be at least 1");
            }
            this.numTokens = numTokens;
            return this;
        }

        /** CQL port; 0 (the default) picks a free one on the first start. */
        public Builder nativePort(int port) {
            this.nativePort = checkPort(port);
            return this;
        }

        /** Inter-node port; 0 (the default) picks a free one on the first start. */
        public Builder storagePort(int port) {
            this.storagePort = checkPort(port);
            return this;
        }

        /** Local JMX port (for nodetool); 0, the default, runs the node without JMX. */
        public Builder jmxPort(int port) {
            this.jmxPort = checkPort(port);
            return this;
        }

        /**
         * Whether to skip Cassandra's waits for gossip to settle (ring delay 100 ms, shutdown announced for
         * 200 ms instead of 2 s); default true, which is right for one node and for small local clusters
         * started one node after the other.
         */
        public Builder fastStartup(boolean fastStartup) {
            this.fastStartup = fastStartup;
            return this;
        }

        /** Whether the exit hook stops the node gracefully (drain) rather than killing it; default false. */
        public Builder gracefulStopOnExit(boolean graceful) {
            this.gracefulStopOnExit = graceful;
            return this;
        }

        /** How long {@link CassandraNode#start()} waits for CQL; default 120 s. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = positive(timeout, "startupTimeout");
            return this;
        }

        /** How long {@link CassandraNode#stop()} waits after SIGTERM before SIGKILL; default 30 s. */
        public Builder stopGracePeriod(Duration grace) {
            this.stopGracePeriod = positive(grace, "stopGracePeriod");
            return this;
        }

        /** An extra option for the node JVM, e.g. {@code -Dcassandra.some_flag=true}. */
        public Builder jvmOption(String option) {
            jvmOptions.add(requireText(option, "option"));
            return this;
        }

        /**
         * Sets (or overrides) a top-level {@code cassandra.yaml} entry; the value is written as is, e.g.
         * {@code yaml("materialized_views_enabled", "true")}.
         */
        public Builder yaml(String key, String value) {
            yaml.put(requireText(key, "key"), requireText(value, "value"));
            return this;
        }

        public CassandraNode build() {
            if (directory == null) {
                throw new IllegalStateException("directory(Path) is required");
            }
            if (seeds == null) {
                seeds = listenAddress;
            }
            return new CassandraNode(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            return port;
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
