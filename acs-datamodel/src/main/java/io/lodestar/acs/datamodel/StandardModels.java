package io.lodestar.acs.datamodel;

import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Broadband Forum models this module ships (resources under {@code io/lodestar/acs/datamodel/bbf/}, each with
 * its BSD licence header), indexed once, and the rule for which model a device's path is read against:
 * {@code InternetGatewayDevice.} paths against TR-098, {@code Device.} paths against TR-181 Issue 2 (Device:2.17) or,
 * for a device whose root is Device:1 (its {@code Device.DeviceSummary} says so), TR-181 Issue 1 (Device:1.14); a
 * {@code ...Services.VoiceService.} path under either root against TR-104 (VoiceService:1.1, then 2.0). A path none
 * of them defines (a vendor's {@code X_} parameter, a newer amendment's) is not standard: empty.
 */
public final class StandardModels {

    public static final String DEVICE_2 = "Device:2.17";
    public static final String DEVICE_1 = "Device:1.14";
    public static final String IGD = "InternetGatewayDevice:1.14";
    public static final String VOICE_1 = "VoiceService:1.1";
    public static final String VOICE_2 = "VoiceService:2.0";

    /** The shipped documents, as copied from the BBF's cwmp-data-models repository. */
    public static final List<String> RESOURCES = List.of(
            "bbf/tr-181-2-17-0-cwmp-full.xml", "bbf/tr-181-1-7-0-full.xml", "bbf/tr-098-1-8-0-full.xml",
            "bbf/tr-104-1-1-0-full.xml", "bbf/tr-104-2-0-2-cwmp-full.xml");

    /** Which {@code Device:} model a device's {@code Device.} paths are read against. */
    public enum Root { DEVICE_2, DEVICE_1 }

    private static volatile StandardModels shipped;

    private final Map<String, DataModel> models;
    private final long buildNanos;

    private StandardModels(Map<String, DataModel> models, long buildNanos) {
        this.models = Map.copyOf(models);
        this.buildNanos = buildNanos;
    }

    /**
     * The shipped models, read and indexed at the first call (about a second: docs/datamodel.md) and kept for the
     * life of the process.
     */
    public static StandardModels shipped() {
        StandardModels s = shipped;
        if (s == null) {
            synchronized (StandardModels.class) {
                s = shipped;
                if (s == null) {
                    s = load(RESOURCES);
                    shipped = s;
                    LoggerFactory.getLogger(StandardModels.class).info(
                            "standard data models indexed: {} models, {} parameters in {} ms", s.models.size(),
                            s.models.values().stream().mapToInt(m -> m.parameters().size()).sum(), s.buildMillis());
                }
            }
        }
        return s;
    }

    /**
     * Starts indexing the shipped models on a daemon thread, so that a server's start-up does not wait for it;
     * {@link #shipped()} then waits only for what is left. Calling it again does nothing.
     */
    public static void preload() {
        if (shipped == null && PRELOADING.compareAndSet(false, true)) {
            Thread t = new Thread(StandardModels::shipped, "standard-models-index");
            t.setDaemon(true);
            t.start();
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PRELOADING =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Reads and indexes the given resources (relative to this class). */
    public static StandardModels load(List<String> resources) {
        long start = System.nanoTime();
        DataModelReader reader = new DataModelReader();
        Map<String, DataModel> models = new LinkedHashMap<>();
        for (String resource : resources) {
            reader.readResource(resource).forEach(m -> models.put(m.name(), m));
        }
        return new StandardModels(models, System.nanoTime() - start);
    }

    /** How long reading and indexing took, in milliseconds. */
    public long buildMillis() {
        return buildNanos / 1_000_000;
    }

    public Optional<DataModel> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public List<DataModel> models() {
        return new ArrayList<>(models.values());
    }

    /** The standard definition of the parameter at a device's path, if it is standard. */
    public Optional<ParameterSpec> parameter(String path, Root root) {
        for (Candidate c : candidates(path, root)) {
            Optional<ParameterSpec> found = c.model() == null ? Optional.empty() : c.model().parameter(c.path());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The standard definition of the object at a device's object path, if it is standard. */
    public Optional<ObjectSpec> object(String path, Root root) {
        for (Candidate c : candidates(path, root)) {
            Optional<ObjectSpec> found = c.model() == null ? Optional.empty() : c.model().object(c.path());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private record Candidate(DataModel model, String path) {}

    private List<Candidate> candidates(String path, Root root) {
        List<Candidate> out = new ArrayList<>(3);
        if (path.startsWith("InternetGatewayDevice.")) {
            out.add(new Candidate(models.get(IGD), path));
            voice(path, "InternetGatewayDevice.Services.", out);
        } else if (path.startsWith("Device.")) {
            out.add(new Candidate(models.get(root == Root.DEVICE_1 ? DEVICE_1 : DEVICE_2), path));
            voice(path, "Device.Services.", out);
        }
        return out;
    }

    private void voice(String path, String services, List<Candidate> out) {
        if (path.startsWith(services + "VoiceService.")) {
            String relative = path.substring(services.length());
            out.add(new Candidate(models.get(VOICE_1), relative));
            out.add(new Candidate(models.get(VOICE_2), relative));
        }
    }
}
