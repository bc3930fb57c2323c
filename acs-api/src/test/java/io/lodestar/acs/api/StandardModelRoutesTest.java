package io.lodestar.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.session.SessionChanges;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Tasks checked against the Broadband Forum's standard models, through the real HTTP API. */
class StandardModelRoutesTest extends ApiFixture {

    private String tasks(String deviceId) {
        return "/api/v1/devices/" + deviceId + "/tasks";
    }

    @Test
    void aValueOutOfTheStandardRangeOfAStandardPathIsA422ProblemNamingThePathAndWhy() throws Exception {
        HttpResponse<String> r = send("POST", tasks(PHONE1.value()), writer, "{\"type\":\"setParameterValues\","
                + "\"values\":[{\"path\":\"" + INTERVAL + "\",\"value\":\"0\"}]}");

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json(r);
        assertThat(problem.get("code").asText()).isEqualTo("BAD_VALUE");
        assertThat(problem.get("detail").asText()).contains(INTERVAL).contains("Device:2.17").contains("at least 1");
        assertThat(json(get(tasks(PHONE1.value()), reader)).get("items")).isEmpty();
    }

    @Test
    void anAddObjectWithValuesIsQueuedAsOneTaskTypedByTheStandardModel() throws Exception {
        store.commit(new SessionChanges.Builder(store.findDevice(PHONE1).orElseThrow())
                .upsert(new Parameter("Device.NAT.", null, null, false, T0))
                .upsert(new Parameter("Device.NAT.PortMapping.", null, null, true, T0)).build());

        HttpResponse<String> created = send("POST", tasks(PHONE1.value()), writer, "{\"type\":\"addObject\","
                + "\"object\":\"Device.NAT.PortMapping.\",\"values\":[{\"path\":\"Enable\",\"value\":\"true\"},"
                + "{\"path\":\"ExternalPort\",\"value\":\"8080\"}]}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode action = json(created).get("action");
        assertThat(action.get("type").asText()).isEqualTo("addObject");
        assertThat(action.get("path").asText()).isEqualTo("Device.NAT.PortMapping.");
        assertThat(action.get("values").get(0).get("type").asText()).isEqualTo("xsd:boolean");
        assertThat(action.get("values").get(1).get("type").asText()).isEqualTo("xsd:unsignedInt");

        HttpResponse<String> outOfRange = send("POST", tasks(PHONE1.value()), writer, "{\"type\":\"addObject\","
                + "\"path\":\"Device.NAT.PortMapping.\",\"values\":[{\"path\":\"ExternalPort\",\"value\":\"70000\"}]}");
        assertThat(outOfRange.statusCode()).isEqualTo(422);
        assertThat(json(outOfRange).get("detail").asText()).contains("ExternalPort").contains("65535");
    }
}
