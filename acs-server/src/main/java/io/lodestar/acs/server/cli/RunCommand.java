package io.lodestar.acs.server.cli;

import io.lodestar.acs.cwmp.http.EndpointStartException;
import io.lodestar.acs.server.LodestarServer;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.ConfigException;
import io.lodestar.acs.store.StoreUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code lodestar run}: starts the ACS and serves until stopped (Ctrl-C or SIGTERM ends it cleanly). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the ACS (embedded store under ./data, CWMP on port 7547).")
final class RunCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions options = new SettingsOptions();

    @Option(names = "--cwmp-port", paramLabel = "PORT", description = "CWMP port (cwmp.port), default 7547.")
    Integer cwmpPort;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (cwmp.bind).")
    String bind;

    @Override
    public Integer call() throws Exception {
        AcsConfig acsConfig;
        try {
            acsConfig = options.load(flags());
        } catch (ConfigException e) {
            System.err.println("lodestar: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        LodestarServer server;
        try {
            server = LodestarServer.start(acsConfig);
        } catch (ConfigException | EndpointStartException e) {
            System.err.println("lodestar: " + e.getMessage());
            return 1;
        } catch (StoreUnavailableException e) {
            System.err.println("lodestar: "
                    + StartFailures.describeStoreFailure(e.getMessage(), acsConfig.dataDirectory()));
            return 1;
        } catch (RuntimeException e) {
            // e.g. the API's port in use: one line naming it, not a stack trace
            String known = StartFailures.portInUse(e);
            if (known == null) {
                throw e;
            }
            System.err.println("lodestar: " + known);
            return 1;
        }
        // SIGTERM and Ctrl-C: no new sessions, those in flight finish (cwmp.shutdown-grace), everything is stored
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stopGracefully();
            stopped.countDown();
        }, "lodestar-shutdown"));
        stopped.await();
        return 0;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (cwmpPort != null) {
            flags.put("cwmp.port", String.valueOf(cwmpPort));
        }
        if (bind != null) {
            flags.put("cwmp.bind", bind);
        }
        return flags;
    }
}
