package io.lodestar.acs.server.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskViewsTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void aFinishedSetShowsTheValuesTheDeviceTookAsPathValueType() throws Exception {
        JsonNode task = json("""
                {"id":"t1","deviceId":"D1","type":"setParameterValues","status":"DONE","createdAt":"2026-12-06T18:00:00Z",
                 "action":{"type":"setParameterValues","values":[{"path":"Device.X","value":"600"}]},
                 "result":{"values":[{"path":"Device.X","value":"600","type":"xsd:unsignedInt"}]},
                 "fault":null,"attempts":1}""");

        assertThat(TaskViews.text(task)).isEqualTo("""
                task t1 setParameterValues for D1: DONE (attempts 1, created 2026-12-06T18:00:00Z)
                  Device.X = 600 (xsd:unsignedInt)
                """);
        assertThat(TaskViews.table(task).csv()).isEqualTo("path,value,type\nDevice.X,600,xsd:unsignedInt\n");
    }

    @Test
    void aPendingTaskShowsWhatItWillDoAndAFailedOneItsFault() throws Exception {
        JsonNode pending = json("""
                {"id":"t2","deviceId":"D1","type":"getParameterValues","status":"PENDING","attempts":0,
                 "action":{"type":"getParameterValues","paths":["Device.DeviceInfo."]},"result":null,"fault":null}""");
        JsonNode failed = json("""
                {"id":"t3","deviceId":"D1","type":"reboot","status":"FAILED","attempts":3,
                 "action":{"type":"reboot","commandKey":"k1"},"result":null,"fault":{"code":9002,"message":"Internal error"}}""");
        JsonNode added = json("""
                {"id":"t4","deviceId":"D1","type":"addObject","status":"DONE",
                 "action":{"type":"addObject","path":"Device.X."},"result":{"instanceNumber":3,"status":0}}""");

        assertThat(TaskViews.text(pending)).isEqualTo("""
                task t2 getParameterValues for D1: PENDING (attempts 0)
                  get Device.DeviceInfo.
                """);
        assertThat(TaskViews.text(failed)).isEqualTo("""
                task t3 reboot for D1: FAILED (attempts 3)
                  commandKey k1
                  fault 9002 Internal error
                """);
        assertThat(TaskViews.text(added)).isEqualTo("""
                task t4 addObject for D1: DONE
                  instance number 3
                  device status 0 (applied)
                """);
    }

    @Test
    void flattenNamesNestedValuesByTheirPath() throws Exception {
        JsonNode device = json("""
                {"id":"D1","tags":["lab","attic"],"reachability":{"remoteAddress":"127.0.0.1"},
                 "recentFaults":[{"code":9005}],"operations":[]}""");

        assertThat(JsonText.flatten(device)).containsExactly(
                java.util.Map.entry("id", "D1"), java.util.Map.entry("tags", "lab,attic"),
                java.util.Map.entry("reachability.remoteAddress", "127.0.0.1"),
                java.util.Map.entry("recentFaults[0].code", "9005"), java.util.Map.entry("operations", ""));
    }
}
