package io.lodestar.acs.sim.load;

import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.model.Node;
import io.lodestar.acs.sim.model.Paths;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter tree every device of a load run shares, read-only: one {@link DataModel} flattened once into an
 * array in CPE order, with each object's subtree range and children precomputed, so that 100,000 devices cost one
 * tree and a GetParameterNames or GetParameterValues of a device copies nothing. What differs per device (its
 * identity, and what the ACS changed) lives in {@link DeviceTree}.
 */
final class BaseTree {

    private final DataModel model;
    private final Node[] nodes;
    private final Map<String, Integer> index;
    /** For an object at i: the end (exclusive) of its subtree; for a parameter: i + 1. */
    private final int[] subtreeEnd;
    private final int[][] children;
    private final List<String> informNames;
    final int serialNumber;
    final int username;
    final int connectionRequestUsername;
    final int connectionRequestUrl;
    final int parameterKey;
    /** The first IP interface address (Device:2) or WAN address (InternetGatewayDevice), -1 when none. */
    final int address;

    BaseTree(DataModel model) {
        this.model = model;
        List<Node> all = model.nodes();
        nodes = all.toArray(new Node[0]);
        index = new HashMap<>(nodes.length * 2);
        for (int i = 0; i < nodes.length; i++) {
            index.put(nodes[i].path(), i);
        }
        subtreeEnd = new int[nodes.length];
        List<List<Integer>> kids = new ArrayList<>(nodes.length);
        for (int i = 0; i < nodes.length; i++) {
            kids.add(new ArrayList<>(0));
        }
        for (int i = 0; i < nodes.length; i++) {
            String p = nodes[i].path();
            int end = i + 1;
            if (nodes[i].isObject()) {
                while (end < nodes.length && nodes[end].path().startsWith(p)) {
                    end++;
                }
            }
            subtreeEnd[i] = end;
            Integer parent = index.get(Paths.parent(p));
            if (parent != null) {
                kids.get(parent).add(i);
            }
        }
        children = new int[nodes.length][];
        for (int i = 0; i < nodes.length; i++) {
            children[i] = kids.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        informNames = model.informParameterNames();
        String root = model.root();
        serialNumber = indexOf(root + "DeviceInfo.SerialNumber");
        username = indexOf(root + "ManagementServer.Username");
        connectionRequestUsername = indexOf(root + "ManagementServer.ConnectionRequestUsername");
        connectionRequestUrl = indexOf(root + "ManagementServer.ConnectionRequestURL");
        parameterKey = indexOf(root + "ManagementServer.ParameterKey");
        int a = -1;
        for (String name : informNames) {
            if (name.endsWith(".IPAddress") || name.endsWith(".ExternalIPAddress")) {
                a = indexOf(name);
            }
        }
        address = a;
    }

    DataModel model() {
        return model;
    }

    int size() {
        return nodes.length;
    }

    Node node(int i) {
        return nodes[i];
    }

    /** The node's position, -1 when the tree has no such path. */
    int indexOf(String path) {
        Integer i = index.get(path);
        return i == null ? -1 : i;
    }

    int subtreeEnd(int i) {
        return subtreeEnd[i];
    }

    int[] children(int i) {
        return children[i];
    }

    /** The root object's position (always 0: the root sorts first). */
    int root() {
        return indexOf(model.root());
    }

    List<String> informNames() {
        return informNames;
    }
}
