package io.lodestar.acs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.httpauth.Digest;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.lodestar.acs.httpauth.HttpAuthClient;
import io.lodestar.acs.store.CpeCredentialStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Phone profiles through the real API and the real file server port: an operator uploads a template, sets values
 * and generates a key over HTTP; a phone known only by its Cisco User-Agent resyncs over plain HTTP, is registered
 * on its first resync, gets 404 while a value is missing (the API's preview lists every reason), then its encrypted
 * profile, which the {@code openssl} command line decrypts. Also: POSTed status stored and listed, HTTP/1.0 and
 * chunked clients, a Download task naming the profile, and credentials asked for once configured.
 */
class ProfilesEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAC = "00562b043615";
    private static final DeviceId PHONE = new DeviceId("00562B043615");
    private static final String USER_AGENT = "Cisco-CP-8841-3PCC/11.0 (" + MAC + ")";
    private static final String TEMPLATE = """
            <flat-profile>
              <Station_Name>$PSN-$MA</Station_Name>
              <Display_Name_1_>{{value:display.name}}</Display_Name_1_>
              <Password_1_>{{value:sip.password}}</Password_1_>
              <Profile_Rule>[--key $$SA] http://prov.example.net/profiles/$$MA.xml</Profile_Rule>
            </flat-profile>
            """;

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aPhoneResyncsItsEncryptedProfileOverHttpAndOpensslDecryptsIt() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("profiles.auto-register", "true"))) {
            HttpResponse<String> bad = api(acs, "PUT", "/api/v1/profile-templates/broken",
                    template("/profiles/$MA.xml", "<a>{{value:oops</a>"));
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
            assertThat(JSON.readTree(bad.body()).get("code").asText()).isEqualTo("TEMPLATE_SYNTAX");

            HttpResponse<String> put = api(acs, "PUT", "/api/v1/profile-templates/mpp",
                    template("/profiles/$MA.xml", TEMPLATE));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            HttpResponse<String> key = api(acs, "POST", "/api/v1/profile-keys/template/mpp", "{}");
            assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
            String secret = JSON.readTree(key.body()).get("secret").asText();
            assertThat(secret).hasSizeGreaterThanOrEqualTo(16);

            // first resync: the phone is registered, but its profile lacks values: 404, and the preview says why
            HttpResponse<byte[]> first = resync(acs, "GET", null);
            assertThat(first.statusCode()).isEqualTo(404);
            assertThat(acs.store().findDevice(PHONE)).as("registered on its first resync").isPresent();
            HttpResponse<String> preview = api(acs, "GET", "/api/v1/devices/" + PHONE.value() + "/profiles/mpp", null);
            assertThat(preview.statusCode()).as(preview.body()).isEqualTo(422);
            JsonNode problem = JSON.readTree(preview.body());
            assertThat(problem.get("code").asText()).isEqualTo("PROFILE_INCOMPLETE");
            assertThat(problem.get("errors")).hasSize(2);
            assertThat(problem.get("errors").toString()).contains("display.name", "sip.password");

            assertThat(api(acs, "PUT", "/api/v1/profile-values/device/" + PHONE.value() + "/display.name",
                    "{\"value\": \"Alice & Bob\"}").statusCode()).isEqualTo(204);
            assertThat(api(acs, "PUT", "/api/v1/profile-values/device/" + PHONE.value() + "/sip.password",
                    "{\"value\": \"s3cret<>\"}").statusCode()).isEqualTo(204);

            HttpResponse<byte[]> served = resync(acs, "GET", null);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).contains("application/octet-stream");
            assertThat(new String(served.body(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("Salted__");
            String plain = openssl(served.body(), secret);
            assertThat(plain).contains("<Station_Name>8841-3PCC-" + MAC + "</Station_Name>",
                    "<Display_Name_1_>Alice &amp; Bob</Display_Name_1_>", "<Password_1_>s3cret&lt;&gt;</Password_1_>",
                    "[--key $SA] http://prov.example.net/profiles/$MA.xml");

            String etag = served.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> unchanged = http.send(HttpRequest.newBuilder(profileUri(acs))
                    .header("User-Agent", USER_AGENT).header("If-None-Match", etag).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(unchanged.statusCode()).isEqualTo(304);

            // a POSTed status is stored and listed through the API
            HttpResponse<byte[]> posted = resync(acs, "POST", "resync ok: 11.0");
            assertThat(posted.statusCode()).isEqualTo(200);
            JsonNode reports = JSON.readTree(api(acs, "GET", "/api/v1/devices/" + PHONE.value()
                    + "/profiles/status-reports", null).body());
            assertThat(reports.get("items").get(0).get("body").asText()).isEqualTo("resync ok: 11.0");
            assertThat(reports.get("items").get(0).get("template").asText()).isEqualTo("mpp");

            // an HTTP/1.0 client, and a chunked HTTP/1.1 POST
            String http10 = raw(acs, "GET /profiles/" + MAC + ".xml HTTP/1.0\r\nUser-Agent: " + USER_AGENT
                    + "\r\n\r\n");
            assertThat(http10).startsWith("HTTP/1.0 200").contains("content-length: " + served.body().length);
            String chunked = raw(acs, "POST /profiles/" + MAC + ".xml HTTP/1.1\r\nHost: acs\r\nUser-Agent: "
                    + USER_AGENT + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            assertThat(chunked).startsWith("HTTP/1.1 200");
            assertThat(acs.store() instanceof io.lodestar.acs.store.ProfileStore p
                    ? new String(p.statusReports(PHONE, 1).get(0).body(), StandardCharsets.UTF_8) : "")
                    .isEqualTo("hello world");

            // an unknown phone with auto-registration on is registered; a path no template serves is 404
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.server().filesPort()
                    + "/nothing/here.cfg")).header("User-Agent", USER_AGENT).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

            // a Download task may name the profile: the device fetches it by its signed URL, rendered for it
            ObjectNode download = JSON.createObjectNode().put("type", "download").put("profile", "mpp");
            HttpResponse<String> queued = api(acs, "POST", "/api/v1/devices/" + PHONE.value() + "/tasks",
                    download.toString());
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(201);
            JsonNode action = JSON.readTree(queued.body()).get("action");
            assertThat(action.get("fileType").asText()).isEqualTo("3 Vendor Configuration File");
            URI url = URI.create(action.get("url").asText());
            HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + acs.server().filesPort() + url.getRawPath() + "?" + url.getRawQuery())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(openssl(fetched.body(), secret)).contains("<Station_Name>8841-3PCC-" + MAC);
            HttpResponse<byte[]> forged = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + acs.server().filesPort() + url.getRawPath() + "?" + url.getRawQuery().replace("sig=", "sig=x")))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(forged.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void anUnknownPhoneIsRefusedWhenAutoRegistrationIsOffAndOversizedOrOtherRequestsAreRefused() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("profiles.max-status-bytes", "16"))) {
            assertThat(api(acs, "PUT", "/api/v1/profile-templates/mpp", template("/profiles/$MA.xml",
                    "<flat-profile><Station_Name>$MA</Station_Name></flat-profile>")).statusCode()).isEqualTo(200);
            assertThat(resync(acs, "GET", null).statusCode()).isEqualTo(404);
            assertThat(acs.store().findDevice(PHONE)).isEmpty();
            assertThat(resync(acs, "POST", "x".repeat(100)).statusCode()).isEqualTo(413);
            HttpResponse<byte[]> put = resync(acs, "PUT", "x");
            assertThat(put.statusCode()).isEqualTo(405);
            assertThat(put.headers().firstValue("Allow")).contains("GET, HEAD, POST");
        }
    }

    @Test
    void aPhoneWithCredentialsConfiguredIsChallengedAndServedWithDigest() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("cwmp.auth.mode", "on", "profiles.auto-register", "true"))) {
            assertThat(api(acs, "PUT", "/api/v1/profile-templates/mpp", template("/profiles/$MA.xml",
                    "<flat-profile><Station_Name>$MA</Station_Name></flat-profile>").replace("aes-256-cbc", "plain"))
                    .statusCode()).isEqualTo(200);
            CpeCredentialStore credentials = (CpeCredentialStore) acs.store();
            String realm = credentials.findCpeCredential(CpeCredentialScope.FLEET).orElseThrow().realm();
            credentials.putCpeCredential(new CpeCredentialScope.Device(PHONE), new CpeCredential("phone", realm,
                    Digest.ha1(DigestAlgorithm.MD5, "phone", realm, "pw"),
                    Digest.ha1(DigestAlgorithm.SHA_256, "phone", realm, "pw"), Instant.now()));
            HttpResponse<byte[]> challenged = resync(acs, "GET", null);
            assertThat(challenged.statusCode()).isEqualTo(401);
            List<String> challenges = challenged.headers().allValues("WWW-Authenticate");
            assertThat(challenges).anyMatch(c -> c.startsWith("Digest"));
            HttpAuthClient client = HttpAuthClient.fromChallenges(challenges, "phone", "pw", false);
            assertThat(client.isDigest()).isTrue();
            String authorization = client.header("GET", "/profiles/" + MAC + ".xml");
            HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(profileUri(acs))
                    .header("User-Agent", USER_AGENT).header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(new String(served.body(), StandardCharsets.UTF_8)).contains("<Station_Name>" + MAC);
        }
    }

    @Test
    void aMovedProfileIsAnswered301Or302WithItsLocationAndAFollowingClientGetsItThere() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("profiles.auto-register", "true"))) {
            int files = acs.server().filesPort();
            assertThat(api(acs, "PUT", "/api/v1/profile-templates/mpp", template("/profiles/$MA.xml",
                    "<flat-profile><Station_Name>old-$MA</Station_Name></flat-profile>").replace("aes-256-cbc", "plain"))
                    .statusCode()).isEqualTo(200);
            assertThat(api(acs, "PUT", "/api/v1/profile-templates/moved", template("/moved/$MA.xml",
                    "<flat-profile><Station_Name>new-$MA</Station_Name></flat-profile>").replace("aes-256-cbc", "plain"))
                    .statusCode()).isEqualTo(200);
            assertThat(resync(acs, "GET", null).statusCode()).as("registers the phone").isEqualTo(200);

            // every device of the template: permanently moved to the other path of this file server
            HttpResponse<String> set = api(acs, "PUT", "/api/v1/profile-redirects/template/mpp",
                    "{\"location\": \"http://127.0.0.1:" + files + "/moved/$MA.xml\", \"permanent\": true}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
            HttpResponse<byte[]> moved = resync(acs, "GET", null);
            assertThat(moved.statusCode()).isEqualTo(301);
            assertThat(moved.headers().firstValue("Location"))
                    .contains("http://127.0.0.1:" + files + "/moved/" + MAC + ".xml");
            HttpClient following = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> followed = following.send(HttpRequest.newBuilder(profileUri(acs))
                    .header("User-Agent", USER_AGENT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(followed.statusCode()).isEqualTo(200);
            assertThat(followed.uri().getPath()).isEqualTo("/moved/" + MAC + ".xml");
            assertThat(followed.body()).contains("<Station_Name>new-" + MAC + "</Station_Name>");

            // the device's own redirect wins, temporary, elsewhere; an HTTP/1.0 phone is told the same
            assertThat(api(acs, "PUT", "/api/v1/profile-redirects/device/" + PHONE.value() + "/mpp",
                    "{\"location\": \"https://prov2.example.net/p/$(MAU).cfg\"}").statusCode()).isEqualTo(204);
            HttpResponse<byte[]> temporary = resync(acs, "GET", null);
            assertThat(temporary.statusCode()).isEqualTo(302);
            assertThat(temporary.headers().firstValue("Location"))
                    .contains("https://prov2.example.net/p/" + PHONE.value() + ".cfg");
            assertThat(raw(acs, "GET /profiles/" + MAC + ".xml HTTP/1.0\r\nUser-Agent: " + USER_AGENT + "\r\n\r\n"))
                    .startsWith("HTTP/1.0 302").containsIgnoringCase("location: https://prov2.example.net/p/");
            JsonNode listed = JSON.readTree(api(acs, "GET", "/api/v1/profile-redirects/device/" + PHONE.value(),
                    null).body());
            assertThat(listed.get("items").get(0).get("status").asInt()).isEqualTo(302);
            assertThat(listed.get("items").get(0).get("template").asText()).isEqualTo("mpp");
            // redirects are not values: the device's values do not list them
            assertThat(api(acs, "GET", "/api/v1/profile-values/device/" + PHONE.value(), null).body())
                    .doesNotContain("redirect");

            // bad input: 422 with a problem; removing the device's redirect falls back to the template's
            HttpResponse<String> bad = api(acs, "PUT", "/api/v1/profile-redirects/tag/site-a/mpp",
                    "{\"location\": \"ftp://x/y\"}");
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(bad.body()).get("code").asText()).isEqualTo("BAD_REDIRECT");
            assertThat(api(acs, "PUT", "/api/v1/profile-redirects/everyone/x/mpp", "{\"location\": \"http://a/\"}")
                    .statusCode()).isEqualTo(404);
            assertThat(api(acs, "DELETE", "/api/v1/profile-redirects/device/" + PHONE.value() + "/mpp", null)
                    .statusCode()).isEqualTo(204);
            assertThat(resync(acs, "GET", null).statusCode()).isEqualTo(301);
            assertThat(api(acs, "DELETE", "/api/v1/profile-redirects/template/mpp", null).statusCode()).isEqualTo(204);
            assertThat(api(acs, "GET", "/api/v1/profile-redirects/template/mpp", null).statusCode()).isEqualTo(404);
            assertThat(resync(acs, "GET", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusedProfilesAreListedForOperatorsCountedByReasonAndClearedOnceServed() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("profiles.auto-register", "true"))) {
            assertThat(api(acs, "PUT", "/api/v1/profile-templates/mpp", template("/profiles/$MA.xml",
                    "<flat-profile><Password_1_>{{value:sip.password}}</Password_1_></flat-profile>")
                    .replace("aes-256-cbc", "plain")).statusCode()).isEqualTo(200);
            assertThat(resync(acs, "GET", null).statusCode()).isEqualTo(404);
            HttpResponse<String> problems = api(acs, "GET", "/api/v1/devices/" + PHONE.value() + "/profile-problems",
                    null);
            assertThat(problems.statusCode()).as(problems.body()).isEqualTo(200);
            JsonNode item = JSON.readTree(problems.body()).get("items").get(0);
            assertThat(item.get("template").asText()).isEqualTo("mpp");
            assertThat(item.get("reason").asText()).isEqualTo("incomplete");
            assertThat(item.get("message").asText()).contains("sip.password");
            assertThat(item.get("at").asText()).isNotEmpty();
            // another phone, unknown with auto-registration on, asks for a path no template serves
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.server().filesPort()
                    + "/nothing/here.cfg")).header("User-Agent", USER_AGENT).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.server().apiPort()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("lodestar_profile_refusals_total{reason=\"incomplete\"} 1.0",
                    "lodestar_profile_refusals_total{reason=\"no_profile\"} 1.0",
                    "lodestar_profile_refusals_total{reason=\"unknown_device\"} 0.0");
            // an unknown device is 404 for the API too
            assertThat(api(acs, "GET", "/api/v1/devices/AABBCCDDEEFF/profile-problems", null).statusCode())
                    .isEqualTo(404);

            assertThat(api(acs, "PUT", "/api/v1/profile-values/device/" + PHONE.value() + "/sip.password",
                    "{\"value\": \"pw\"}").statusCode()).isEqualTo(204);
            assertThat(resync(acs, "GET", null).statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(api(acs, "GET", "/api/v1/devices/" + PHONE.value() + "/profile-problems", null)
                    .body()).get("items")).as("cleared once served").isEmpty();
        }
    }

    @Test
    void aPhoneThatNeverInformedIsAskedForTheCredentialsOfItsMacsOuiAndTheModelItsUserAgentNames() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("cwmp.auth.mode", "on", "profiles.auto-register", "true"))) {
            assertThat(api(acs, "PUT", "/api/v1/profile-templates/mpp", template("/profiles/$MA.xml",
                    "<flat-profile><Station_Name>$MA</Station_Name></flat-profile>").replace("aes-256-cbc", "plain"))
                    .statusCode()).isEqualTo(200);
            HttpResponse<String> set = api(acs, "PUT", "/api/v1/cpe-credentials/product-classes/00562B/CP-8841-3PCC",
                    "{\"username\": \"mpp\", \"password\": \"class-pw\"}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

            assertThat(resyncWith(acs, MAC, USER_AGENT, "mpp", "wrong").statusCode()).isEqualTo(401);
            HttpResponse<byte[]> served = resyncWith(acs, MAC, USER_AGENT, "mpp", "class-pw");
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(new String(served.body(), StandardCharsets.UTF_8)).contains("<Station_Name>" + MAC);

            // another model of the same maker: not this product class's credentials (the fleet's apply)
            String other = "00562b0436aa";
            assertThat(resyncWith(acs, other, "Cisco-CP-6841-3PCC/11.0 (" + other + ")", "mpp", "class-pw")
                    .statusCode()).isEqualTo(401);
            // the device's own credentials win over its product class's
            assertThat(api(acs, "PUT", "/api/v1/devices/" + PHONE.value() + "/cpe-credentials",
                    "{\"username\": \"own\", \"password\": \"own-pw\"}").statusCode()).isEqualTo(200);
            assertThat(resyncWith(acs, MAC, USER_AGENT, "mpp", "class-pw").statusCode()).isEqualTo(401);
            assertThat(resyncWith(acs, MAC, USER_AGENT, "own", "own-pw").statusCode()).isEqualTo(200);
        }
    }

    /** A resync answering the Digest challenge with these credentials (the first answer when none is asked). */
    private HttpResponse<byte[]> resyncWith(AcsHarness acs, String mac, String userAgent, String user, String password)
            throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + acs.server().filesPort() + "/profiles/" + mac + ".xml");
        HttpResponse<byte[]> first = http.send(HttpRequest.newBuilder(uri).header("User-Agent", userAgent).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (first.statusCode() != 401) {
            return first;
        }
        HttpAuthClient client = HttpAuthClient.fromChallenges(first.headers().allValues("WWW-Authenticate"), user,
                password, false);
        return http.send(HttpRequest.newBuilder(uri).header("User-Agent", userAgent)
                .header("Authorization", client.header("GET", uri.getPath())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theMasterKeyComesFromProfilesKeyFileSoThatNodesShareItAndAMissingFileStopsTheStart() throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Path secrets = Files.createDirectories(data.resolve("secrets"));
        Path hex = Files.writeString(secrets.resolve("profile.key.hex"), java.util.HexFormat.of().formatHex(key) + "\n");
        Path raw = Files.write(secrets.resolve("profile.key"), key);
        String secret;
        try (AcsHarness acs = new AcsHarness(data, Map.of("profiles.auto-register", "true",
                "profiles.key-file", hex.toString()))) {
            assertThat(api(acs, "PUT", "/api/v1/profile-templates/mpp", template("/profiles/$MA.xml",
                    "<flat-profile><Station_Name>$MA</Station_Name></flat-profile>")).statusCode()).isEqualTo(200);
            HttpResponse<String> generated = api(acs, "POST", "/api/v1/profile-keys/template/mpp", "{}");
            assertThat(generated.statusCode()).isEqualTo(201);
            secret = JSON.readTree(generated.body()).get("secret").asText();
            assertThat(openssl(resync(acs, "GET", null).body(), secret)).contains("<Station_Name>" + MAC);
        }
        assertThat(data.resolve("profile.key")).as("no key made in the data directory").doesNotExist();
        // the same key given as raw bytes (another node's mounted secret): the sealed key opens
        try (AcsHarness acs = new AcsHarness(data, Map.of("profiles.key-file", raw.toString()))) {
            assertThat(openssl(resync(acs, "GET", null).body(), secret)).contains("<Station_Name>" + MAC);
        }
        // another key: the sealed key does not open, the phone gets 404 and the operator the reason
        Path wrong = Files.write(secrets.resolve("wrong.key"), new byte[32]);
        try (AcsHarness acs = new AcsHarness(data, Map.of("profiles.key-file", wrong.toString()))) {
            assertThat(resync(acs, "GET", null).statusCode()).isEqualTo(404);
            assertThat(api(acs, "GET", "/api/v1/devices/" + PHONE.value() + "/profile-problems", null).body())
                    .contains("incomplete");
        }
        Path missing = secrets.resolve("missing.key");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AcsHarness(data,
                        Map.of("profiles.key-file", missing.toString())).close())
                .hasMessageContaining("profiles.key-file").hasMessageContaining("missing.key");
    }

    // ---- helpers

    private static String template(String path, String text) throws IOException {
        return JSON.createObjectNode().put("path", path).put("encryption", "aes-256-cbc").put("text", text).toString();
    }

    private URI profileUri(AcsHarness acs) {
        return URI.create("http://127.0.0.1:" + acs.server().filesPort() + "/profiles/" + MAC + ".xml");
    }

    private HttpResponse<byte[]> resync(AcsHarness acs, String method, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(profileUri(acs)).header("User-Agent", USER_AGENT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> api(AcsHarness acs, String method, String path, String body) throws Exception {
        String token = Files.readString(data.resolve("admin-token")).trim();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.server().apiPort() + path))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the file server answers a request written by hand (the connection is closed by the server). */
    private static String raw(AcsHarness acs, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", acs.server().filesPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The real command line: {@code openssl enc -d -aes-256-cbc -md md5 -k SECRET}. */
    private String openssl(byte[] encrypted, String secret) throws Exception {
        Path in = Files.createTempFile(data, "profile", ".cfg");
        Files.write(in, encrypted);
        Process p = new ProcessBuilder("openssl", "enc", "-d", "-aes-256-cbc", "-md", "md5", "-k", secret,
                "-in", in.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("openssl's exit status").isZero();
        return out;
    }
}
