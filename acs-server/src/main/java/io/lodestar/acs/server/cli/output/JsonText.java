package io.lodestar.acs.server.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON as text: a field's value as a person reads it, whole documents pretty-printed or flattened. */
public final class JsonText {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonText() {}

    /** A value as text: strings without quotes, null or absent as empty, lists joined by commas, objects as JSON. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isArray() && allValues(node)) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(text(n)));
            return String.join(",", items);
        }
        return node.toString();
    }

    /** A document indented for reading (what {@code --format json} prints). */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * Every value of a document under its dotted path ({@code reachability.remoteAddress},
     * {@code operations[0].kind}), lists of plain values as one comma-joined value, in document order.
     */
    public static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject() && !node.isEmpty()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (node.isArray() && !node.isEmpty() && !allValues(node)) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), out);
            }
        } else if (!prefix.isEmpty()) {
            out.put(prefix, node.isContainerNode() && node.isEmpty() ? "" : text(node));
        }
    }

    private static boolean allValues(JsonNode array) {
        for (JsonNode n : array) {
            if (n.isContainerNode()) {
                return false;
            }
        }
        return true;
    }
}
