package io.lodestar.acs.core.session;

import io.lodestar.acs.core.rpc.AddObject;
import io.lodestar.acs.core.rpc.AddObjectResponse;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.DeleteObject;
import io.lodestar.acs.core.rpc.DeleteObjectResponse;
import io.lodestar.acs.core.rpc.FactoryReset;
import io.lodestar.acs.core.rpc.FactoryResetResponse;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.RebootResponse;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A test-local CPE: a data model in a sorted map that answers the ACS's requests as TR-069 says a CPE
 * should, with switches to make chosen objects or parameters fault.
 */
final class FakeCpe {

    /** One entry of the model; objects (paths ending in '.') have a null value and type. */
    record Entry(String value, String type, boolean writable) {}

    static final int INVALID_ARGUMENTS = 9003;
    static final int INVALID_PARAMETER_NAME = 9005;
    static final int NOT_WRITABLE = 9008;

    private final TreeMap<String, Entry> model = new TreeMap<>();
    private final Map<String, Map<String, String>> templates = new LinkedHashMap<>();
    /** Objects whose GetParameterNames faults. */
    final Set<String> gpnFaults = new HashSet<>();
    /** Parameters whose value cannot be read: any GetParameterValues naming them faults. */
    final Set<String> gpvFaults = new HashSet<>();
    /** Every request received, in order. */
    final List<CwmpMessage.AcsRequest> received = new ArrayList<>();
    /** When set and returning non-null, its answer replaces the normal one. */
    Function<CwmpMessage.AcsRequest, CwmpMessage> override = r -> null;

    FakeCpe leaf(String path, String value) {
        return leaf(path, value, ParameterValueStruct.STRING, false);
    }

    FakeCpe leaf(String path, String value, String type, boolean writable) {
        if (path.endsWith(".")) {
            throw new IllegalArgumentException("a leaf does not end in '.': " + path);
        }
        addParents(path);
        model.put(path, new Entry(value, type, writable));
        return this;
    }

    FakeCpe object(String path, boolean writable) {
        if (!path.endsWith(".")) {
            throw new IllegalArgumentException("an object ends in '.': " + path);
        }
        addParents(path);
        model.put(path, new Entry(null, null, writable));
        return this;
    }

    /** Makes {@code table} (e.g. {@code Device.WiFi.SSID.}) a multi-instance object AddObject can grow. */
    FakeCpe template(String table, Map<String, String> leafDefaults) {
        object(table, true);
        templates.put(table, new LinkedHashMap<>(leafDefaults));
        return this;
    }

    private void addParents(String path) {
        int end = path.endsWith(".") ? path.length() - 1 : path.length();
        for (int i = path.indexOf('.'); i >= 0 && i < end; i = path.indexOf('.', i + 1)) {
            model.putIfAbsent(path.substring(0, i + 1), new Entry(null, null, false));
        }
    }

    /** Every entry, objects included. */
    Map<String, Entry> model() {
        return java.util.Collections.unmodifiableMap(model);
    }

    /** The leaves' values by path. */
    Map<String, String> values() {
        Map<String, String> out = new TreeMap<>();
        model.forEach((k, v) -> {
            if (!k.endsWith(".")) {
                out.put(k, v.value());
            }
        });
        return out;
    }

    String value(String path) {
        Entry e = model.get(path);
        return e == null ? null : e.value();
    }

    CwmpMessage answer(CwmpMessage.AcsRequest request) {
        received.add(request);
        CwmpMessage special = override.apply(request);
        if (special != null) {
            return special;
        }
        if (request instanceof GetParameterNames gpn) {
            return names(gpn);
        } else if (request instanceof GetParameterValues gpv) {
            return values(gpv);
        } else if (request instanceof SetParameterValues spv) {
            return set(spv);
        } else if (request instanceof AddObject add) {
            return add(add);
        } else if (request instanceof DeleteObject delete) {
            return delete(delete);
        } else if (request instanceof Reboot) {
            return new RebootResponse();
        } else if (request instanceof FactoryReset) {
            return new FactoryResetResponse();
        }
        return fault(9000, "Method not supported");
    }

    static CwmpFault fault(int code, String text) {
        return new CwmpFault("Client", code, text, List.of());
    }

    private CwmpMessage names(GetParameterNames gpn) {
        String path = gpn.parameterPath();
        if (gpnFaults.contains(path)) {
            return fault(INVALID_PARAMETER_NAME, "Invalid parameter name");
        }
        List<ParameterInfoStruct> out = new ArrayList<>();
        if (path.isEmpty()) {
            model.forEach((k, v) -> {
                if (!gpn.nextLevel() || k.indexOf('.') == k.length() - 1) {
                    out.add(new ParameterInfoStruct(k, v.writable()));
                }
            });
            return new GetParameterNamesResponse(out);
        }
        Entry self = model.get(path);
        if (self == null) {
            return fault(INVALID_PARAMETER_NAME, "Invalid parameter name");
        }
        if (!path.endsWith(".")) {
            return gpn.nextLevel() ? fault(INVALID_ARGUMENTS, "Invalid arguments")
                    : new GetParameterNamesResponse(List.of(new ParameterInfoStruct(path, self.writable())));
        }
        if (!gpn.nextLevel()) {
            out.add(new ParameterInfoStruct(path, self.writable())); // the object itself, as TR-069 says
        }
        for (Map.Entry<String, Entry> e : model.tailMap(path, false).entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(path)) {
                break;
            }
            String rest = k.substring(path.length());
            int dot = rest.indexOf('.');
            boolean child = dot < 0 || dot == rest.length() - 1;
            if (!gpn.nextLevel() || child) {
                out.add(new ParameterInfoStruct(k, e.getValue().writable()));
            }
        }
        return new GetParameterNamesResponse(out);
    }

    private CwmpMessage values(GetParameterValues gpv) {
        List<ParameterValueStruct> out = new ArrayList<>();
        for (String name : gpv.parameterNames()) {
            if (gpvFaults.contains(name)) {
                return fault(INVALID_PARAMETER_NAME, "Invalid parameter name");
            }
            if (name.isEmpty() || name.endsWith(".")) {
                if (!name.isEmpty() && !model.containsKey(name)) {
                    return fault(INVALID_PARAMETER_NAME, "Invalid parameter name");
                }
                for (Map.Entry<String, Entry> e : model.entrySet()) {
                    if (e.getKey().startsWith(name) && !e.getKey().endsWith(".")) {
                        if (gpvFaults.contains(e.getKey())) {
                            return fault(INVALID_PARAMETER_NAME, "Invalid parameter name");
                        }
                        out.add(new ParameterValueStruct(e.getKey(), e.getValue().value(), e.getValue().type()));
                    }
                }
            } else {
                Entry e = model.get(name);
                if (e == null) {
                    return fault(INVALID_PARAMETER_NAME, "Invalid parameter name");
                }
                out.add(new ParameterValueStruct(name, e.value(), e.type()));
            }
        }
        return new GetParameterValuesResponse(out);
    }

    private CwmpMessage set(SetParameterValues spv) {
        List<CwmpFault.SetParameterValuesFault> faults = new ArrayList<>();
        for (ParameterValueStruct v : spv.parameterList()) {
            Entry e = model.get(v.name());
            if (e == null || v.name().endsWith(".")) {
                faults.add(new CwmpFault.SetParameterValuesFault(v.name(), INVALID_PARAMETER_NAME,
                        "Invalid parameter name"));
            } else if (!e.writable()) {
                faults.add(new CwmpFault.SetParameterValuesFault(v.name(), NOT_WRITABLE,
                        "Attempt to set a non-writable parameter"));
            }
        }
        if (!faults.isEmpty()) {
            return new CwmpFault("Client", INVALID_ARGUMENTS, "Invalid arguments", faults);
        }
        for (ParameterValueStruct v : spv.parameterList()) {
            model.put(v.name(), new Entry(v.value(), v.type(), true));
        }
        model.put("Device.ManagementServer.ParameterKey",
                new Entry(spv.parameterKey(), ParameterValueStruct.STRING, false));
        return new SetParameterValuesResponse(0);
    }

    private CwmpMessage add(AddObject add) {
        Map<String, String> template = templates.get(add.objectName());
        if (template == null) {
            return fault(INVALID_PARAMETER_NAME, "Invalid parameter name");
        }
        long n = 1;
        for (String k : model.tailMap(add.objectName(), false).keySet()) {
            if (!k.startsWith(add.objectName())) {
                break;
            }
            String rest = k.substring(add.objectName().length());
            String number = rest.substring(0, rest.indexOf('.') < 0 ? rest.length() : rest.indexOf('.'));
            if (number.chars().allMatch(Character::isDigit) && !number.isEmpty()) {
                n = Math.max(n, Long.parseLong(number) + 1);
            }
        }
        String instance = add.objectName() + n + ".";
        object(instance, true);
        template.forEach((leaf, value) -> leaf(instance + leaf, value, ParameterValueStruct.STRING, true));
        return new AddObjectResponse(n, 0);
    }

    private CwmpMessage delete(DeleteObject delete) {
        if (!delete.objectName().endsWith(".") || !model.containsKey(delete.objectName())) {
            return fault(INVALID_PARAMETER_NAME, "Invalid parameter name");
        }
        model.keySet().removeIf(k -> k.startsWith(delete.objectName()));
        return new DeleteObjectResponse(0);
    }

    /** A small but complete TR-181 model: device info, management server, a two-SSID table. */
    static FakeCpe standard() {
        return new FakeCpe()
                .leaf("Device.DeviceInfo.Manufacturer", "Acme")
                .leaf("Device.DeviceInfo.SerialNumber", "SN1")
                .leaf("Device.DeviceInfo.SoftwareVersion", "2.0.1")
                .leaf("Device.DeviceInfo.HardwareVersion", "HW3")
                .leaf("Device.DeviceInfo.UpTime", "3600", "xsd:unsignedInt", false)
                .leaf("Device.ManagementServer.URL", "http://acs.example/cwmp", ParameterValueStruct.STRING, true)
                .leaf("Device.ManagementServer.ConnectionRequestURL", "http://10.0.0.7:7547/cr")
                .leaf("Device.ManagementServer.ParameterKey", "")
                .leaf("Device.ManagementServer.PeriodicInformInterval", "300", "xsd:unsignedInt", true)
                .template("Device.WiFi.SSID.", Map.of("Enable", "false", "SSID", ""))
                .object("Device.WiFi.SSID.1.", true)
                .leaf("Device.WiFi.SSID.1.Enable", "true", "xsd:boolean", true)
                .leaf("Device.WiFi.SSID.1.SSID", "home", ParameterValueStruct.STRING, true)
                .object("Device.WiFi.SSID.2.", true)
                .leaf("Device.WiFi.SSID.2.Enable", "false", "xsd:boolean", true)
                .leaf("Device.WiFi.SSID.2.SSID", "guest", ParameterValueStruct.STRING, true)
                .leaf("Device.WiFi.SSIDNumberOfEntries", "2", "xsd:unsignedInt", false);
    }
}
