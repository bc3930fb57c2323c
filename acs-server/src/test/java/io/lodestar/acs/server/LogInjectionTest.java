package io.lodestar.acs.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** No value from the network writes a line of its own into the log. */
class LogInjectionTest {

    @TempDir
    static Path data;

    private static AcsHarness acs;

    @BeforeAll
    static void start() throws Exception {
        acs = new AcsHarness(data);
    }

    @AfterAll
    static void stop() {
        acs.close();
    }

    /** What the ACS's own log configuration (logback.xml, to standard error) writes while the action runs. */
    private static String logDuring(Callable<?> action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        try {
            configure(context); // the console appender now writes to the captured stream
            action.call();
        } finally {
            System.setErr(original);
            configure(context);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void configure(LoggerContext context) throws Exception {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LodestarServer.class.getResource("/logback.xml"));
    }

    @Test
    void theLogFormatEscapesLineBreaksInsideAMessage() throws Exception {
        String out = logDuring(() -> {
            LoggerFactory.getLogger("test").info("value {}", "urn:x\r\n2026-12-06T00:00:00Z INFO forged");
            return null;
        });

        assertThat(out.lines()).singleElement().asString().endsWith("value urn:x\\r\\n2026-12-06T00:00:00Z INFO forged");
    }

    @Test
    void aNamespaceUriHoldingALineFeedCannotForgeALogLine() throws Exception {
        String envelope = """
                <e:Envelope xmlns:e="urn:evil&#10;2026-12-06T00:00:00Z INFO FORGED-LINE">
                  <e:Body/>
                </e:Envelope>""";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        String[] answer = new String[1];
        String log = logDuring(() -> answer[0] = http.send(HttpRequest.newBuilder(acs.url()).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString()).body());

        assertThat(answer[0]).startsWith("not a CWMP SOAP envelope").doesNotContain("\n2026");
        assertThat(log).as("the refusal is logged").contains("FORGED-LINE");
        assertThat(log.lines()).noneMatch(line -> line.contains("FORGED-LINE") && !line.contains(" - "));
        assertThat(log.lines()).noneMatch(line -> line.startsWith("2026-12-06T00:00:00Z"));
        AcsHarness.ok(acs.phone("after-forgery"));
    }
}
