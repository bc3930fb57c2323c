package io.lodestar.acs.server.profiles;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.files.FileServer;
import io.lodestar.acs.files.FilesSettings;
import io.lodestar.acs.profiles.crypto.InMemorySealedKeyStore;
import io.lodestar.acs.profiles.crypto.KeyScope;
import io.lodestar.acs.profiles.crypto.ProfileEncryption;
import io.lodestar.acs.profiles.crypto.ProfileKeys;
import io.lodestar.acs.profiles.crypto.SecretBox;
import io.lodestar.acs.profiles.device.MacAddress;
import io.lodestar.acs.profiles.device.ProfileDevice;
import io.lodestar.acs.profiles.service.InMemoryTemplateCatalog;
import io.lodestar.acs.profiles.service.ProfileAuthenticator;
import io.lodestar.acs.profiles.service.ProfileBuilder;
import io.lodestar.acs.profiles.service.ProfileDeviceRegistrar;
import io.lodestar.acs.profiles.service.ProfileListener;
import io.lodestar.acs.profiles.service.ProfileService;
import io.lodestar.acs.profiles.service.ProfileServiceOptions;
import io.lodestar.acs.profiles.template.InMemoryProfileValues;
import io.lodestar.acs.profiles.template.ProfileTemplate;
import io.lodestar.acs.profiles.template.TemplateRenderer;
import io.lodestar.acs.service.files.FileUrls;
import io.lodestar.acs.service.files.UrlSigner;
import io.lodestar.acs.store.embedded.DiskFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 503 with Retry-After over HTTP: the real file server with the real resync handler in front, a real HTTP client,
 * and a service allowed one build at once whose first build is held (its device lookup waits on a latch), so the
 * second phone finds every build slot taken.
 */
class ProfileResyncUnderLoadTest {

    private static final String MAC = "00562b043615";
    private static final String USER_AGENT = "Cisco-CP-8841-3PCC/11.0 (" + MAC + ")";

    @TempDir
    Path tmp;

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private FileServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
        workers.shutdownNow();
    }

    @Test
    void aPhoneResyncingWhileEveryBuildSlotIsTakenIsAnswered503WithRetryAfterOverHttp() throws Exception {
        ProfileDevice phone = new ProfileDevice(new DeviceId("00562B043615"), MacAddress.parse(MAC).orElseThrow(),
                null, "CP-8841-3PCC", null, null, null, null, Set.of(), Map.of());
        InMemoryTemplateCatalog catalog = new InMemoryTemplateCatalog().put(ProfileTemplate.of("mpp",
                "/profiles/$MA.xml", "<flat-profile><Station_Name>$MA</Station_Name></flat-profile>",
                "application/xml", new ProfileEncryption.Plain(), KeyScope.TEMPLATE));
        ProfileService service = new ProfileService(catalog, key -> {
            entered.countDown();
            await(release);
            return Optional.of(phone);
        }, ProfileDeviceRegistrar.REFUSE, ProfileAuthenticator.NONE,
                new ProfileBuilder(new TemplateRenderer(new InMemoryProfileValues()),
                        new ProfileKeys(new InMemorySealedKeyStore(), new SecretBox(new byte[32]))),
                (device, template, at, body) -> { }, ProfileListener.NONE,
                new ProfileServiceOptions(1, Duration.ofSeconds(7), 1024), Clock.systemUTC());
        FileUrls urls = new FileUrls(URI.create("http://127.0.0.1"), new UrlSigner(new byte[32]), Duration.ofHours(1),
                Clock.systemUTC());
        server = FileServer.start(FilesSettings.from(Map.of("files.port", "0", "files.bind", "127.0.0.1")),
                DiskFileStore.open(tmp.resolve("files")), urls, tmp.resolve("spool"), Clock.systemUTC(),
                () -> new ProfileHttpHandler(() -> service, null, urls, workers, 1024));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest resync = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/profiles/"
                + MAC + ".xml")).header("User-Agent", USER_AGENT).timeout(Duration.ofSeconds(30)).build();
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(resync, HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the first resync is being built").isTrue();

        HttpResponse<String> busy = http.send(resync, HttpResponse.BodyHandlers.ofString());
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).contains("7");
        // an HTTP/1.0 phone is told the same, in its own version, and the connection closed after the answer
        String http10 = raw("GET /profiles/" + MAC + ".xml HTTP/1.0\r\nUser-Agent: " + USER_AGENT + "\r\n\r\n");
        assertThat(http10).startsWith("HTTP/1.0 503").containsIgnoringCase("retry-after: 7");

        release.countDown();
        HttpResponse<String> served = first.get(10, TimeUnit.SECONDS);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).contains("<Station_Name>" + MAC + "</Station_Name>");
        // the slot is free again
        assertThat(http.send(resync, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
