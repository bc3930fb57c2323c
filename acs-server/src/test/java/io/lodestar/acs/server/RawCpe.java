package io.lodestar.acs.server;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.ParameterValueStruct;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A CPE driven by hand over real HTTP, message by message, for tests that need to stop a session half-way
 * (the simulator always runs sessions to their end). One HTTP connection, no cookies: the ACS follows the
 * connection.
 */
final class RawCpe {

    private static final CwmpCodec CODEC = CwmpCodec.forCpe();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI url;

    RawCpe(URI url) {
        this.url = url;
    }

    static Inform inform(String serial, String event) {
        return new Inform(new DeviceIdStruct("Acme", "00D09E", "Box", serial), List.of(EventStruct.of(event)), 1,
                "2026-12-01T10:00:00Z", 0, List.of(ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", "1.0")));
    }

    HttpResponse<byte[]> send(CwmpMessage message) throws Exception {
        byte[] body = message == null ? new byte[0]
                : CODEC.encode(new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("raw"), message));
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static CwmpMessage messageOf(HttpResponse<byte[]> response) throws Exception {
        return CODEC.decode(response.body()).message();
    }
}
