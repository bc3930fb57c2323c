package io.lodestar.acs.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared conformance folder (read-only): messages, their index, the schemas. Found through the system
 * property {@code lodestar.conformance.dir} that the parent pom's surefire configuration sets, else beside
 * the project root as seen from the module directory.
 */
final class Conformance {

    /** One message of messages/index.json (the fields the tests use). */
    record Entry(String file, String direction, String rpc, String cwmpNs, String expect) {

        boolean fromCpe() {
            return direction.startsWith("CPE");
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private static final Pattern OBJECT = Pattern.compile("^\\s*\\{$(.*?)^\\s*\\},?$", Pattern.DOTALL | Pattern.MULTILINE);

    private Conformance() {}

    static Path dir() {
        String configured = System.getProperty("lodestar.conformance.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).normalize();
        }
        return Path.of("../../shared/conformance").toAbsolutePath().normalize();
    }

    static Path messages() {
        return dir().resolve("messages");
    }

    static Path xsd() {
        return dir().resolve("xsd");
    }

    static byte[] message(String file) {
        try {
            return Files.readAllBytes(messages().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The entries of messages/index.json: a pretty-printed array of flat objects, one brace per line, so a
     * regex is parser enough.
     */
    static List<Entry> index() {
        String json;
        try {
            json = Files.readString(messages().resolve("index.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> entries = new ArrayList<>();
        Matcher m = OBJECT.matcher(json);
        while (m.find()) {
            String o = m.group(1);
            entries.add(new Entry(field(o, "file"), field(o, "direction"), field(o, "rpc"), field(o, "cwmp_ns"),
                    field(o, "expect")));
        }
        return entries;
    }

    private static String field(String object, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(object);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + object);
        }
        return m.group(1);
    }
}
