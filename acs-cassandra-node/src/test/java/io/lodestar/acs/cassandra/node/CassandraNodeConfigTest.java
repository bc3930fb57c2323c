package io.lodestar.acs.cassandra.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a node is started with, without starting one. */
class CassandraNodeConfigTest {

    @TempDir
    Path dir;

    @Test
    void yamlPutsEverythingInTheNodeDirectoryOnTheGivenAddressAndPorts() {
        CassandraNode node = CassandraNode.builder().directory(dir).clusterName("it's a test")
                .listenAddress("127.0.0.2").seeds("127.0.0.1").nativePort(19042).storagePort(17000).build();

        String yaml = node.yaml();

        assertThat(yaml)
                .contains("cluster_name: 'it''s a test'")
                .contains("data_file_directories:\n  - '" + dir.resolve("data") + "'")
                .contains("commitlog_directory: '" + dir.resolve("commitlog") + "'")
                .contains("hints_directory: '" + dir.resolve("hints") + "'")
                .contains("saved_caches_directory: '" + dir.resolve("saved_caches") + "'")
                .contains("cdc_raw_directory: '" + dir.resolve("cdc_raw") + "'")
                .contains("- seeds: '127.0.0.1:17000'")
                .contains("listen_address: 127.0.0.2\n", "rpc_address: 127.0.0.2\n")
                .contains("native_transport_port: 19042\n", "storage_port: 17000\n")
                .contains("endpoint_snitch: SimpleSnitch\n", "auto_snapshot: false\n", "commitlog_sync: batch\n")
                .doesNotContain("commitlog_sync_period");
    }

    @Test
    void yamlEntriesCanBeOverridden() {
        CassandraNode node = CassandraNode.builder().directory(dir).yaml("auto_snapshot", "true")
                .yaml("materialized_views_enabled", "true").build();

        assertThat(node.yaml()).contains("auto_snapshot: true\n", "materialized_views_enabled: true\n")
                .doesNotContain("auto_snapshot: false");
    }

    @Test
    void periodicCommitLogSyncGetsAPeriod() {
        CassandraNode node = CassandraNode.builder().directory(dir).yaml("commitlog_sync", "periodic").build();

        assertThat(node.yaml()).contains("commitlog_sync: periodic\n", "commitlog_sync_period: 10000ms\n");
    }

    @Test
    void jvmGetsCassandrasJava17ModuleFlagsHeapAndTheLauncher() {
        CassandraNode node = CassandraNode.builder().directory(dir).heap("768m").jmxPort(17199).build();

        List<String> args = node.jvmArguments(CassandraClasspath.load());

        assertThat(args).contains("-Xmx768m", "-Dcassandra-foreground=yes", "-Dcassandra.jmx.local.port=17199",
                "-Dcassandra.skip_wait_for_gossip_to_settle=0", "-Dcassandra.ring_delay_ms=100",
                "-Dcassandra.storagedir=" + dir.toAbsolutePath());
        assertThat(String.join(" ", args)).contains(
                "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED",
                "--add-exports java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-exports java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens java.base/java.io=ALL-UNNAMED",
                "--add-opens java.base/java.nio=ALL-UNNAMED",
                "--add-opens java.base/java.lang=ALL-UNNAMED",
                "--add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                "--add-opens java.base/jdk.internal.ref=ALL-UNNAMED");
        assertThat(args).last().isEqualTo(NodeLauncher.class.getName());
        assertThat(args).anyMatch(a -> a.startsWith("-javaagent:") && a.contains("jamm-"));
    }

    @Test
    void badSettingsAreRefusedByTheBuilder() {
        assertThatThrownBy(() -> CassandraNode.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("directory");
        assertThatThrownBy(() -> CassandraNode.builder().heap("a lot")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CassandraNode.builder().nativePort(70000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contactPointIsUnknownBeforeTheFirstStartWhenThePortIsChosenFree() {
        CassandraNode node = CassandraNode.builder().directory(dir).build();

        assertThat(node.isRunning()).isFalse();
        assertThat(node.localDatacenter()).isEqualTo("datacenter1");
        assertThatThrownBy(node::contactPoint).isInstanceOf(IllegalStateException.class);
        node.stop(); // a node that never ran stops quietly
        node.kill();
    }
}
