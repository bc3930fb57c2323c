package io.lodestar.acs.sim;

import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.sim.rpc.CpeRpcHandler;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.CpeStunClient;
import io.lodestar.acs.sim.client.StunClientOptions;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.model.DataModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's command line: runs {@code --count} simulated CPEs against an ACS, {@code --sessions} sessions
 * each, at most {@code --concurrency} sessions in flight. Prints one line per session and a summary; exits 0
 * when every session succeeded, 1 otherwise (2 for bad arguments). Usable on its own ({@link #main}) or as the
 * {@code sim} subcommand of another picocli command.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, sortOptions = false, version = "lodestar sim 0.1.0",
        description = "Runs simulated TR-069 CPEs against an ACS.",
        footer = {"", "Models: phone (built-in TR-181 IP phone, CWMP 1.4), gateway (the Huawei BM632w CSV of the "
                + "shared conformance material, CWMP 1.0), or the path of a genieacs-sim CSV."})
public final class SimulatorCommand implements java.util.concurrent.Callable<Integer> {

    /** Where {@code --model gateway} looks, relative to the working directory, unless -Dlodestar.conformance.dir. */
    static final List<String> GATEWAY_CSV_LOCATIONS = List.of(
            "../shared/conformance/devices/data_model_202BC1-BM632w-8KA8WA1151100043.csv",
            "../../shared/conformance/devices/data_model_202BC1-BM632w-8KA8WA1151100043.csv",
            "/work/shared/conformance/devices/data_model_202BC1-BM632w-8KA8WA1151100043.csv");

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "ACS URL (http). Default: ${DEFAULT-VALUE}")
    URI url = URI.create("http://127.0.0.1:7547/");

    @Option(names = "--count", paramLabel = "N", description = "Number of CPEs. Default: ${DEFAULT-VALUE}")
    int count = 1;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "phone, gateway or a CSV path (Parameter,Object,Writable,Value,Value type). Default: ${DEFAULT-VALUE}")
    String model = "phone";

    @Option(names = "--serial-prefix", paramLabel = "PREFIX",
            description = "Serial numbers are PREFIX + a 6-digit number. Default: SIM (a single CSV CPE keeps its own serial)")
    String serialPrefix;

    @Option(names = "--sessions", paramLabel = "N", description = "Sessions per CPE. Default: ${DEFAULT-VALUE}")
    int sessions = 1;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Pause between a CPE's sessions (e.g. 5s, 500ms, 1m); none after a reboot, factory reset or "
                    + "transfer. Default: ${DEFAULT-VALUE}", converter = DurationConverter.class, defaultValue = "5s")
    Duration interval;

    @Option(names = "--concurrency", paramLabel = "N", description = "Most sessions in flight at once. Default: ${DEFAULT-VALUE}")
    int concurrency = 100;

    @Option(names = "--reconnect-each-message",
            description = "New TCP connection for every HTTP POST (the ACS must follow the session by cookie)")
    boolean reconnectEachMessage;

    @Option(names = "--cwmp-version", paramLabel = "VERSION",
            description = "1.0, 1.1, 1.2, 1.3 or 1.4. Default: the model's (gateway 1.0, phone 1.4)")
    String cwmpVersion;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Per HTTP response. Default: ${DEFAULT-VALUE}",
            converter = DurationConverter.class, defaultValue = "30s")
    Duration timeout;

    @Option(names = "--username", paramLabel = "USER", description = "HTTP user for an ACS that authenticates (Basic/Digest)")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "HTTP password")
    String password;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "Where to read username= and password= when neither --username nor --password is given "
                    + "(the file the ACS's first start writes; absent: the model's ManagementServer.Username/Password). "
                    + "Default: ${DEFAULT-VALUE}")
    Path credentialsFile = Path.of("data", "cpe-credentials");

    @Option(names = "--connection-requests",
            description = "CPEs accept Connection Requests (HTTP GET, Digest/Basic with ManagementServer.ConnectionRequestUsername/Password) "
                    + "on a listener at 127.0.0.1 and report its URL as ConnectionRequestURL")
    boolean connectionRequests;

    @Option(names = "--stun",
            description = "CPEs have the ManagementServer STUN parameters and a STUN client (TR-111) with a UDP connection request "
                    + "listener: STUN runs once the ACS sets STUNEnable (or at once with --stun-server); docs/stun.md")
    boolean stun;

    @Option(names = "--stun-server", paramLabel = "HOST:PORT",
            description = "With --stun: turn STUN on from the start against this STUN server (STUNUsername: the serial number)")
    String stunServer;

    @Option(names = "--linger", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0s",
            description = "After the last scheduled session keep running this long (to answer Connection Requests). Default: ${DEFAULT-VALUE}")
    Duration linger;

    @Option(names = "--full-tree-names", paramLabel = "HOW",
            description = "How CPEs answer GetParameterNames with NextLevel=false: ANSWERED (the whole subtree), FAULTED "
                    + "(9004) or NEXT_LEVEL_ONLY (as if NextLevel were true). Default: ${DEFAULT-VALUE}")
    CpeRpcHandler.FullTreeNames fullTreeNames = CpeRpcHandler.FullTreeNames.ANSWERED;

    @Option(names = "--quiet", description = "Print only failed sessions and the summary")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N", description = "Event loop threads. Default: number of processors")
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** For picocli and for embedding as a subcommand. */
    public SimulatorCommand() {}

    public static void main(String[] args) {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(new CommandLine(new SimulatorCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 1 || sessions < 1 || concurrency < 1 || threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--count, --sessions, --concurrency and --threads must be at least 1");
        }
        if (stunServer != null && !stun) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--stun-server goes with --stun");
        }
        if (stunServer != null) {
            StunSetup.checkServer(spec.commandLine(), stunServer);
        }
        if (url.getScheme() == null || !url.getScheme().equalsIgnoreCase("http") || url.getHost() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--url must be an http:// URL: " + url);
        }
        CwmpVersion version = null;
        if (cwmpVersion != null) {
            version = CwmpVersion.ofLabel(cwmpVersion).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "unknown --cwmp-version " + cwmpVersion));
        }
        DataModel template;
        try {
            template = loadTemplate();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model " + model + ": " + e.getMessage());
        }
        if (username == null && password == null && credentialsFile != null && Files.isRegularFile(credentialsFile)) {
            CredentialsFile.Credentials fromFile;
            try {
                fromFile = CredentialsFile.read(credentialsFile);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--credentials-file " + credentialsFile + ": " + e.getMessage());
            }
            username = fromFile.username();
            password = fromFile.password();
            out.printf("credentials: user %s from %s%n", username, credentialsFile);
        }
        CpeOptions options = CpeOptions.defaults().withCwmpVersion(version).withReconnectEachMessage(reconnectEachMessage)
                .withTimeout(timeout).withCredentials(username, password).withConnectionRequests(connectionRequests);

        long started = System.nanoTime();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong rpcs = new AtomicLong();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lodestar-sim-timer");
            t.setDaemon(true);
            return t;
        });
        try (Simulator sim = new Simulator(threads)) {
            List<SimulatedCpe> cpes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                SimulatedCpe cpe = sim.cpe(url, stun ? StunSetup.model(modelFor(template, i), stunServer) : modelFor(template, i), options);
                cpe.rpcHandler().fullTreeNames(fullTreeNames);
                if (stun) {
                    CpeStunClient.start(cpe, StunClientOptions.defaults()); // closed with the simulator's loops
                }
                cpes.add(cpe);
            }
            out.printf("lodestar sim: %d CPE(s) (%s, CWMP %s) -> %s, %d session(s) each%n", count, describe(template),
                    cpes.get(0).cwmpVersion().label(), url, sessions);
            out.flush();
            if (connectionRequests || stun) {
                if (connectionRequests) {
                    out.printf("connection requests: %s (one path per CPE)%n", cpes.get(0).connectionRequestUrl());
                }
                for (SimulatedCpe cpe : cpes) {
                    watchConnectionRequests(cpe, timer, out, ok, failed, rpcs);
                }
            }
            CountDownLatch done = new CountDownLatch(count);
            Limiter limiter = new Limiter(concurrency);
            for (SimulatedCpe cpe : cpes) {
                runChain(cpe, 1, limiter, timer, done, out, ok, failed, rpcs);
            }
            done.await();
            if (!linger.isZero() && !linger.isNegative()) {
                out.printf("lingering %s%s%n", linger, connectionRequests || stun ? " for connection requests" : "");
                out.flush();
                TimeUnit.NANOSECONDS.sleep(linger.toNanos());
            }
        } finally {
            timer.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        out.printf("summary: %d session(s) ok, %d failed, %d RPC(s) answered, %d CPE(s), %.1f s%n",
                ok.get(), failed.get(), rpcs.get(), count, elapsed.toMillis() / 1000.0);
        out.flush();
        err.flush();
        return failed.get() == 0 ? 0 : 1;
    }

    /** Prints (and counts) every session a Connection Request starts. */
    private void watchConnectionRequests(SimulatedCpe cpe, ScheduledExecutorService timer, PrintWriter out,
                                         AtomicInteger ok, AtomicInteger failed, AtomicLong rpcs) {
        cpe.nextConnectionRequestSession().thenAcceptAsync(r -> {
            watchConnectionRequests(cpe, timer, out, ok, failed, rpcs);
            (r.ok() ? ok : failed).incrementAndGet();
            rpcs.addAndGet(r.rpcMethods().size());
            if (!quiet || !r.ok()) {
                synchronized (out) {
                    out.printf("%s connection request session %s%n", cpe.deviceId().serialNumber(), r.summary());
                    out.flush();
                }
            }
        }, timer);
    }

    private void runChain(SimulatedCpe cpe, int n, Limiter limiter, ScheduledExecutorService timer, CountDownLatch done,
                          PrintWriter out, AtomicInteger ok, AtomicInteger failed, AtomicLong rpcs) {
        // callbacks on the timer thread: printing must not block an event loop
        limiter.submit(() -> cpe.runSession().whenCompleteAsync((report, error) -> {
            limiter.release();
            SessionReport r = report;
            if (error != null) {
                r = new SessionReport(false, error.toString(), List.of(), List.of(), List.of(), 0, List.of(), Duration.ZERO);
            }
            (r.ok() ? ok : failed).incrementAndGet();
            rpcs.addAndGet(r.rpcMethods().size());
            if (!quiet || !r.ok()) {
                synchronized (out) {
                    out.printf("%s session %d/%d %s%n", cpe.deviceId().serialNumber(), n, sessions, r.summary());
                    out.flush();
                }
            }
            if (n >= sessions) {
                done.countDown();
                return;
            }
            List<EventStruct> next = cpe.pendingEvents();
            boolean now = next.stream().anyMatch(e -> e.eventCode().equals(EventStruct.BOOT)
                    || e.eventCode().equals(EventStruct.TRANSFER_COMPLETE));
            long delay = now ? 0 : interval.toNanos();
            Runnable again = () -> runChain(cpe, n + 1, limiter, timer, done, out, ok, failed, rpcs);
            if (delay <= 0) {
                again.run();
            } else {
                timer.schedule(again, delay, TimeUnit.NANOSECONDS);
            }
        }, timer));
    }

    private DataModel loadTemplate() throws IOException {
        String m = model.trim();
        if (m.equalsIgnoreCase("phone")) {
            return null;
        }
        if (m.equalsIgnoreCase("gateway")) {
            Path csv = findGatewayCsv();
            if (csv == null) {
                throw new IOException("the gateway CSV was not found (looked in -Dlodestar.conformance.dir and "
                        + GATEWAY_CSV_LOCATIONS + "); pass its path with --model <csv>");
            }
            return DataModel.fromCsv(csv);
        }
        Path csv = Path.of(m);
        if (!Files.isRegularFile(csv)) {
            throw new IOException("no such file (expected phone, gateway or a CSV path)");
        }
        return DataModel.fromCsv(csv);
    }

    static Path findGatewayCsv() {
        String dir = System.getProperty("lodestar.conformance.dir");
        if (dir != null) {
            Path p = Path.of(dir, "devices", "data_model_202BC1-BM632w-8KA8WA1151100043.csv");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        for (String s : GATEWAY_CSV_LOCATIONS) {
            Path p = Path.of(s);
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    private DataModel modelFor(DataModel template, int i) {
        String serial = String.format(Locale.ROOT, "%s%06d", serialPrefix == null ? "SIM" : serialPrefix, i + 1);
        if (template == null) {
            return DataModel.ipPhone(serial);
        }
        if (serialPrefix == null && count == 1) {
            return template.copy();
        }
        return template.withSerialNumber(serial);
    }

    private String describe(DataModel template) {
        return template == null ? "built-in IP phone" : "CSV " + template.root() + " " + template.deviceId().productClass();
    }

    /** Admits at most {@code permits} tasks at once; the others wait in line. Thread-safe, non-blocking. */
    static final class Limiter {
        private final Deque<Runnable> waiting = new ArrayDeque<>();
        private int free;

        Limiter(int permits) {
            this.free = permits;
        }

        void submit(Runnable task) {
            synchronized (this) {
                if (free == 0) {
                    waiting.add(task);
                    return;
                }
                free--;
            }
            task.run();
        }

        void release() {
            Runnable next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    free++;
                    return;
                }
            }
            next.run();
        }
    }

    /** 5s, 500ms, 2m, 1h, a bare number of seconds, or ISO-8601 (PT5S). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

        @Override
        public Duration convert(String value) {
            String v = value.trim();
            Matcher m = SIMPLE.matcher(v);
            if (m.matches()) {
                double n = Double.parseDouble(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
                double millis = switch (unit) {
                    case "ms" -> n;
                    case "m" -> n * 60_000;
                    case "h" -> n * 3_600_000;
                    default -> n * 1000;
                };
                return Duration.ofMillis(Math.round(millis));
            }
            try {
                return Duration.parse(v);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 5s, 500ms, 1m)");
            }
        }
    }
}
