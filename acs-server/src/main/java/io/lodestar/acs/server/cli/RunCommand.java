package io.lodestar.acs.server.cli;

import io.lodestar.acs.server.LodestarServer;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.ConfigException;
import io.lodestar.acs.server.config.Settings;
import io.lodestar.acs.store.StoreUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code lodestar run}: starts the ACS and serves until stopped (Ctrl-C or SIGTERM ends it cleanly). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the ACS (embedded store under ./data, CWMP on port 7547).")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (default: ./lodestar.properties when it exists).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of the embedded store (store.path).")
    Path data;

    @Option(names = "--cwmp-port", paramLabel = "PORT", description = "CWMP port (cwmp.port), default 7547.")
    Integer cwmpPort;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (cwmp.bind).")
    String bind;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Any setting, e.g. -s session.auto-register=false.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        AcsConfig acsConfig;
        try {
            acsConfig = AcsConfig.from(Settings.load(configFile(), System.getenv(), flags()));
        } catch (ConfigException e) {
            System.err.println("lodestar: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        LodestarServer server;
        try {
            server = LodestarServer.start(acsConfig);
        } catch (ConfigException | StoreUnavailableException e) {
            System.err.println("lodestar: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "lodestar-shutdown"));
        stopped.await();
        return 0;
    }

    private Path configFile() {
        if (config != null) {
            return config;
        }
        Path local = Path.of("lodestar.properties");
        return Files.isRegularFile(local) ? local : null;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        if (data != null) {
            flags.put("store.path", data.toString());
        }
        if (cwmpPort != null) {
            flags.put("cwmp.port", String.valueOf(cwmpPort));
        }
        if (bind != null) {
            flags.put("cwmp.bind", bind);
        }
        return flags;
    }
}
