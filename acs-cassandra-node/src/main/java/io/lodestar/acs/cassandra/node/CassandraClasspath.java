package io.lodestar.acs.cassandra.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The classpath of cassandra-all as this module's build resolved it: absolute paths into the local Maven
 * repository, written by {@code maven-dependency-plugin:build-classpath} into
 * {@code io/lodestar/acs/cassandra/node/cassandra-classpath.txt} inside the jar.
 */
final class CassandraClasspath {

    static final String RESOURCE = "cassandra-classpath.txt";

    private final List<Path> entries;

    private CassandraClasspath(List<Path> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads the classpath from this module's jar and checks that every jar is still where the build left it. */
    static CassandraClasspath load() {
        String text;
        try (InputStream in = CassandraClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CassandraNodeException("resource " + RESOURCE + " is missing from acs-cassandra-node;"
                        + " build the module with Maven (mvn -pl acs-cassandra-node install)");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> entries = new ArrayList<>();
        for (String entry : text.split(Pattern.quote(java.io.File.pathSeparator))) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry.trim()));
            }
        }
        List<Path> missing = entries.stream().filter(p -> !Files.isRegularFile(p)).toList();
        if (entries.isEmpty() || !missing.isEmpty()) {
            throw new CassandraNodeException("the Cassandra classpath recorded when acs-cassandra-node was built"
                    + " points at jars that are not there (" + missing.size() + " of " + entries.size()
                    + " missing, e.g. " + (missing.isEmpty() ? "none recorded" : missing.get(0))
                    + "); the local Maven repository changed since the build: rebuild acs-cassandra-node"
                    + " (mvn -pl acs-cassandra-node install)");
        }
        return new CassandraClasspath(entries);
    }

    List<Path> entries() {
        return entries;
    }

    /** The jamm jar, which Cassandra wants as a java agent to measure memory. */
    Optional<Path> jamm() {
        return entries.stream().filter(p -> p.getFileName().toString().matches("jamm-[0-9.]+\\.jar")).findFirst();
    }

    /** Where this module's own classes are (a jar, or target/classes in a reactor build). */
    static Path ownLocation() {
        try {
            return Path.of(CassandraClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new CassandraNodeException("cannot tell where the acs-cassandra-node classes are", e);
        }
    }

    String asClasspath() {
        List<String> all = new ArrayList<>();
        all.add(ownLocation().toString());
        entries.forEach(p -> all.add(p.toString()));
        return String.join(java.io.File.pathSeparator, all);
    }
}
