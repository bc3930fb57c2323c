package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Cassandra store's schema, applied by versioned migrations at start-up: the keyspace is created when
 * missing, then every migration ({@code V<n>__<name>.cql}, from {@code deploy/cassandra/migrations/}, shipped
 * in the jar) not yet recorded in {@code schema_migrations} is applied in version order and recorded with its
 * checksum.
 *
 * <p>Safe to run from several ACS nodes at once: the two bookkeeping tables are created with fixed table ids
 * (so that concurrent creations on different coordinators agree), only the holder of a lock row, taken with a
 * lightweight transaction ({@code INSERT ... IF NOT EXISTS USING TTL}), applies migrations, every statement is
 * {@code IF NOT EXISTS} (a migration interrupted by a crash is simply applied again once the lock expired), and
 * the applier waits for schema agreement after every statement. A node that finds everything applied takes no
 * lock at all (one read).
 *
 * <p>Refuses to start ({@link IllegalStateException}) when an applied migration's file changed since (its
 * checksum differs) or when the keyspace has migrations this version does not know (it was written by a newer
 * Lodestar).
 */
public final class CassandraMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraMigrations.class);

    static final String RESOURCE_DIR = "io/lodestar/acs/store/cassandra/migrations/";
    private static final String FIRST = "V001__initial.cql";
    private static final Pattern FILE = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.cql");
    static final String LOCK = "migrations";
    static final Duration LOCK_TTL = Duration.ofSeconds(60);
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration AGREEMENT_TIMEOUT = Duration.ofSeconds(60);

    /** One migration file. */
    record Migration(int version, String name, String text) {

        Migration {
            Objects.requireNonNull(name);
            Objects.requireNonNull(text);
        }

        String fileName() {
            return String.format("V%03d__%s.cql", version, name);
        }

        /** SHA-256 of the text with line endings normalised. */
        String checksum() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        List<String> statements() {
            return CassandraMigrations.statements(text);
        }
    }

    private final CqlSession session;
    private final String keyspace;
    private final String replicationCql;
    private final ConsistencyLevel consistency;
    private final ConsistencyLevel serialConsistency;
    private final List<Migration> migrations;
    private final Duration lockWait;
    private final String owner;

    CassandraMigrations(CqlSession session, String keyspace, String replicationCql, ConsistencyLevel consistency,
                        ConsistencyLevel serialConsistency, List<Migration> migrations, Duration lockWait) {
        this.session = session;
        this.keyspace = keyspace;
        this.replicationCql = replicationCql;
        this.consistency = consistency;
        this.serialConsistency = serialConsistency;
        this.migrations = migrations.stream().sorted(Comparator.comparingInt(Migration::version)).toList();
        this.lockWait = lockWait;
        this.owner = ownerId();
        for (int i = 1; i < this.migrations.size(); i++) {
            if (this.migrations.get(i).version() == this.migrations.get(i - 1).version()) {
                throw new IllegalStateException("two migrations with version " + this.migrations.get(i).version());
            }
        }
    }

    /**
     * Creates the keyspace of {@code config} if it is missing and applies the migrations this version ships.
     *
     * @return the versions this call applied (empty when the schema was up to date)
     */
    public static List<Integer> apply(CqlSession session, CassandraStoreConfig config) {
        return new CassandraMigrations(session, config.keyspace(), config.replicationCql(),
                CassandraAcsStore.level(config.consistency()), CassandraAcsStore.level(config.serialConsistency()),
                bundled(), Duration.ofMinutes(5)).apply();
    }

    List<Integer> apply() {
        execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replicationCql
                + " AND durable_writes = true");
        execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migrations (version int PRIMARY KEY, "
                + "name text, checksum text, applied_at timestamp, applied_by text) WITH ID = "
                + tableId("schema_migrations") + " AND comment = 'Lodestar: applied schema migrations'");
        execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migration_lock (name text PRIMARY KEY, "
                + "owner text, since timestamp) WITH ID = " + tableId("schema_migration_lock")
                + " AND comment = 'Lodestar: who applies migrations now (rows expire)'");
        awaitSchemaAgreement();

        List<Migration> pending = pending(applied());
        if (pending.isEmpty()) {
            return List.of();
        }
        lock();
        try {
            pending = pending(applied()); // another node may have applied them while we waited
            List<Integer> done = new ArrayList<>();
            for (Migration m : pending) {
                LOG.info("applying Cassandra schema migration {} to keyspace {}", m.fileName(), keyspace);
                for (String statement : m.statements()) {
                    session.execute(SimpleStatement.builder(statement).setKeyspace(keyspace)
                            .setTimeout(DDL_TIMEOUT).setConsistencyLevel(consistency).build());
                    awaitSchemaAgreement();
                    renewLock();
                }
                session.execute(SimpleStatement.builder("INSERT INTO " + keyspace + ".schema_migrations "
                                + "(version, name, checksum, applied_at, applied_by) VALUES (?, ?, ?, ?, ?)")
                        .addPositionalValues(m.version(), m.name(), m.checksum(), Instant.now(), owner)
                        .setConsistencyLevel(consistency).setIdempotence(true).build());
                done.add(m.version());
            }
            return done;
        } finally {
            unlock();
        }
    }

    /** Applied versions and their checksums. */
    private Map<Integer, String> applied() {
        Map<Integer, String> out = new TreeMap<>();
        ResultSet rs = session.execute(SimpleStatement.builder("SELECT version, checksum FROM " + keyspace
                + ".schema_migrations").setConsistencyLevel(consistency).build());
        for (Row r : rs) {
            out.put(r.getInt("version"), r.getString("checksum"));
        }
        return out;
    }

    private List<Migration> pending(Map<Integer, String> applied) {
        int known = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        for (int v : applied.keySet()) {
            if (v > known) {
                throw new IllegalStateException("keyspace " + keyspace + " has schema migration " + v
                        + ", this version of Lodestar knows up to " + known + " (written by a newer version?)");
            }
        }
        List<Migration> out = new ArrayList<>();
        for (Migration m : migrations) {
            String sum = applied.get(m.version());
            if (sum == null) {
                out.add(m);
            } else if (!sum.equals(m.checksum())) {
                throw new IllegalStateException("schema migration " + m.fileName() + " differs from the one applied "
                        + "to keyspace " + keyspace + " (checksum " + sum + "): never edit an applied migration, "
                        + "add a new one");
            }
        }
        return out;
    }

    // ---- the lock -----------------------------------------------------------------------------------------

    private void lock() {
        long deadline = System.nanoTime() + lockWait.toNanos();
        while (true) {
            Row r = session.execute(SimpleStatement.builder("INSERT INTO " + keyspace + ".schema_migration_lock "
                            + "(name, owner, since) VALUES (?, ?, ?) IF NOT EXISTS USING TTL ?")
                    .addPositionalValues(LOCK, owner, Instant.now(), (int) LOCK_TTL.toSeconds())
                    .setConsistencyLevel(consistency).setSerialConsistencyLevel(serialConsistency).build()).one();
            if (r != null && r.getBoolean("[applied]")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("keyspace " + keyspace + ": another node ("
                        + (r == null ? "?" : r.getString("owner")) + ") has been applying migrations for longer than "
                        + lockWait + "; if it crashed, its lock expires " + LOCK_TTL + " after it was taken");
            }
            LOG.info("waiting for {} to finish the schema migrations of keyspace {}",
                    r == null ? "another node" : r.getString("owner"), keyspace);
            sleep(Duration.ofMillis(500));
        }
    }

    private void renewLock() {
        Row r = session.execute(SimpleStatement.builder("UPDATE " + keyspace + ".schema_migration_lock USING TTL ? "
                        + "SET owner = ? WHERE name = ? IF owner = ?")
                .addPositionalValues((int) LOCK_TTL.toSeconds(), owner, LOCK, owner)
                .setConsistencyLevel(consistency).setSerialConsistencyLevel(serialConsistency).build()).one();
        if (r == null || !r.getBoolean("[applied]")) {
            throw new IllegalStateException("lost the migration lock of keyspace " + keyspace
                    + " (a statement took longer than " + LOCK_TTL + "?)");
        }
    }

    private void unlock() {
        try {
            session.execute(SimpleStatement.builder("DELETE FROM " + keyspace + ".schema_migration_lock "
                            + "WHERE name = ? IF owner = ?").addPositionalValues(LOCK, owner)
                    .setConsistencyLevel(consistency).setSerialConsistencyLevel(serialConsistency).build());
        } catch (RuntimeException e) {
            LOG.warn("could not release the migration lock of keyspace {} (it expires by itself): {}", keyspace,
                    e.toString());
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------------------

    private void execute(String ddl) {
        session.execute(SimpleStatement.builder(ddl).setTimeout(DDL_TIMEOUT).setConsistencyLevel(consistency)
                .build());
    }

    private void awaitSchemaAgreement() {
        long deadline = System.nanoTime() + AGREEMENT_TIMEOUT.toNanos();
        while (!session.checkSchemaAgreement()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Cassandra nodes did not agree on the schema within "
                        + AGREEMENT_TIMEOUT);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** A fixed id per keyspace and table, so that two nodes creating the table at once create the same one. */
    private String tableId(String table) {
        return UUID.nameUUIDFromBytes(("lodestar:" + keyspace + "." + table).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying schema migrations", e);
        }
    }

    private static String ownerId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The migrations in the jar (or classes directory) beside this class, by version. */
    static List<Migration> bundled() {
        ClassLoader loader = CassandraMigrations.class.getClassLoader();
        URL first = loader.getResource(RESOURCE_DIR + FIRST);
        if (first == null) {
            throw new IllegalStateException("the schema migrations are missing from the classpath (" + RESOURCE_DIR
                    + FIRST + ")");
        }
        List<String> names = new ArrayList<>();
        try {
            if ("file".equals(first.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(first.toURI()).getParent())) {
                    files.map(p -> p.getFileName().toString()).forEach(names::add);
                }
            } else if ("jar".equals(first.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) first.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(RESOURCE_DIR))
                            .map(n -> n.substring(RESOURCE_DIR.length())).forEach(names::add);
                }
            } else {
                throw new IllegalStateException("cannot list the schema migrations in " + first);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the schema migrations in " + first, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the schema migrations in " + first, e);
        }
        List<Migration> out = new ArrayList<>();
        for (String n : names.stream().sorted().toList()) {
            Matcher m = FILE.matcher(n);
            if (!m.matches()) {
                continue;
            }
            try (InputStream in = loader.getResourceAsStream(RESOURCE_DIR + n)) {
                if (in == null) {
                    throw new IllegalStateException("cannot read schema migration " + n);
                }
                out.add(new Migration(Integer.parseInt(m.group(1)), m.group(2),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema migration " + n, e);
            }
        }
        return out;
    }

    /**
     * The statements of a CQL script: split at semicolons, without comments ({@code --} and {@code //} to the
     * end of the line, {@code /* ... *&#47;}); quoted strings ({@code '...'}, with {@code ''} inside) and
     * quoted names ({@code "..."}) are kept as they are.
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < n) {
                    if (script.charAt(end) == c) {
                        if (end + 1 < n && script.charAt(end + 1) == c) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                current.append(script, i, Math.min(end + 1, n));
                i = end + 1;
            } else if ((c == '-' || c == '/') && i + 1 < n && script.charAt(i + 1) == c) {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                current.append(' ');
            } else if (c == ';') {
                add(out, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder statement) {
        String s = statement.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        statement.setLength(0);
    }
}
