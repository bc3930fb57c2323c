package io.lodestar.acs.cassandra.node;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one Cassandra node from the command line until Ctrl-C (or SIGTERM), which stops it gracefully.
 *
 * <pre>
 * java -cp acs-cassandra-node.jar io.lodestar.acs.cassandra.node.CassandraNodeMain --dir ./cassandra-data --native-port 9042
 * </pre>
 *
 * The jar is all it needs: it carries the classpath of cassandra-all its build resolved in the local Maven
 * repository. {@code --print-classpath} prints that classpath; {@code nodetool ARGS} runs Cassandra's nodetool
 * against a node started with {@code --jmx-port}.
 */
public final class CassandraNodeMain {

    private CassandraNodeMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static final String USAGE = """
            usage: CassandraNodeMain [options]          run a node until Ctrl-C
                   CassandraNodeMain nodetool ARGS...   Cassandra's nodetool, e.g. nodetool -h 127.0.0.1 -p 7199 status
            options:
              --dir DIR              node directory: data, cassandra.yaml, node.log (default ./cassandra-data)
              --native-port PORT     CQL port (default 9042; 0 picks a free one)
              --storage-port PORT    inter-node port (default 7000; 0 picks a free one)
              --listen-address ADDR  listen_address and rpc_address (default 127.0.0.1)
              --seeds LIST           comma-separated seeds, host or host:port (default the listen address)
              --cluster-name NAME    cluster_name (default lodestar)
              --heap SIZE            -Xmx of the node (default 1g)
              --processors N         processors the node sees (default min(4, cores))
              --jmx-port PORT        local JMX port for nodetool (default 0: no JMX)
              --slow-start           keep Cassandra's gossip settle waits (default: skip them)
              --startup-timeout S    seconds to wait for CQL (default 120)
              --print-classpath      print the Cassandra classpath and exit
              --help                 this text
            """;

    /** Parses the options, runs the node until it stops; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = Path.of("cassandra-data");
        int nativePort = 9042;
        int storagePort = 7000;
        int jmxPort = 0;
        String listen = "127.0.0.1";
        String seeds = null;
        String cluster = "lodestar";
        String heap = "1g";
        Integer processors = null;
        boolean fast = true;
        long timeout = 120;
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.get(0).equals("nodetool")) {
            return nodetool(rest.subList(1, rest.size()), err);
        }
        try {
            while (!rest.isEmpty()) {
                String option = rest.remove(0);
                switch (option) {
                    case "--dir" -> dir = Path.of(value(option, rest));
                    case "--native-port" -> nativePort = Integer.parseInt(value(option, rest));
                    case "--storage-port" -> storagePort = Integer.parseInt(value(option, rest));
                    case "--jmx-port" -> jmxPort = Integer.parseInt(value(option, rest));
                    case "--listen-address" -> listen = value(option, rest);
                    case "--seeds" -> seeds = value(option, rest);
                    case "--cluster-name" -> cluster = value(option, rest);
                    case "--heap" -> heap = value(option, rest);
                    case "--processors" -> processors = Integer.parseInt(value(option, rest));
                    case "--startup-timeout" -> timeout = Long.parseLong(value(option, rest));
                    case "--slow-start" -> fast = false;
                    case "--print-classpath" -> {
                        out.println(CassandraClasspath.load().asClasspath());
                        return 0;
                    }
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            CassandraNode.Builder builder = CassandraNode.builder()
                    .directory(dir)
                    .nativePort(nativePort)
                    .storagePort(storagePort)
                    .jmxPort(jmxPort)
                    .listenAddress(listen)
                    .clusterName(cluster)
                    .heap(heap)
                    .fastStartup(fast)
                    .gracefulStopOnExit(true)
                    .startupTimeout(Duration.ofSeconds(timeout));
            if (seeds != null) {
                builder.seeds(seeds);
            }
            if (processors != null) {
                builder.processors(processors);
            }
            CassandraNode node = builder.build();
            out.println("starting Cassandra in " + node.directory() + " (log: " + node.logFile() + ")");
            long started = System.nanoTime();
            node.start();
            out.printf("Cassandra node up in %.1f s: contact point %s:%d, local datacenter %s, pid %d; Ctrl-C stops it%n",
                    (System.nanoTime() - started) / 1e9, listen, node.nativePort(), node.localDatacenter(),
                    node.pid().orElse(-1));
            out.flush();
            return awaitExit(node, err);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (CassandraNodeException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int awaitExit(CassandraNode node, PrintStream err) {
        // Ctrl-C runs the exit hook, which stops the node gracefully; this returns only if the node dies by itself
        try {
            while (node.isRunning()) {
                node.awaitExit();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (node.stopRequested()) {
            return 0;
        }
        err.println("the Cassandra node exited; last lines of " + node.logFile() + ":");
        node.logTail(30).forEach(line -> err.println("    " + line));
        return 1;
    }

    /** Runs org.apache.cassandra.tools.NodeTool in a JVM of its own, with Cassandra's classpath and module flags. */
    static int nodetool(List<String> args, PrintStream err) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(CassandraNode.JPMS_OPTIONS);
        command.add("-Dlogback.configurationFile=io/lodestar/acs/cassandra/node/logback-tools.xml");
        command.add("-cp");
        command.add(CassandraClasspath.load().asClasspath());
        command.add("org.apache.cassandra.tools.NodeTool");
        command.addAll(args);
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            err.println("cannot run nodetool: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
