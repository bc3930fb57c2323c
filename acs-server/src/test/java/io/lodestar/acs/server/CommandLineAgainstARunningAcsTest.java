package io.lodestar.acs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.SimulatedCpe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command line as an operator uses it, against a running ACS (its API on a free port) whose devices are
 * simulated phones: it lists with a filter in every format, shows parameters, sets a value and prints the
 * value the device took, manages tokens, and names the cause when the ACS is not running or the token is wrong.
 */
class CommandLineAgainstARunningAcsTest {

    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";

    @TempDir
    static Path data;

    private static AcsHarness acs;
    private static SimulatedCpe first;
    private static DeviceId firstId;
    private static DeviceId secondId;

    @BeforeAll
    static void startTheAcsAndMeetTwoPhones() throws Exception {
        acs = new AcsHarness(data); // its API on a free loopback port
        first = acs.phone("CLIE00001");
        SimulatedCpe second = acs.phone("CLIE00002");
        AcsHarness.ok(first);
        AcsHarness.ok(second);
        firstId = AcsHarness.idOf(first);
        secondId = AcsHarness.idOf(second);
    }

    @AfterAll
    static void stopTheAcs() {
        if (acs != null) {
            acs.close();
        }
    }

    /** {@code lodestar ARGS} pointed at the running ACS; the token comes from its data directory. */
    private static LodestarCli lodestar(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", "http://127.0.0.1:" + acs.server().apiPort(), "--data", data.toString()));
        return LodestarCli.run(all.toArray(String[]::new));
    }

    @Test
    void theFirstStartLeftAnAdminTokenThatTheCommandsFindByThemselves() throws Exception {
        assertThat(Files.readString(data.resolve("admin-token"))).startsWith("lst_");

        LodestarCli all = lodestar("devices");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains(firstId.value()).contains(secondId.value()).endsWith("2 device(s)\n");
    }

    @Test
    void devicesAreListedWithAFilterAsATableJsonAndCsv() throws Exception {
        String filter = "serialNumber = \"CLIE00001\"";
        LodestarCli table = lodestar("devices", "--filter", filter, "--parameters", "Device.DeviceInfo.SerialNumber");
        LodestarCli json = lodestar("devices", "--filter", filter, "--format", "json");
        LodestarCli csv = lodestar("devices", "--filter", filter, "--format", "csv");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().toList()).hasSize(3);
        assertThat(table.out()).startsWith("ID ").contains("Device.DeviceInfo.SerialNumber")
                .contains(firstId.value()).doesNotContain(secondId.value()).contains("CLIE00001").endsWith("1 device(s)\n");
        JsonNode page = new ObjectMapper().readTree(json.out());
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("items").get(0).path("id").asText()).isEqualTo(firstId.value());
        assertThat(csv.out().lines().toList()).hasSize(2);
        assertThat(csv.out()).startsWith("id,manufacturer,oui,productClass,serialNumber,")
                .contains("\n" + firstId.value() + ",");
    }

    @Test
    void aBadFilterIsRefusedWithTheApisReason() {
        LodestarCli refused = lodestar("devices", "--filter", "serialNumber ~ \"x\"");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).startsWith("lodestar: ").doesNotContain("Exception");
    }

    @Test
    void aDevicesParametersAndDetailsAreShown() {
        LodestarCli parameters = lodestar("devices", "parameters", secondId.value(), "--prefix", "Device.ManagementServer.");
        LodestarCli shown = lodestar("devices", "show", secondId.value());
        LodestarCli unknown = lodestar("devices", "show", "00D0F8-NOBODY-1");

        assertThat(parameters.exitCode()).as(parameters.err()).isZero();
        assertThat(parameters.out()).startsWith("PATH ").containsPattern(
                Pattern.quote(INTERVAL) + " +3600 +xsd:unsignedInt +true").doesNotContain("Device.DeviceInfo.");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).containsPattern("(?m)^id +" + Pattern.quote(secondId.value()) + "$")
                .containsPattern("(?m)^serialNumber +CLIE00002$");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("lodestar: ").contains("00D0F8-NOBODY-1");
    }

    @Test
    void aTagPutOnADeviceFindsItAgain() {
        LodestarCli tagged = lodestar("devices", "tag", secondId.value(), "attic");
        LodestarCli found = lodestar("devices", "--filter", "tag = \"attic\"");
        LodestarCli untagged = lodestar("devices", "untag", secondId.value(), "attic");
        LodestarCli gone = lodestar("devices", "--filter", "tag = \"attic\"");

        assertThat(tagged.exitCode()).as(tagged.err()).isZero();
        assertThat(tagged.out()).contains("attic");
        assertThat(found.out()).contains(secondId.value()).endsWith("1 device(s)\n");
        assertThat(untagged.exitCode()).as(untagged.err()).isZero();
        assertThat(gone.out()).endsWith("0 device(s)\n");
    }

    @Test
    void aSetWithWaitPrintsTheValueTheDeviceTookWhenItInforms() throws Exception {
        CompletableFuture<LodestarCli> set = CompletableFuture.supplyAsync(
                () -> lodestar("task", firstId.value(), "set", INTERVAL + "=600", "--wait", "50"));
        await().atMost(Duration.ofSeconds(30)).until(() -> acs.store().tasks(firstId).stream()
                .anyMatch(t -> t.action() instanceof TaskAction.SetParameterValues && t.status() == TaskStatus.PENDING));

        AcsHarness.ok(acs.cpe(first.model(), CpeOptions.defaults()));
        LodestarCli done = set.get(60, TimeUnit.SECONDS);

        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(done.out()).startsWith("task ").contains(" setParameterValues for " + firstId.value() + ": DONE")
                .contains("\n  " + INTERVAL + " = 600 (xsd:unsignedInt)\n");
        assertThat(first.model().value(INTERVAL)).contains("600");
        LodestarCli listed = lodestar("task", firstId.value(), "list");
        assertThat(listed.out()).containsPattern("setParameterValues +DONE");
    }

    @Test
    void aTaskTheDeviceCannotTakeIsRefusedWithItsReasonAndNothingIsQueued() {
        LodestarCli readOnly = lodestar("task", secondId.value(), "set", "Device.DeviceInfo.SerialNumber=X");
        LodestarCli unknownPath = lodestar("task", secondId.value(), "get", "Device.NoSuchThing.");

        assertThat(readOnly.exitCode()).isEqualTo(2);
        assertThat(readOnly.err()).startsWith("lodestar: ").contains("Device.DeviceInfo.SerialNumber").contains("read-only");
        assertThat(unknownPath.exitCode()).isEqualTo(2);
        assertThat(unknownPath.err()).contains("Device.NoSuchThing.");
        assertThat(acs.store().tasks(secondId)).isEmpty();
    }

    @Test
    void aTokenIsCreatedUsedWithinItsScopeListedAndRevoked() {
        LodestarCli created = lodestar("token", "create", "ci-reader", "--scope", "read");
        assertThat(created.exitCode()).as(created.err()).isZero();
        Matcher token = Pattern.compile("lst_\\S+").matcher(created.out());
        assertThat(token.find()).as(created.out()).isTrue();
        String reader = token.group();

        LodestarCli reads = lodestar("devices", "--token", reader);
        LodestarCli writes = lodestar("task", secondId.value(), "reboot", "--token", reader);
        LodestarCli listed = lodestar("token", "list");
        String id = listed.out().lines().filter(l -> l.contains("ci-reader")).findFirst().orElseThrow().split(" +")[0];
        LodestarCli revoked = lodestar("token", "revoke", id);
        LodestarCli refused = lodestar("devices", "--token", reader);

        assertThat(reads.exitCode()).as(reads.err()).isZero();
        assertThat(writes.exitCode()).isEqualTo(3);
        assertThat(writes.err()).startsWith("lodestar: the token (from --token) lacks the scope for this: ");
        assertThat(listed.out()).startsWith("ID ").contains("ci-reader").contains("read").doesNotContain(reader);
        assertThat(revoked.out()).isEqualTo("revoked token " + id + "\n");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).startsWith("lodestar: the API refused the token (from --token): ");
    }

    @Test
    void aWrongTokenIsReportedAsRefusedNamingWhereItCameFrom() {
        LodestarCli refused = lodestar("devices", "--token", "lst_nobody_secret");

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).startsWith("lodestar: the API refused the token (from --token): ")
                .doesNotContain("lst_nobody_secret").hasLineCount(1);
    }

    @Test
    void anAcsThatIsNotRunningIsReportedAsSuch() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        LodestarCli refused = LodestarCli.run("task", firstId.value(), "reboot", "--api", "http://127.0.0.1:" + closedPort,
                "--data", data.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("lodestar: no Lodestar ACS answers at http://127.0.0.1:" + closedPort
                + " — is it running? (./lodestar run)\n");
    }
}
