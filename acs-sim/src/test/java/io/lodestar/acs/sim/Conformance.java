package io.lodestar.acs.sim;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared conformance material: system property {@code lodestar.conformance.dir}, else ../../shared. */
public final class Conformance {

    public static final String GATEWAY_CSV = "devices/data_model_202BC1-BM632w-8KA8WA1151100043.csv";

    private Conformance() {}

    public static Path dir() {
        String prop = System.getProperty("lodestar.conformance.dir");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        return Path.of("../../shared/conformance").toAbsolutePath().normalize();
    }

    public static Path gatewayCsv() {
        Path p = dir().resolve(GATEWAY_CSV);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("conformance CSV not found: " + p);
        }
        return p;
    }
}
