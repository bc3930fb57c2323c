package io.lodestar.acs.sim.load;

import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.FactoryReset;
import io.lodestar.acs.core.rpc.FactoryResetResponse;
import io.lodestar.acs.core.rpc.GetParameterAttributes;
import io.lodestar.acs.core.rpc.GetParameterAttributesResponse;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.GetRPCMethods;
import io.lodestar.acs.core.rpc.GetRPCMethodsResponse;
import io.lodestar.acs.core.rpc.ParameterAttributeStruct;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.RebootResponse;
import io.lodestar.acs.core.rpc.ScheduleInform;
import io.lodestar.acs.core.rpc.ScheduleInformResponse;
import io.lodestar.acs.core.rpc.SetParameterAttributes;
import io.lodestar.acs.core.rpc.SetParameterAttributesResponse;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.sim.model.Node;
import io.lodestar.acs.sim.rpc.CpeFaults;
import io.lodestar.acs.sim.rpc.Values;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers the ACS's requests for a load-run device against its {@link DeviceTree}: the reads a discovery and a
 * provisioning make (GetRPCMethods, GetParameterNames, GetParameterValues, GetParameterAttributes), value and
 * attribute changes on existing parameters, Reboot, FactoryReset and ScheduleInform (acknowledged). The tree's shape
 * is shared, so AddObject, DeleteObject and transfers are answered 9000 (Method not supported): a load run measures
 * the ACS's sessions, {@code lodestar sim} models a CPE completely. Faults follow {@code CpeRpcHandler}.
 */
final class LoadRpcHandler {

    static final List<String> METHODS = List.of("GetRPCMethods", "GetParameterNames", "GetParameterValues",
            "SetParameterValues", "GetParameterAttributes", "SetParameterAttributes", "Reboot", "FactoryReset",
            "ScheduleInform");

    private LoadRpcHandler() {}

    static CwmpMessage answer(LoadCpe cpe, CwmpMessage request) {
        DeviceTree t = cpe.tree();
        if (request instanceof GetParameterNames r) {
            return names(t, r);
        }
        if (request instanceof GetParameterValues r) {
            return values(t, r);
        }
        if (request instanceof SetParameterValues r) {
            return setValues(t, r);
        }
        if (request instanceof GetParameterAttributes r) {
            return attributes(t, r);
        }
        if (request instanceof SetParameterAttributes r) {
            return setAttributes(t, r);
        }
        if (request instanceof GetRPCMethods) {
            return new GetRPCMethodsResponse(METHODS);
        }
        if (request instanceof Reboot r) {
            cpe.rebootAfterSession(r.commandKey());
            return new RebootResponse();
        }
        if (request instanceof FactoryReset) {
            cpe.factoryResetAfterSession();
            return new FactoryResetResponse();
        }
        if (request instanceof ScheduleInform) {
            return new ScheduleInformResponse();
        }
        return CpeFaults.of(CpeFaults.METHOD_NOT_SUPPORTED, request.methodName());
    }

    private static CwmpMessage names(DeviceTree t, GetParameterNames r) {
        BaseTree b = t.base();
        String path = r.parameterPath() == null ? "" : r.parameterPath().trim();
        List<ParameterInfoStruct> out = new ArrayList<>();
        if (path.isEmpty()) {
            if (r.nextLevel()) {
                Node root = b.node(b.root());
                out.add(new ParameterInfoStruct(root.path(), root.writable()));
            } else {
                range(b, 0, b.size(), out);
            }
            return new GetParameterNamesResponse(out);
        }
        int i = b.indexOf(path);
        if (i < 0) {
            return CpeFaults.of(CpeFaults.INVALID_PARAMETER_NAME, path);
        }
        Node n = b.node(i);
        if (!n.isObject()) {
            if (r.nextLevel()) {
                return CpeFaults.of(CpeFaults.INVALID_ARGUMENTS, "NextLevel true with parameter " + path);
            }
            out.add(new ParameterInfoStruct(n.path(), n.writable()));
        } else if (r.nextLevel()) {
            for (int c : b.children(i)) {
                Node k = b.node(c);
                out.add(new ParameterInfoStruct(k.path(), k.writable()));
            }
        } else {
            range(b, i, b.subtreeEnd(i), out);
        }
        return new GetParameterNamesResponse(out);
    }

    private static void range(BaseTree b, int from, int to, List<ParameterInfoStruct> out) {
        for (int i = from; i < to; i++) {
            Node k = b.node(i);
            out.add(new ParameterInfoStruct(k.path(), k.writable()));
        }
    }

    /** The parameters (no objects) a name stands for, as positions; null when unknown. */
    private static int[] resolve(BaseTree b, String name) {
        if (name.isEmpty()) {
            return parametersIn(b, 0, b.size());
        }
        int i = b.indexOf(name);
        if (i < 0) {
            return null;
        }
        return b.node(i).isObject() ? parametersIn(b, i, b.subtreeEnd(i)) : new int[] {i};
    }

    private static int[] parametersIn(BaseTree b, int from, int to) {
        int[] out = new int[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!b.node(i).isObject()) {
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static CwmpMessage values(DeviceTree t, GetParameterValues r) {
        BaseTree b = t.base();
        Set<Integer> seen = new LinkedHashSet<>();
        for (String raw : r.parameterNames()) {
            String name = raw == null ? "" : raw.trim();
            int[] found = resolve(b, name);
            if (found == null) {
                return CpeFaults.of(CpeFaults.INVALID_PARAMETER_NAME, name);
            }
            for (int i : found) {
                seen.add(i);
            }
        }
        List<ParameterValueStruct> out = new ArrayList<>(seen.size());
        for (int i : seen) {
            Node n = b.node(i);
            out.add(new ParameterValueStruct(n.path(), t.readBack(i), n.type()));
        }
        return new GetParameterValuesResponse(out);
    }

    private static CwmpMessage setValues(DeviceTree t, SetParameterValues r) {
        BaseTree b = t.base();
        List<CwmpFault.SetParameterValuesFault> faults = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (ParameterValueStruct p : r.parameterList()) {
            if (!names.add(p.name())) {
                return CpeFaults.of(CpeFaults.INVALID_ARGUMENTS, "parameter given twice: " + p.name());
            }
            int i = b.indexOf(p.name());
            Node n = i < 0 ? null : b.node(i);
            if (n == null || n.isObject()) {
                faults.add(CpeFaults.entry(p.name(), CpeFaults.INVALID_PARAMETER_NAME));
            } else if (!n.writable()) {
                faults.add(CpeFaults.entry(p.name(), CpeFaults.NON_WRITABLE_PARAMETER));
            } else if (!Values.isValid(n.type(), p.value())) {
                faults.add(CpeFaults.entry(p.name(), CpeFaults.INVALID_PARAMETER_VALUE));
            }
        }
        if (!faults.isEmpty()) {
            return CpeFaults.setParameterValues(faults);
        }
        for (ParameterValueStruct p : r.parameterList()) {
            t.set(b.indexOf(p.name()), p.value());
        }
        if (b.parameterKey >= 0) {
            t.set(b.parameterKey, r.parameterKey() == null ? "" : r.parameterKey());
        }
        return new SetParameterValuesResponse(0);
    }

    private static CwmpMessage attributes(DeviceTree t, GetParameterAttributes r) {
        BaseTree b = t.base();
        Set<Integer> seen = new LinkedHashSet<>();
        for (String raw : r.parameterNames()) {
            String name = raw == null ? "" : raw.trim();
            int[] found = resolve(b, name);
            if (found == null) {
                return CpeFaults.of(CpeFaults.INVALID_PARAMETER_NAME, name);
            }
            for (int i : found) {
                seen.add(i);
            }
        }
        List<ParameterAttributeStruct> out = new ArrayList<>(seen.size());
        for (int i : seen) {
            out.add(new ParameterAttributeStruct(b.node(i).path(), t.notification(i), List.of()));
        }
        return new GetParameterAttributesResponse(out);
    }

    private static CwmpMessage setAttributes(DeviceTree t, SetParameterAttributes r) {
        BaseTree b = t.base();
        for (SetParameterAttributesStruct s : r.parameterList()) {
            String name = s.name() == null ? "" : s.name().trim();
            if (resolve(b, name) == null) {
                return CpeFaults.of(CpeFaults.INVALID_PARAMETER_NAME, name);
            }
            if (s.notificationChange() && (s.notification() < 0 || s.notification() > 6)) {
                return CpeFaults.of(CpeFaults.INVALID_ARGUMENTS, "notification " + s.notification());
            }
        }
        for (SetParameterAttributesStruct s : r.parameterList()) {
            if (s.notificationChange()) {
                for (int i : resolve(b, s.name() == null ? "" : s.name().trim())) {
                    t.notification(i, s.notification());
                }
            }
        }
        return new SetParameterAttributesResponse();
    }
}
