package io.lodestar.acs.codec;

import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.server.LodestarServer;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.Settings;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the running ACS writes on the wire validates against the Broadband Forum schemas, in every version. */
class AcsEnvelopesValidateTest {

    private static final CwmpCodec CODEC = CwmpCodec.standard();

    @TempDir
    Path data;

    @ParameterizedTest
    @EnumSource(CwmpVersion.class)
    void aWholeSessionOfTheAcsIsSchemaValid(CwmpVersion version) throws Exception {
        Map<String, String> settings = Map.of("cwmp.bind", "127.0.0.1", "cwmp.port", "0", "api.port", "0", "files.port", "0",
                "store.path", data.toString(), "cwmp.auth.mode", "off"); // authentication: CpeAuthenticationEndToEndTest
        try (LodestarServer acs = LodestarServer.start(AcsConfig.from(Settings.load(null, Map.of(), settings)))) {
            URI url = URI.create("http://127.0.0.1:" + acs.cwmpPort() + "/");
            HttpClient http = HttpClient.newHttpClient();
            CwmpHeader header = version == CwmpVersion.V1_4
                    ? new CwmpHeader("1", null, null, null, "1.0,1.1,1.2,1.3,1.4", null) : CwmpHeader.withId("1");
            Inform inform = new Inform(new DeviceIdStruct("Acme", "00D09E", "Box", "XSD" + version.ordinal()),
                    List.of(EventStruct.of(EventStruct.BOOTSTRAP)), 1, "2026-12-01T10:00:00Z", 0,
                    List.of(ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", "1.0")));

            byte[] reply = post(http, url, CODEC.encode(new CwmpEnvelope(version, header, inform)));
            CwmpSchemas.validate(version.namespace(), reply);
            assertThat(CODEC.decode(reply).message()).isInstanceOf(InformResponse.class);
            if (version == CwmpVersion.V1_4) {
                assertThat(CODEC.decode(reply).header().useCwmpVersion()).isEqualTo("1.4");
            }

            byte[] gpn = post(http, url, new byte[0]);
            CwmpSchemas.validate(version.namespace(), gpn);
            assertThat(CODEC.decode(gpn).message()).isEqualTo(new GetParameterNames("Device.", false));

            GetParameterNamesResponse names = new GetParameterNamesResponse(List.of(
                    new ParameterInfoStruct("Device.DeviceInfo.SoftwareVersion", false)));
            byte[] gpv = post(http, url, CODEC.encode(new CwmpEnvelope(version, CwmpHeader.withId(CODEC.decode(gpn).header().id()), names)));
            CwmpSchemas.validate(version.namespace(), gpv);
            assertThat(CODEC.decode(gpv).message()).isEqualTo(new GetParameterValues(List.of("Device.DeviceInfo.SoftwareVersion")));

            GetParameterValuesResponse values = new GetParameterValuesResponse(List.of(
                    ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", "1.0")));
            HttpResponse<byte[]> end = http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(
                    CODEC.encode(new CwmpEnvelope(version, CwmpHeader.EMPTY, values)))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(end.statusCode()).isEqualTo(204);
        }
    }

    private static byte[] post(HttpClient http, URI url, byte[] body) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
