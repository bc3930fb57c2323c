package io.lodestar.acs.sim.model;

import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A simulated CPE's parameter tree: every object (path ending in '.') and parameter with its value, type and
 * writability, the parameters' attributes, and the DeviceId the CPE announces in its Informs.
 *
 * <p>The tree remembers its initial ("factory") content, so {@link #reset()} can model a FactoryReset and
 * {@link #addInstance(String)} can clone an instance of a table even after every instance was deleted.
 *
 * <p>Paths are kept in CPE order ({@link Paths#ORDER}: instance numbers compare as numbers). All methods are
 * thread-safe; a simulated CPE changes its tree only while it runs a session.
 */
public final class DataModel {

    /** TR-069 "unknown time", the default of a dateTime parameter. */
    public static final String UNKNOWN_TIME = "0001-01-01T00:00:00Z";

    private static final Pattern IGD_WAN_ADDRESS = Pattern.compile(
            "InternetGatewayDevice\\.WANDevice\\.\\d+\\.WANConnectionDevice\\.\\d+\\.WAN(IP|PPP)Connection\\.\\d+\\.ExternalIPAddress");
    private static final Pattern DEVICE_IP_ADDRESS = Pattern.compile(
            "Device\\.IP\\.Interface\\.\\d+\\.IPv4Address\\.\\d+\\.IPAddress");

    private final String root;
    private final CwmpVersion defaultCwmpVersion;
    private final boolean hidesPasswords;
    private DeviceIdStruct deviceId;
    private final TreeMap<String, Node> nodes = new TreeMap<>(Paths.ORDER);
    private final TreeMap<String, Node> factory = new TreeMap<>(Paths.ORDER);
    private final Map<String, Attributes> attributes = new HashMap<>();
    private final Set<String> forcedActive = new LinkedHashSet<>();
    private final Set<String> valueChanges = new LinkedHashSet<>();

    private DataModel(String root, DeviceIdStruct deviceId, CwmpVersion defaultCwmpVersion, boolean hidesPasswords,
                      Collection<Node> content) {
        this.root = root;
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.defaultCwmpVersion = Objects.requireNonNull(defaultCwmpVersion, "defaultCwmpVersion");
        this.hidesPasswords = hidesPasswords;
        for (Node n : content) {
            put(nodes, n);
        }
        factory.putAll(nodes);
        for (String name : List.of("DeviceInfo.SoftwareVersion", "DeviceInfo.ProvisioningCode")) {
            if (nodes.containsKey(root + name)) {
                forcedActive.add(root + name);
            }
        }
    }

    private DataModel(DataModel other) {
        this.root = other.root;
        this.deviceId = other.deviceId;
        this.defaultCwmpVersion = other.defaultCwmpVersion;
        this.hidesPasswords = other.hidesPasswords;
        this.nodes.putAll(other.nodes);
        this.factory.putAll(other.factory);
        this.attributes.putAll(other.attributes);
        this.forcedActive.addAll(other.forcedActive);
        this.valueChanges.addAll(other.valueChanges);
    }

    /** Inserts a node and any missing ancestor objects (read-only). */
    private static void put(TreeMap<String, Node> into, Node n) {
        into.put(n.path(), n);
        for (String p = Paths.parent(n.path()); !p.isEmpty(); p = Paths.parent(p)) {
            if (into.containsKey(p)) {
                break;
            }
            into.put(p, Node.object(p, false));
        }
    }

    // ------------------------------------------------------------------ factories

    /**
     * A tree from explicit content.
     *
     * @param deviceId           what the CPE announces in its Informs
     * @param defaultCwmpVersion the CWMP version the CPE speaks unless told otherwise
     * @param hidesPasswords     whether parameters named {@code *Password} read back empty, as TR-069 requires
     * @param content            objects and parameters; missing ancestor objects are added (read-only)
     */
    public static DataModel of(DeviceIdStruct deviceId, CwmpVersion defaultCwmpVersion, boolean hidesPasswords,
                               Collection<Node> content) {
        if (content.isEmpty()) {
            throw new IllegalArgumentException("empty data model");
        }
        String first = content.iterator().next().path();
        int dot = first.indexOf('.');
        String root = dot < 0 ? first + "." : first.substring(0, dot + 1);
        for (Node n : content) {
            if (!n.path().startsWith(root)) {
                throw new IllegalArgumentException("two root objects: " + root + " and " + n.path());
            }
        }
        return new DataModel(root, deviceId, defaultCwmpVersion, hidesPasswords, content);
    }

    /**
     * Loads a genieacs-sim CSV dump ({@code Parameter,Object,Writable,Value,Value type}). The {@code DeviceID.*}
     * rows become the DeviceId; object rows may be written with or without the trailing dot. The CPE speaks
     * CWMP 1.0 and reads passwords back as stored (as the dumped device did).
     */
    public static DataModel fromCsv(Path csv) throws IOException {
        return CsvLoader.load(csv);
    }

    /**
     * A built-in TR-181 ({@code Device:2}) IP phone in the spirit of a Cisco multiplatform desk phone, with
     * a TR-104 voice service of one SIP profile and two lines. Speaks CWMP 1.4 (1.2 namespace) by default.
     */
    public static DataModel ipPhone(String serialNumber) {
        return IpPhone.build(serialNumber);
    }

    /** An independent copy of this tree, its attributes and its factory content. */
    public synchronized DataModel copy() {
        return new DataModel(this);
    }

    /**
     * An independent copy announcing another serial number: the DeviceId and DeviceInfo.SerialNumber (in the
     * current and the factory content) change. Handy to make many CPEs from one CSV.
     */
    public synchronized DataModel withSerialNumber(String serialNumber) {
        DataModel copy = new DataModel(this);
        copy.deviceId = new DeviceIdStruct(deviceId.manufacturer(), deviceId.oui(), deviceId.productClass(), serialNumber);
        String path = root + "DeviceInfo.SerialNumber";
        Node n = copy.nodes.get(path);
        if (n != null) {
            copy.nodes.put(path, n.withValue(serialNumber));
        }
        Node f = copy.factory.get(path);
        if (f != null) {
            copy.factory.put(path, f.withValue(serialNumber));
        }
        return copy;
    }

    // ------------------------------------------------------------------ identity

    /** The root object, {@code Device.} or {@code InternetGatewayDevice.}. */
    public String root() {
        return root;
    }

    public synchronized DeviceIdStruct deviceId() {
        return deviceId;
    }

    /** The CWMP version this kind of CPE speaks unless configured otherwise. */
    public CwmpVersion defaultCwmpVersion() {
        return defaultCwmpVersion;
    }

    /** Whether parameters whose name ends in {@code Password} read back as an empty string. */
    public boolean hidesPasswords() {
        return hidesPasswords;
    }

    /** Whether a GetParameterValues of this path reads back empty (a password, when passwords are hidden). */
    public boolean readsBackEmpty(String path) {
        return hidesPasswords && !path.endsWith(".") && Paths.lastSegment(path).endsWith("Password");
    }

    // ------------------------------------------------------------------ reading

    public synchronized int size() {
        return nodes.size();
    }

    /** How many parameters (not objects) the tree holds. */
    public synchronized int parameterCount() {
        int n = 0;
        for (String p : nodes.keySet()) {
            if (!p.endsWith(".")) {
                n++;
            }
        }
        return n;
    }

    public synchronized boolean contains(String path) {
        return nodes.containsKey(path);
    }

    public synchronized Optional<Node> node(String path) {
        return Optional.ofNullable(nodes.get(path));
    }

    /** The stored value of a parameter (passwords included), empty when there is no such parameter. */
    public synchronized Optional<String> value(String path) {
        Node n = nodes.get(path);
        return n == null || n.isObject() ? Optional.empty() : Optional.of(n.value());
    }

    /** Every node, in CPE order. */
    public synchronized List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The object itself and everything below it, in CPE order; {@code ""} means the whole tree. */
    public synchronized List<Node> subtree(String objectPath) {
        if (objectPath.isEmpty()) {
            return List.copyOf(nodes.values());
        }
        return new ArrayList<>(range(objectPath).values());
    }

    /** The direct children of an object (objects and parameters); for {@code ""} the root object. */
    public synchronized List<Node> children(String objectPath) {
        if (objectPath.isEmpty()) {
            return List.of(nodes.get(root));
        }
        List<Node> out = new ArrayList<>();
        for (Node n : range(objectPath).values()) {
            if (!n.path().equals(objectPath) && Paths.parent(n.path()).equals(objectPath)) {
                out.add(n);
            }
        }
        return out;
    }

    /** The instance numbers of a multi-instance object such as {@code Device.IP.Interface.}, ascending. */
    public synchronized List<Long> instances(String tablePath) {
        return instancesIn(nodes, tablePath);
    }

    private static List<Long> instancesIn(TreeMap<String, Node> tree, String tablePath) {
        List<Long> out = new ArrayList<>();
        if (!tree.containsKey(tablePath)) {
            return out;
        }
        for (String p : range(tree, tablePath).keySet()) {
            if (p.endsWith(".") && Paths.parent(p).equals(tablePath) && Paths.isInstance(p)) {
                out.add(Long.parseLong(Paths.lastSegment(p)));
            }
        }
        return out;
    }

    /**
     * Whether a path is a multi-instance object ("table"): an object, not itself an instance, that is writable
     * (AddObject allowed) or already has instances.
     */
    public synchronized boolean isTable(String path) {
        Node n = nodes.get(path);
        if (n == null || !n.isObject() || Paths.isInstance(path) || path.equals(root)) {
            return false;
        }
        return n.writable() || !instancesIn(nodes, path).isEmpty() || !instancesIn(factory, path).isEmpty();
    }

    private NavigableMap<String, Node> range(String objectPath) {
        return range(nodes, objectPath);
    }

    private static NavigableMap<String, Node> range(TreeMap<String, Node> tree, String objectPath) {
        // every subtree is contiguous in Paths.ORDER; find its end by walking from its start
        NavigableMap<String, Node> tail = tree.tailMap(objectPath, true);
        String end = null;
        for (String p : tail.keySet()) {
            if (!p.startsWith(objectPath)) {
                end = p;
                break;
            }
        }
        return end == null ? tail : tree.subMap(objectPath, true, end, false);
    }

    // ------------------------------------------------------------------ writing

    /**
     * Sets a parameter's value as the ACS (or the simulator) does: no notification is due. The caller has
     * checked writability and type.
     *
     * @throws IllegalArgumentException when there is no such parameter
     */
    public synchronized void set(String path, String value) {
        Node n = nodes.get(path);
        if (n == null || n.isObject()) {
            throw new IllegalArgumentException("no parameter " + path);
        }
        nodes.put(path, n.withValue(value));
    }

    /**
     * Changes a value on the CPE's own initiative (a user on the keypad, a firmware update, ...). When the
     * parameter's notification attribute is passive or active, the change is reported in the next Inform
     * ({@code 4 VALUE CHANGE}, the parameter in the ParameterList).
     *
     * @throws IllegalArgumentException when there is no such parameter
     */
    public synchronized void changeLocally(String path, String value) {
        Node n = nodes.get(path);
        if (n == null || n.isObject()) {
            throw new IllegalArgumentException("no parameter " + path);
        }
        if (n.value().equals(value)) {
            return;
        }
        nodes.put(path, n.withValue(value));
        if (attributes(path).notification() > 0) {
            valueChanges.add(path);
        }
    }

    /** Parameters changed locally with notification on, not yet reported to the ACS. */
    public synchronized List<String> pendingValueChanges() {
        List<String> out = new ArrayList<>();
        for (String p : valueChanges) {
            if (nodes.containsKey(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Forgets the reported value changes (after the ACS accepted the Inform that carried them). */
    public synchronized void clearValueChanges(Collection<String> reported) {
        valueChanges.removeAll(reported);
    }

    /**
     * Adds an instance to a table: number = highest existing + 1; its content is a copy of the lowest existing
     * instance (or of one from the factory content when none exists), without nested instances, every value
     * reset to its type's default (empty string, 0, false, unknown time). The table's
     * {@code <Name>NumberOfEntries} (or TR-104 style {@code NumberOf<Name>s}) counter follows.
     *
     * @return the new instance number
     * @throws IllegalArgumentException when the path is no table
     */
    public synchronized long addInstance(String tablePath) {
        if (!isTable(tablePath)) {
            throw new IllegalArgumentException("not a multi-instance object: " + tablePath);
        }
        List<Long> existing = instancesIn(nodes, tablePath);
        long number = existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1;
        String instance = tablePath + number + ".";
        TreeMap<String, Node> source = nodes;
        List<Long> templates = existing;
        if (templates.isEmpty()) {
            source = factory;
            templates = instancesIn(factory, tablePath);
        }
        boolean writable = nodes.get(tablePath).writable();
        nodes.put(instance, Node.object(instance, writable));
        if (!templates.isEmpty()) {
            String template = tablePath + templates.get(0) + ".";
            for (Node n : List.copyOf(range(source, template).values())) {
                String rest = n.path().substring(template.length());
                if (rest.isEmpty() || hasInstanceSegment(rest)) {
                    continue;
                }
                String path = instance + rest;
                nodes.put(path, n.isObject() ? Node.object(path, n.writable())
                        : Node.parameter(path, defaultValue(n.type()), n.type(), n.writable()));
            }
        }
        updateCount(tablePath);
        return number;
    }

    private static boolean hasInstanceSegment(String relative) {
        for (String s : relative.split("\\.")) {
            if (Paths.isNumber(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Deletes an instance and everything below it (with their attributes); the table's entry counter follows.
     *
     * @throws IllegalArgumentException when the path is no existing instance
     */
    public synchronized void deleteInstance(String instancePath) {
        if (!Paths.isInstance(instancePath) || !nodes.containsKey(instancePath)) {
            throw new IllegalArgumentException("no instance " + instancePath);
        }
        NavigableMap<String, Node> sub = range(instancePath);
        for (String p : List.copyOf(sub.keySet())) {
            nodes.remove(p);
            attributes.remove(p);
            valueChanges.remove(p);
        }
        updateCount(Paths.parent(instancePath));
    }

    private void updateCount(String tablePath) {
        String parent = Paths.parent(tablePath);
        String name = Paths.lastSegment(tablePath);
        int count = instancesIn(nodes, tablePath).size();
        for (String counter : List.of(parent + name + "NumberOfEntries", parent + "NumberOf" + name + "s")) {
            Node n = nodes.get(counter);
            if (n != null && !n.isObject()) {
                nodes.put(counter, n.withValue(Integer.toString(count)));
            }
        }
    }

    /** The default value of a type, as a new instance's parameters get it. */
    public static String defaultValue(String type) {
        return switch (type) {
            case "xsd:boolean" -> "false";
            case "xsd:int", "xsd:unsignedInt", "xsd:long", "xsd:unsignedLong" -> "0";
            case "xsd:dateTime" -> UNKNOWN_TIME;
            default -> "";
        };
    }

    // ------------------------------------------------------------------ attributes

    /**
     * A parameter's attributes. DeviceInfo.SoftwareVersion and ProvisioningCode are active (2) by default and
     * cannot be turned off (TR-069 forced active notification); everything else starts at 0 with an empty list.
     */
    public synchronized Attributes attributes(String path) {
        Attributes a = attributes.get(path);
        if (a != null) {
            return a;
        }
        return forcedActive.contains(path) ? new Attributes(2, List.of()) : Attributes.DEFAULT;
    }

    /** Whether the CPE insists on active notification for this parameter (notification changes are rejected). */
    public boolean isForcedActive(String path) {
        return forcedActive.contains(path);
    }

    /** Stores a parameter's attributes; the caller has checked them. */
    public synchronized void setAttributes(String path, Attributes value) {
        if (!nodes.containsKey(path)) {
            throw new IllegalArgumentException("no parameter " + path);
        }
        if (value.equals(Attributes.DEFAULT) && !forcedActive.contains(path)) {
            attributes.remove(path);
        } else {
            attributes.put(path, value);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** Factory reset: the initial content comes back, attributes and pending value changes are forgotten. */
    public synchronized void reset() {
        nodes.clear();
        nodes.putAll(factory);
        attributes.clear();
        valueChanges.clear();
    }

    /** {@code <root>ManagementServer.ParameterKey}. */
    public String parameterKeyPath() {
        return root + "ManagementServer.ParameterKey";
    }

    /** {@code <root>ManagementServer.ConnectionRequestURL}. */
    public String connectionRequestUrlPath() {
        return root + "ManagementServer.ConnectionRequestURL";
    }

    /**
     * The parameters every Inform carries (the data model's forced-inform list, as far as this tree has
     * them): DeviceSummary / RootDataModelVersion, DeviceInfo.SpecVersion, HardwareVersion, SoftwareVersion,
     * ProvisioningCode, ManagementServer.ConnectionRequestURL, ParameterKey, AliasBasedAddressing, and the
     * address of the first WAN connection (InternetGatewayDevice) or IP interface (Device).
     */
    public synchronized List<String> informParameterNames() {
        List<String> out = new ArrayList<>();
        for (String name : List.of("RootDataModelVersion", "DeviceSummary", "DeviceInfo.SpecVersion",
                "DeviceInfo.HardwareVersion", "DeviceInfo.SoftwareVersion", "DeviceInfo.ProvisioningCode",
                "ManagementServer.ConnectionRequestURL", "ManagementServer.ParameterKey",
                "ManagementServer.AliasBasedAddressing", "LAN.IPAddress")) {
            Node n = nodes.get(root + name);
            if (n != null && !n.isObject()) {
                out.add(n.path());
            }
        }
        Pattern address = root.equals("InternetGatewayDevice.") ? IGD_WAN_ADDRESS : DEVICE_IP_ADDRESS;
        for (String p : nodes.keySet()) {
            if (address.matcher(p).matches()) {
                out.add(p);
                break;
            }
        }
        return out;
    }

    @Override
    public synchronized String toString() {
        return "DataModel[" + root + " " + deviceId.oui() + "-" + deviceId.productClass() + "-"
                + deviceId.serialNumber() + ", " + nodes.size() + " nodes]";
    }
}
