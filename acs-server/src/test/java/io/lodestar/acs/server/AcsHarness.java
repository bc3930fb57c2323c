package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.Settings;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.model.Node;
import io.lodestar.acs.store.AcsStore;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real ACS (embedded store in a temporary directory, CWMP on a free loopback port) and a simulator whose
 * CPEs speak real HTTP to it: the fixture of the end-to-end tests.
 */
final class AcsHarness implements AutoCloseable {

    static final Path CONFORMANCE = Path.of(System.getProperty("lodestar.conformance.dir", "../../shared/conformance"));
    static final Path GATEWAY_CSV = CONFORMANCE.resolve("devices/data_model_202BC1-BM632w-8KA8WA1151100043.csv");

    private final Path dataDir;
    /** The API's tokens, kept across restarts, until the embedded engine keeps them itself. */
    private final io.lodestar.acs.api.MemoryTokenStore tokens = new io.lodestar.acs.api.MemoryTokenStore();
    private final Map<String, String> settings;
    private LodestarServer server;
    private final Simulator simulator = new Simulator(2);

    AcsHarness(Path dataDir, Map<String, String> extraSettings) throws InterruptedException {
        this.dataDir = dataDir;
        this.settings = new LinkedHashMap<>(Map.of(
                "cwmp.bind", "127.0.0.1",
                "cwmp.port", "0",
                "api.port", "0",
                "files.port", "0",
                "store.path", dataDir.toString(),
                "cwmp.session-idle-timeout", "5s",
                // CPE authentication has tests of its own (CpeAuthenticationEndToEndTest); the others turn it off
                // rather than each giving credentials (extraSettings may turn it back on)
                "cwmp.auth.mode", "off"));
        this.settings.putAll(extraSettings);
        start();
    }

    AcsHarness(Path dataDir) throws InterruptedException {
        this(dataDir, Map.of());
    }

    void start() throws InterruptedException {
        server = LodestarServer.start(AcsConfig.from(Settings.load(null, Map.of(), settings)), tokens);
    }

    /** Stops the ACS and starts it again on the same store (a restart; the port changes). */
    void restart() throws InterruptedException {
        server.close();
        start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.cwmpPort() + "/");
    }

    AcsStore store() {
        return server.store();
    }

    LodestarServer server() {
        return server;
    }

    Path dataDir() {
        return dataDir;
    }

    Simulator simulator() {
        return simulator;
    }

    SimulatedCpe gateway() throws IOException {
        return simulator.cpe(url(), DataModel.fromCsv(GATEWAY_CSV), CpeOptions.defaults());
    }

    SimulatedCpe phone(String serial) {
        return simulator.cpe(url(), DataModel.ipPhone(serial), CpeOptions.defaults());
    }

    SimulatedCpe cpe(DataModel model, CpeOptions options) {
        return simulator.cpe(url(), model, options);
    }

    static SessionReport ok(SimulatedCpe cpe) throws Exception {
        SessionReport report = cpe.runSession().get(60, TimeUnit.SECONDS);
        assertThat(report.ok()).as("session of %s: %s", cpe, report.failure()).isTrue();
        return report;
    }

    /** The id Lodestar gives a simulated CPE under the default identity scheme. */
    static DeviceId idOf(SimulatedCpe cpe) {
        return io.lodestar.acs.core.device.IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(cpe.deviceId());
    }

    /** What the CPE would report for each of its paths: objects with no value, passwords read back empty. */
    static Map<String, String> reportedTree(DataModel model) {
        return model.nodes().stream().collect(Collectors.toMap(Node::path,
                n -> n.isObject() ? "<object>" : (model.readsBackEmpty(n.path()) ? "" : n.value()) + " : " + n.type()));
    }

    /** What the ACS stored for a device, in the same shape as {@link #reportedTree}. */
    Map<String, String> storedTree(DeviceId id, String root) {
        return store().parameters(id, root).stream().collect(Collectors.toMap(Parameter::path,
                p -> p.isObject() ? "<object>" : p.value() + " : " + p.type()));
    }

    /** Asserts the ACS stored exactly what the CPE reports, naming only the paths that differ. */
    void assertStoredEqualsCpe(SimulatedCpe cpe, String prefix) {
        assertStoredEqualsCpe(store(), cpe, prefix);
    }

    /** Asserts a store holds exactly what the CPE reports under a prefix, naming only the paths that differ. */
    static void assertStoredEqualsCpe(AcsStore store, SimulatedCpe cpe, String prefix) {
        DeviceId id = idOf(cpe);
        Map<String, String> stored = store.parameters(id, prefix).stream().collect(Collectors.toMap(Parameter::path,
                p -> p.isObject() ? "<object>" : p.value() + " : " + p.type()));
        Map<String, String> reported = reportedTree(cpe.model()).entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        java.util.List<String> differences = new java.util.ArrayList<>();
        new java.util.TreeSet<>(reported.keySet()).forEach(path -> {
            if (!stored.containsKey(path)) {
                differences.add("missing " + path + " = " + reported.get(path));
            } else if (!stored.get(path).equals(reported.get(path))) {
                differences.add("differs " + path + ": stored " + stored.get(path) + ", CPE " + reported.get(path));
            }
        });
        new java.util.TreeSet<>(stored.keySet()).stream().filter(p -> !reported.containsKey(p))
                .forEach(path -> differences.add("extra " + path + " = " + stored.get(path)));
        assertThat(differences).as("differences between the store and %s (%d stored, %d on the CPE)", cpe,
                stored.size(), reported.size()).isEmpty();
    }

    @Override
    public void close() {
        simulator.close();
        if (server != null) {
            server.close();
        }
    }
}
