package io.lodestar.acs.bench.codec;

import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of the codec benchmarks: corpus messages read from the shared conformance folder, and the
 * 64-parameter envelopes the encode benchmarks write. The folder is the system property
 * {@code lodestar.conformance.dir}, else the first {@code shared/conformance} found walking up from the
 * working directory (so the documented command works from the repository root).
 */
public final class BenchMessages {

    private BenchMessages() {}

    static Path conformanceDir() {
        String configured = System.getProperty("lodestar.conformance.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/conformance");
            if (Files.isDirectory(candidate.resolve("messages"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("conformance folder not found; set -Dlodestar.conformance.dir");
    }

    public static byte[] message(String file) {
        try {
            return Files.readAllBytes(conformanceDir().resolve("messages").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GetParameterValuesResponse of 64 typical Device:2 values, mixed types, a few needing escapes. */
    public static CwmpEnvelope gpvResponse64() {
        List<ParameterValueStruct> params = new ArrayList<>();
        for (int i = 1; i <= 64; i++) {
            String base = "Device.WiFi.SSID." + (i / 8 + 1) + ".";
            params.add(switch (i % 4) {
                case 0 -> new ParameterValueStruct(base + "Stats.BytesSent" + i, Long.toString(1_000_000L * i), "xsd:unsignedInt");
                case 1 -> new ParameterValueStruct(base + "Enable" + i, i % 3 == 0 ? "true" : "false", "xsd:boolean");
                case 2 -> ParameterValueStruct.string(base + "SSID" + i, "Caf\u00e9 & Bar <" + i + ">");
                default -> new ParameterValueStruct(base + "LastChange" + i, "2024-05-01T10:15:" + (10 + i % 50) + "Z",
                        "xsd:dateTime");
            });
        }
        return new CwmpEnvelope(CwmpVersion.V1_2, CwmpHeader.withId("cpe-7f3a-0001"), new GetParameterValuesResponse(params));
    }

    /** The matching GetParameterValues request: 64 names. */
    public static CwmpEnvelope gpvRequest64() {
        List<String> names = ((GetParameterValuesResponse) gpvResponse64().message()).parameterList().stream()
                .map(ParameterValueStruct::name).toList();
        return new CwmpEnvelope(CwmpVersion.V1_2, CwmpHeader.withId("acs-17-42"), new GetParameterValues(names));
    }
}
