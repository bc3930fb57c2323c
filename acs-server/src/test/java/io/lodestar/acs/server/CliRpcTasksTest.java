package io.lodestar.acs.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lodestar task}'s attribute, method and schedule actions, and --after, send the API's task JSON. */
class CliRpcTasksTest {

    private static final String QUEUED = "{\"id\":\"t1\",\"deviceId\":\"D\",\"type\":\"x\",\"status\":\"PENDING\","
            + "\"action\":{\"type\":\"x\"}}";

    private static String sent(String... args) throws Exception {
        try (StubApi api = new StubApi(r -> StubApi.Answer.json(201, QUEUED))) {
            java.util.List<String> full = new java.util.ArrayList<>(java.util.List.of("task", "--api", api.url(),
                    "--token", "t"));
            full.addAll(java.util.List.of(args));
            LodestarCli run = LodestarCli.run(full.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isZero();
            return api.requests().get(0).body();
        }
    }

    @Test
    void eachNewActionSendsItsTaskType() throws Exception {
        assertThat(sent("D", "methods")).isEqualTo("{\"type\":\"getRPCMethods\"}");
        assertThat(sent("D", "get-attributes", "Device.A", "Device.B."))
                .isEqualTo("{\"type\":\"getParameterAttributes\",\"paths\":[\"Device.A\",\"Device.B.\"]}");
        assertThat(sent("D", "set-attributes", "Device.A", "--notification", "2", "--access-list", "Subscriber"))
                .isEqualTo("{\"type\":\"setParameterAttributes\",\"attributes\":[{\"path\":\"Device.A\","
                        + "\"notification\":2,\"accessList\":[\"Subscriber\"]}]}");
        assertThat(sent("D", "set-attributes", "Device.A", "--access-list", ""))
                .isEqualTo("{\"type\":\"setParameterAttributes\",\"attributes\":[{\"path\":\"Device.A\","
                        + "\"accessList\":[]}]}");
        assertThat(sent("D", "schedule-inform", "60", "--key", "si-1"))
                .isEqualTo("{\"type\":\"scheduleInform\",\"delaySeconds\":60,\"commandKey\":\"si-1\"}");
    }

    @Test
    void addObjectWithValuesSendsThemNamedRelativeToTheNewInstance() throws Exception {
        assertThat(sent("D", "add-object", "Device.NAT.PortMapping.", "Enable=true:xsd:boolean", "ExternalPort=8080",
                "--key", "pm-1"))
                .isEqualTo("{\"type\":\"addObject\",\"path\":\"Device.NAT.PortMapping.\",\"parameterKey\":\"pm-1\","
                        + "\"values\":[{\"path\":\"Enable\",\"value\":\"true\",\"type\":\"xsd:boolean\"},"
                        + "{\"path\":\"ExternalPort\",\"value\":\"8080\"}]}");
        assertThat(sent("D", "add-object", "Device.NAT.PortMapping."))
                .isEqualTo("{\"type\":\"addObject\",\"path\":\"Device.NAT.PortMapping.\",\"parameterKey\":\"\"}");
    }

    @Test
    void afterNamesTheTaskToWaitFor() throws Exception {
        assertThat(sent("D", "reboot", "--after", "0193a3c2-0000-7000-8000-000000000001"))
                .isEqualTo("{\"type\":\"reboot\",\"commandKey\":\"\",\"after\":\"0193a3c2-0000-7000-8000-000000000001\"}");
    }

    @Test
    void setAttributesWithoutAnythingToChangeIsRefused() throws Exception {
        try (StubApi api = new StubApi(r -> StubApi.Answer.json(201, QUEUED))) {
            LodestarCli run = LodestarCli.run("task", "--api", api.url(), "--token", "t", "D", "set-attributes",
                    "Device.A");
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--notification, --access-list or both");
            assertThat(api.requests()).isEmpty();
        }
    }
}
