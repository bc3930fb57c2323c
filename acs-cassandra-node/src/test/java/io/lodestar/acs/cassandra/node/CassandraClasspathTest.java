package io.lodestar.acs.cassandra.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CassandraClasspathTest {

    private final List<Path> entries = CassandraClasspath.load().entries();

    private Set<String> names() {
        return entries.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }

    @Test
    void theJarCarriesTheResolvedClasspathOfCassandraAll() {
        assertThat(names()).contains("cassandra-all-5.0.2.jar");
        assertThat(entries).allSatisfy(p -> {
            assertThat(p).isAbsolute();
            assertThat(Files.isRegularFile(p)).as("%s exists", p).isTrue();
        });
    }

    @Test
    void cassandraGetsTheVersionsItsOwnPomNamesNotTheParentsManagedOnes() {
        // the parent manages Netty 4.2, slf4j 2, logback 1.5 for the ACS; Cassandra 5.0 is built on these
        assertThat(names())
                .contains("netty-common-4.1.96.Final.jar", "netty-handler-4.1.96.Final.jar",
                        "slf4j-api-1.7.36.jar", "logback-classic-1.2.12.jar", "logback-core-1.2.12.jar",
                        "caffeine-3.1.8.jar")
                .noneMatch(name -> name.startsWith("netty-") && name.contains("-4.2."))
                .noneMatch(name -> name.startsWith("slf4j-api-2."));
    }

    @Test
    void testOnlyDependenciesStayOffTheNodesClasspath() {
        assertThat(names()).noneMatch(name -> name.startsWith("java-driver-core")
                || name.startsWith("junit-") || name.startsWith("assertj-") || name.startsWith("awaitility"));
    }

    @Test
    void jammIsFoundForTheJavaAgent() {
        assertThat(CassandraClasspath.load().jamm()).hasValueSatisfying(
                p -> assertThat(p.getFileName().toString()).startsWith("jamm-"));
    }
}
