package io.lodestar.acs.server;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.sim.client.SimulatedCpe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input over real HTTP: every refusal says why, with a SOAP fault or an HTTP status, and the server
 * keeps serving everyone else.
 */
class BadInputTest {

    @TempDir
    static Path data;

    private static AcsHarness acs;
    private static final CwmpCodec CODEC = CwmpCodec.standard();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        acs = new AcsHarness(data, Map.of("cwmp.max-body-bytes", "65536"));
    }

    @AfterAll
    static void stop() {
        acs.close();
    }

    private HttpResponse<String> post(byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(acs.url()).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] inform(String serial, String id) {
        Inform inform = new Inform(new DeviceIdStruct("Acme", "00D09E", "Box", serial),
                List.of(EventStruct.of(EventStruct.PERIODIC)), 1, "2026-12-01T10:00:00Z", 0,
                List.of(ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", "1.0")));
        return CODEC.encode(new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId(id), inform));
    }

    private static CwmpFault faultOf(HttpResponse<String> response) throws Exception {
        return (CwmpFault) CODEC.decode(response.body().getBytes(StandardCharsets.UTF_8)).message();
    }

    private void serverStillServes() throws Exception {
        SimulatedCpe phone = acs.phone("STILL" + System.nanoTime());
        AcsHarness.ok(phone);
    }

    @Test
    void aBodyThatIsNotXmlGets400WithTheReason() throws Exception {
        HttpResponse<String> response = post("hello, ACS".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not a CWMP SOAP envelope");
        serverStillServes();
    }

    @Test
    void aTruncatedEnvelopeGetsFault8003() throws Exception {
        HttpResponse<String> response = post("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(faultOf(response).faultCode()).isEqualTo(CwmpFault.INVALID_ARGUMENTS);
        serverStillServes();
    }

    @Test
    void aDoctypeIsRefusedAndNoEntityIsExpanded() throws Exception {
        Path secret = Files.writeString(data.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>&x;</soap:Body></soap:Envelope>";

        HttpResponse<String> response = post(xxe.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isBetween(400, 500);
        assertThat(response.body()).doesNotContain("TOP-SECRET");
        serverStillServes();
    }

    @Test
    void anUnknownMethodBeforeInformGetsAFaultAndAnEmptyPostWithoutSessionGets400() throws Exception {
        String unknown = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"><soap:Header><cwmp:ID soap:mustUnderstand=\"1\">77</cwmp:ID>"
                + "</soap:Header><soap:Body><cwmp:FlyToTheMoon/></soap:Body></soap:Envelope>";

        HttpResponse<String> fault = post(unknown.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> empty = post(new byte[0]);

        assertThat(fault.statusCode()).isEqualTo(500);
        assertThat(faultOf(fault).faultCode()).isEqualTo(CwmpFault.INVALID_ARGUMENTS);
        assertThat(CODEC.decode(fault.body().getBytes(StandardCharsets.UTF_8)).header().id()).isEqualTo("77");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("starts with an Inform");
    }

    @Test
    void aBodyOverTheLimitGets413() throws Exception {
        byte[] huge = new byte[100_000];
        java.util.Arrays.fill(huge, (byte) 'x');

        HttpResponse<String> response = post(huge);

        assertThat(response.statusCode()).isEqualTo(413);
        serverStillServes();
    }

    @Test
    void aGzipBombIsStoppedByTheLimitAfterInflation() throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write(new byte[5_000_000]);
        }
        assertThat(packed.size()).isLessThan(65536);

        HttpResponse<String> response = post(packed.toByteArray(), "Content-Encoding", "gzip");

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aGetIsRefusedWith405() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(acs.url()).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void aGzipCompressedInformIsAccepted() throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write(inform("GZIP0001", "g1"));
        }

        HttpResponse<String> response = post(packed.toByteArray(), "Content-Encoding", "gzip");

        assertThat(response.statusCode()).isEqualTo(200);
        CwmpEnvelope reply = CODEC.decode(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(reply.message()).isEqualTo(new InformResponse(1));
        assertThat(reply.header().id()).isEqualTo("g1");
        assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("LodestarSession="));
    }

    @Test
    void aSecondInformOfADeviceInSessionGetsFault8005() throws Exception {
        HttpResponse<String> first = post(inform("TWICE0001", "a"));
        HttpResponse<String> second = HttpClient.newHttpClient().send(HttpRequest.newBuilder(acs.url())
                .POST(HttpRequest.BodyPublishers.ofByteArray(inform("TWICE0001", "b"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(500);
        assertThat(faultOf(second).faultCode()).isEqualTo(CwmpFault.RETRY_REQUEST);
        assertThat(faultOf(second).faultString()).contains("00D09E-Box-TWICE0001");
    }

    @Test
    void theRealChunkedCaptureOfAThomsonInformIsServed() throws Exception {
        byte[] capture = Files.readAllBytes(AcsHarness.CONFORMANCE.resolve("messages/http/thomson-st780-inform-chunked.http"));
        try (Socket socket = new Socket("127.0.0.1", acs.url().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(capture);
            out.flush();
            String head = readHead(socket.getInputStream());

            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(head).containsIgnoringCase("Set-Cookie: LodestarSession=");
        }
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String s = head.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aCookielessCpeIsServedOnItsConnection() throws Exception {
        // the JDK client keeps one connection and sends no cookies unless told: the ACS must follow the connection
        HttpResponse<String> informed = post(inform("NOCOOKIE1", "n1"));
        HttpResponse<String> next = post(new byte[0]);

        assertThat(informed.statusCode()).isEqualTo(200);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("GetParameterNames");
    }

}
