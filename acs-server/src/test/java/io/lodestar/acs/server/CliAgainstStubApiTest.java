package io.lodestar.acs.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's side of the API contract, against a stand-in API: what it sends (token, encoded ids and
 * filters, task bodies), how it follows pages, and the one-line errors it prints.
 */
class CliAgainstStubApiTest {

    private static final String PAGE_1 = """
            {"items":[{"id":"0CD0F8-CP%2D8851-A1","productClass":"CP-8851","softwareVersion":"12.0.1",
              "lastInform":"2026-12-06T18:00:00Z","tags":["lab"],"parameters":{"Device.X":"1"}}],"next":"c2"}""";
    private static final String PAGE_2 = """
            {"items":[{"id":"B2","productClass":"CP, \\"big\\"","softwareVersion":"12.0.2",
              "lastInform":"2026-12-06T18:01:00Z","tags":[],"parameters":{"Device.X":"2"}}],"next":null}""";

    @TempDir
    Path data;

    @Test
    void withNoAcsListeningTheErrorSaysNoneAnswersAndHowToStartIt() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        LodestarCli run = LodestarCli.run("devices", "--api", "http://127.0.0.1:" + closedPort, "--token", "lst_a_b");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("lodestar: no Lodestar ACS answers at http://127.0.0.1:" + closedPort
                + " — is it running? (./lodestar run)\n");
    }

    @Test
    void theAdminTokenFileOfTheDataDirectoryIsSentAndARefusalNamesItsSource() throws Exception {
        Files.writeString(data.resolve("admin-token"), "lst_old_secret\n");
        try (StubApi api = new StubApi(r -> StubApi.Answer.problem(401, "the token is revoked"))) {
            LodestarCli run = LodestarCli.run("devices", "--api", api.url(), "--data", data.toString());

            assertThat(api.requests()).singleElement().extracting(StubApi.Request::authorization)
                    .isEqualTo("Bearer lst_old_secret");
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).isEqualTo("lodestar: the API refused the token (from "
                    + data.resolve("admin-token").toAbsolutePath().normalize() + "): the token is revoked\n");
        }
    }

    @Test
    void withoutAnyTokenNothingIsSentAndTheErrorSaysWhereToPutOne() throws Exception {
        try (StubApi api = new StubApi(r -> StubApi.Answer.json(200, "{\"items\":[]}"))) {
            LodestarCli run = LodestarCli.run("devices", "--api", api.url(), "--data", data.toString());

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).startsWith("lodestar: no API token: pass --token TOKEN");
            assertThat(api.requests()).isEmpty();
        }
    }

    @Test
    void allFollowsTheCursorAndEachFormatPrintsEveryDevice() throws Exception {
        try (StubApi api = new StubApi(r -> StubApi.Answer.json(200, r.uri().contains("cursor=c2") ? PAGE_2 : PAGE_1))) {
            String[] common = {"--api", api.url(), "--token", "lst_a_b", "--all", "--filter", "tag = \"lab\"",
                    "--parameters", "Device.X"};
            LodestarCli table = LodestarCli.run(concat("devices", common));
            LodestarCli csv = LodestarCli.run(concat("devices", common, "--format", "csv"));
            LodestarCli json = LodestarCli.run(concat("devices", common, "--format", "json"));
            LodestarCli firstPage = LodestarCli.run("devices", "--api", api.url(), "--token", "lst_a_b");

            assertThat(api.requests().get(0).uri()).isEqualTo(
                    "/api/v1/devices?filter=tag%20%3D%20%22lab%22&limit=100&parameters=Device.X");
            assertThat(api.requests().get(1).uri()).contains("&cursor=c2&");
            assertThat(table.exitCode()).as(table.err()).isZero();
            assertThat(table.out()).isEqualTo("""
                    ID                   PRODUCT CLASS  SOFTWARE  LAST INFORM           TAGS  Device.X
                    0CD0F8-CP%2D8851-A1  CP-8851        12.0.1    2026-12-06T18:00:00Z  lab   1
                    B2                   CP, "big"      12.0.2    2026-12-06T18:01:00Z        2
                    2 device(s)
                    """);
            assertThat(csv.out()).isEqualTo("""
                    id,manufacturer,oui,productClass,serialNumber,softwareVersion,hardwareVersion,lastInform,registeredAt,tags,Device.X
                    0CD0F8-CP%2D8851-A1,,,CP-8851,,12.0.1,,2026-12-06T18:00:00Z,,lab,1
                    B2,,,"CP, ""big""\",,12.0.2,,2026-12-06T18:01:00Z,,,2
                    """);
            assertThat(json.out()).contains("\"id\" : \"0CD0F8-CP%2D8851-A1\"").contains("\"id\" : \"B2\"")
                    .contains("\"next\" : null");
            assertThat(firstPage.out()).endsWith("1 device(s); more with --all\n");
        }
    }

    @Test
    void aSetSendsTypedValuesAndPrintsTheValuesTheDeviceTook() throws Exception {
        String done = """
                {"id":"t1","deviceId":"0CD0F8-CP%2D8851-A1","type":"setParameterValues","status":"DONE","attempts":1,
                 "action":{"type":"setParameterValues","values":[{"path":"Device.X","value":"600"}]},
                 "result":{"values":[{"path":"Device.X","value":"600","type":"xsd:unsignedInt"}]},"fault":null}""";
        try (StubApi api = new StubApi(r -> StubApi.Answer.json(200, done))) {
            LodestarCli run = LodestarCli.run("task", "--api", api.url(), "--token", "lst_a_b", "0CD0F8-CP%2D8851-A1",
                    "set", "Device.X=600", "Device.Y=a:b:xsd:string", "--key", "k1", "--wait", "20");

            assertThat(run.exitCode()).as(run.err()).isZero();
            StubApi.Request sent = api.requests().get(0);
            assertThat(sent.uri()).isEqualTo("/api/v1/devices/0CD0F8-CP%252D8851-A1/tasks?wait=20");
            assertThat(sent.body()).isEqualTo("{\"type\":\"setParameterValues\",\"values\":[{\"path\":\"Device.X\",\"value\":\"600\"},"
                    + "{\"path\":\"Device.Y\",\"value\":\"a:b\",\"type\":\"xsd:string\"}],\"parameterKey\":\"k1\"}");
            assertThat(run.out()).isEqualTo("""
                    task t1 setParameterValues for 0CD0F8-CP%2D8851-A1: DONE (attempts 1)
                      Device.X = 600 (xsd:unsignedInt)
                    """);
        }
    }

    @Test
    void aRefusedTaskPrintsTheProblemsDetailAndAnUnfinishedWaitSaysHowToLookLater() throws Exception {
        String pending = "{\"id\":\"t9\",\"deviceId\":\"D\",\"type\":\"reboot\",\"status\":\"PENDING\",\"action\":{\"type\":\"reboot\"}}";
        try (StubApi api = new StubApi(r -> r.body().contains("Device.Nope")
                ? StubApi.Answer.problem(422, "D has no parameter Device.Nope")
                : StubApi.Answer.json(202, pending))) {
            LodestarCli refused = LodestarCli.run("task", "--api", api.url(), "--token", "t", "D", "set", "Device.Nope=1");
            LodestarCli late = LodestarCli.run("task", "--api", api.url(), "--token", "t", "D", "reboot", "--wait", "1");
            LodestarCli badAction = LodestarCli.run("task", "--api", api.url(), "--token", "t", "D", "jump");

            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).isEqualTo("lodestar: D has no parameter Device.Nope\n");
            assertThat(late.exitCode()).isEqualTo(4);
            assertThat(late.out()).startsWith("task t9 reboot for D: PENDING");
            assertThat(late.err()).contains("did not finish within 1 s").contains("lodestar task D show t9");
            assertThat(badAction.exitCode()).isEqualTo(2);
            assertThat(badAction.err()).contains("unknown action 'jump'");
        }
    }

    @Test
    void anAnswerThatIsNotTheApisJsonSaysTheAddressMayBeWrong() throws Exception {
        try (StubApi api = new StubApi(r -> new StubApi.Answer(200, "text/html", "<html>hello</html>"))) {
            LodestarCli run = LodestarCli.run("token", "list", "--api", api.url(), "--token", "t");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("is not the Lodestar API's JSON").contains("--api");
        }
    }

    @Test
    void eachCommandExplainsItsOptionsAndExitCodesAndABadFormatIsRefused() {
        LodestarCli task = LodestarCli.run("task", "--help");
        LodestarCli devices = LodestarCli.run("devices", "--help");
        LodestarCli token = LodestarCli.run("token");
        LodestarCli badFormat = LodestarCli.run("devices", "--format", "xml", "--token", "t");

        assertThat(task.exitCode()).isZero();
        assertThat(task.out()).contains("--wait=SECONDS").contains("--api=URL").contains("--token=TOKEN")
                .contains("--data=DIR").contains("Exit codes:").contains("stays queued");
        assertThat(devices.out()).contains("--filter=FILTER").contains("show").contains("parameters").contains("untag");
        assertThat(token.out()).contains("create").contains("list").contains("revoke");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("'xml' is not a format: table, json or csv");
    }

    @Test
    void withoutApiTheSettingsOfTheAcsSayWhereItsApiListens() throws Exception {
        try (StubApi api = new StubApi(r -> StubApi.Answer.json(200, "{\"items\":[]}"))) {
            String port = api.url().substring(api.url().lastIndexOf(':') + 1);
            LodestarCli run = LodestarCli.run("token", "list", "--token", "t", "-s", "api.port=" + port);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(api.requests()).singleElement().extracting(StubApi.Request::uri).isEqualTo("/api/v1/tokens");
        }
    }

    private static String[] concat(String first, String[] middle, String... last) {
        java.util.List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(java.util.List.of(middle));
        all.addAll(java.util.List.of(last));
        return all.toArray(String[]::new);
    }
}
