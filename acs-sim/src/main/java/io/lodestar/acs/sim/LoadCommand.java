package io.lodestar.acs.sim;

import io.lodestar.acs.sim.load.LoadConfig;
import io.lodestar.acs.sim.load.LoadGenerator;
import io.lodestar.acs.sim.load.LoadReport;
import io.lodestar.acs.sim.load.Scenario;
import io.lodestar.acs.sim.model.DataModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code lodestar load}: a load generator of up to hundreds of thousands of CPEs in one process (each with its own
 * identity and a copy-on-write tree over one shared model), running one scenario against an ACS for a bounded
 * time or number of sessions. Prints a progress line every few seconds and a JSON summary at the end. Exit code 0
 * when the scenario reached its goal (every device served, or no session failed for {@code periodic}), 1
 * otherwise, 2 for bad arguments. See docs/simulator.md, "Load runs".
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false, version = "lodestar load 0.1.0",
        description = "Puts load on an ACS with many lightweight simulated CPEs and prints figures (JSON at the end).",
        footer = {"", "Scenarios: periodic (2 PERIODIC at --rate, or as fast as --concurrency allows), boot-storm (every "
                + "device boots at once, failures retried with the TR-069 back-off times --retry-scale), cr-storm "
                + "(a task with a connection request per device through the API), discovery (first contact: 0 BOOTSTRAP)."})
public final class LoadCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "ACS CWMP URL (http). Default: ${DEFAULT-VALUE}")
    URI url = URI.create("http://127.0.0.1:7547/");

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "periodic, boot-storm, cr-storm or discovery. Default: ${DEFAULT-VALUE}")
    String scenario = "periodic";

    @Option(names = "--devices", paramLabel = "N", description = "Number of CPEs. Default: ${DEFAULT-VALUE}")
    int devices = 1000;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Sessions in flight at most (a connection each; a thread each only with --engine threads). "
                    + "Default: ${DEFAULT-VALUE}")
    int concurrency = 50;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "async: every session in flight on a few event-loop threads; threads: one thread and "
                    + "blocking connection per session in flight (the first generator). Default: ${DEFAULT-VALUE}")
    String engine = "async";

    @Option(names = "--rate", paramLabel = "PER_SECOND",
            description = "periodic: target sessions/s over the fleet (each device informs every devices/rate seconds, "
                    + "an open-loop schedule: session latency counts from each session's intended start); "
                    + "0: as fast as the concurrency allows. Default: ${DEFAULT-VALUE}")
    double rate = 0;

    @Option(names = "--duration", paramLabel = "DURATION", converter = SimulatorCommand.DurationConverter.class,
            defaultValue = "60s", description = "The scenario stops after this at the latest. Default: ${DEFAULT-VALUE}")
    Duration duration;

    @Option(names = "--sessions", paramLabel = "N",
            description = "The scenario stops after this many sessions (0: no bound). Default: ${DEFAULT-VALUE}")
    long sessions = 0;

    @Option(names = "--no-prime", negatable = false,
            description = "Do not register the devices first (by default every scenario but discovery starts with one "
                    + "discovery session per device, reported as phase 'prime')")
    boolean noPrime;

    @Option(names = "--prime-timeout", paramLabel = "DURATION", converter = SimulatorCommand.DurationConverter.class,
            defaultValue = "10m", description = "The priming discovery stops after this at the latest. Default: ${DEFAULT-VALUE}")
    Duration primeTimeout;

    @Option(names = "--retry-scale", paramLabel = "FACTOR",
            description = "The TR-069 retry back-off (5-10 s, 10-20 s, ...) times this. Default: ${DEFAULT-VALUE}")
    double retryScale = 0.01;

    @Option(names = "--connect-per-session",
            description = "Open a new TCP connection for every session (as most CPEs do), instead of one kept-alive "
                    + "connection per worker")
    boolean connectPerSession;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = SimulatorCommand.DurationConverter.class,
            defaultValue = "30s", description = "Connect and answer time-out. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(names = "--progress", paramLabel = "DURATION", converter = SimulatorCommand.DurationConverter.class,
            defaultValue = "5s", description = "Progress line interval. Default: ${DEFAULT-VALUE}")
    Duration progress;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "phone, gateway or a CSV path: the tree every device shares. Default: ${DEFAULT-VALUE}")
    String model = "phone";

    @Option(names = "--serial-prefix", paramLabel = "PREFIX",
            description = "Serial numbers are PREFIX + 7 digits. Default: ${DEFAULT-VALUE}")
    String serialPrefix = "LOAD";

    @Option(names = "--username", paramLabel = "USER", description = "CPE user for an ACS that authenticates (Digest)")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "CPE password")
    String password;

    @Option(names = "--challenge-every-session",
            description = "Digest: start every session unauthenticated and answer the ACS's 401 challenge (by default "
                    + "a device presents its last nonce with the next count at its next session, as many CPEs do)")
    boolean challengeEverySession;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "Where to read username= and password= when neither --username nor --password is given. "
                    + "Default: ${DEFAULT-VALUE}")
    Path credentialsFile = Path.of("data", "cpe-credentials");

    @Option(names = "--api-url", paramLabel = "URL",
            description = "cr-storm: the ACS's API. Default: ${DEFAULT-VALUE}")
    URI apiUrl = URI.create("http://127.0.0.1:7557/");

    @Option(names = "--api-token-file", paramLabel = "FILE",
            description = "cr-storm: a file holding an API token of scope write. Default: ${DEFAULT-VALUE}")
    Path apiTokenFile = Path.of("data", "admin-token");

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON summary to this file")
    Path json;

    public LoadCommand() {}

    public static void main(String[] args) {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(new CommandLine(new LoadCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CommandLine cl = spec.commandLine();
        if (devices < 1 || concurrency < 1 || rate < 0 || sessions < 0 || !(retryScale > 0)) {
            throw new CommandLine.ParameterException(cl,
                    "--devices and --concurrency must be at least 1, --rate and --sessions not negative, --retry-scale above 0");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new CommandLine.ParameterException(cl, "--duration must be positive (the run is bounded)");
        }
        if (url.getScheme() == null || !url.getScheme().equalsIgnoreCase("http") || url.getHost() == null) {
            throw new CommandLine.ParameterException(cl, "--url must be an http:// URL: " + url);
        }
        Scenario s;
        try {
            s = Scenario.fromCli(scenario);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        LoadConfig.Engine runEngine;
        try {
            runEngine = LoadConfig.Engine.fromCli(engine);
        } catch (IllegalArgumentException x) {
            throw new CommandLine.ParameterException(cl, x.getMessage());
        }
        DataModel template;
        try {
            template = loadModel();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cl, "--model " + model + ": " + e.getMessage());
        }
        if (username == null && password == null && credentialsFile != null && Files.isRegularFile(credentialsFile)) {
            try {
                CredentialsFile.Credentials c = CredentialsFile.read(credentialsFile);
                username = c.username();
                password = c.password();
            } catch (IOException e) {
                throw new CommandLine.ParameterException(cl, "--credentials-file " + credentialsFile + ": " + e.getMessage());
            }
            out.printf("credentials: user %s from %s%n", username, credentialsFile);
        }
        String token = null;
        if (s == Scenario.CONNECTION_REQUEST_STORM) {
            try {
                token = Files.readString(apiTokenFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new CommandLine.ParameterException(cl, "cr-storm needs an API token: --api-token-file "
                        + apiTokenFile + ": " + e.getMessage());
            }
        }
        LoadConfig config = new LoadConfig(url, template, devices, serialPrefix, s, concurrency, rate, duration,
                sessions, !noPrime && s != Scenario.DISCOVERY, primeTimeout, retryScale, username, username == null ? null : password,
                connectPerSession, timeout, progress, s == Scenario.CONNECTION_REQUEST_STORM ? apiUrl : null, token,
                !challengeEverySession, runEngine);
        out.printf("lodestar load: %s, %d device(s) of %d parameters, concurrency %d%s, engine %s -> %s%n", s.cliName(),
                devices, template.parameterCount(), concurrency, rate > 0 ? ", rate " + rate + "/s" : "",
                runEngine.name().toLowerCase(java.util.Locale.ROOT), url);
        out.flush();
        PrintStream progressOut = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(new String(b, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                out.flush();
            }
        }, true, StandardCharsets.UTF_8);
        LoadReport report = new LoadGenerator(config, progressOut).run();
        String summary = report.toJson();
        out.println(summary);
        out.flush();
        if (json != null) {
            Files.writeString(json, summary + "\n", StandardCharsets.UTF_8);
        }
        return report.goalReached() ? 0 : 1;
    }

    private DataModel loadModel() throws IOException {
        String m = model.trim();
        if (m.equalsIgnoreCase("phone")) {
            return DataModel.ipPhone(serialPrefix + "0000000");
        }
        if (m.equalsIgnoreCase("gateway")) {
            Path csv = SimulatorCommand.findGatewayCsv();
            if (csv == null) {
                throw new IOException("the gateway CSV was not found; pass its path with --model <csv>");
            }
            return DataModel.fromCsv(csv);
        }
        Path csv = Path.of(m);
        if (!Files.isRegularFile(csv)) {
            throw new IOException("no such file (expected phone, gateway or a CSV path)");
        }
        return DataModel.fromCsv(csv);
    }
}
