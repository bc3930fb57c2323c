package io.lodestar.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceRoutesTest extends ApiFixture {

    @Test
    void healthAnswersWithoutAToken() throws Exception {
        HttpResponse<String> live = get("/health/live", null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(json(live).get("status").asText()).isEqualTo("UP");
        assertThat(json(live).get("version").asText()).isEqualTo("test");
        HttpResponse<String> ready = get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void aFilterOverIndexedAndSummaryFieldsFindsTheMatchingDevices() throws Exception {
        String filter = "productClass = \"" + PC_A + "\" AND softwareVersion != \"12.0.3\" AND lastInform < now-30m";
        HttpResponse<String> r = get("/api/v1/devices?filter=" + q(filter), reader);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("items")).hasSize(1);
        assertThat(body.get("items").get(0).get("id").asText()).isEqualTo(PHONE2.value());
        assertThat(body.get("items").get(0).get("productClass").asText()).isEqualTo(PC_A);
        assertThat(body.get("next").isNull()).isTrue();
        JsonNode bySerial = json(get("/api/v1/devices?filter=" + q(SERIAL + " = \"SIM000003\""), reader));
        assertThat(bySerial.get("items").get(0).get("id").asText()).isEqualTo(PHONE3.value());
    }

    @Test
    void pagesFollowTheCursorUntilNextIsNull() throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(get("/api/v1/devices?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), reader));
            page.get("items").forEach(d -> ids.add(d.get("id").asText()));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (cursor != null);
        assertThat(ids).containsExactly(PHONE1.value(), PHONE2.value(), PHONE3.value());
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void chosenParametersAreProjectedAndCsvHasAHeaderRow() throws Exception {
        JsonNode page = json(get("/api/v1/devices?parameters=" + SERIAL + "&limit=1", reader));
        assertThat(page.get("items").get(0).get("parameters").get(SERIAL).asText()).isEqualTo("SIM000001");
        HttpResponse<String> csv = send("GET", "/api/v1/devices?parameters=" + SERIAL, reader, null, "Accept", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("id,manufacturer,oui,productClass,serialNumber").endsWith(SERIAL);
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).startsWith(PHONE1.value() + ",Cisco,0CD0F8," + PC_A).endsWith(",SIM000001");
    }

    @Test
    void oneDeviceIsFoundByItsIdAsShownAndPercentEncoded() throws Exception {
        HttpResponse<String> plain = get("/api/v1/devices/" + PHONE2.value(), reader);
        assertThat(plain.statusCode()).isEqualTo(200);
        JsonNode d = json(plain);
        assertThat(d.get("serialNumber").asText()).isEqualTo("SIM000002");
        assertThat(d.get("reachability").get("connectionRequestUrl").asText()).isEqualTo("http://192.0.2.1:7547/cr");
        assertThat(d.get("recentFaults").get(0).get("code").asInt()).isEqualTo(9007);
        assertThat(d.get("operations")).isEmpty();
        HttpResponse<String> encoded = get("/api/v1/devices/" + PHONE2.value().replace("-", "%2D"), reader);
        assertThat(encoded.statusCode()).isEqualTo(200);
        assertThat(json(encoded).get("id").asText()).isEqualTo(PHONE2.value());
    }

    @Test
    void parametersUnderAPrefixCarryTypesAndTimes() throws Exception {
        JsonNode items = json(get("/api/v1/devices/" + PHONE1.value() + "/parameters?prefix=Device.ManagementServer.",
                reader)).get("items");
        assertThat(items).hasSize(2);
        JsonNode interval = items.get(1);
        assertThat(interval.get("path").asText()).isEqualTo(INTERVAL);
        assertThat(interval.get("value").asText()).isEqualTo("3600");
        assertThat(interval.get("type").asText()).isEqualTo("xsd:unsignedInt");
        assertThat(interval.get("writable").asBoolean()).isTrue();
        assertThat(interval.get("updatedAt").asText()).isEqualTo(T0.toString());
    }

    @Test
    void tagsAreSetAndRemovedOnOneDeviceAndByFilter() throws Exception {
        HttpResponse<String> put = send("PUT", "/api/v1/devices/" + PHONE1.value() + "/tags/lab", writer, null);
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(json(put).get("tags").get(0).asText()).isEqualTo("lab");
        JsonNode tagged = json(get("/api/v1/devices?filter=" + q("tag = \"lab\""), reader));
        assertThat(tagged.get("items")).hasSize(1);
        HttpResponse<String> removed = send("DELETE", "/api/v1/devices/" + PHONE1.value() + "/tags/lab", writer, null);
        assertThat(json(removed).get("tags")).isEmpty();

        HttpResponse<String> bulk = send("POST", "/api/v1/tags/fw12?filter=" + q("softwareVersion = \"12.0.3\""), writer,
                null);
        assertThat(bulk.statusCode()).isEqualTo(200);
        assertThat(json(bulk).get("matched").asInt()).isEqualTo(2);
        assertThat(json(get("/api/v1/devices?filter=" + q("tag = \"fw12\""), reader)).get("items")).hasSize(2);
        HttpResponse<String> unbulk = send("DELETE", "/api/v1/tags/fw12?filter=" + q("tag = \"fw12\" AND productClass = \""
                + PC_B + "\""), writer, null);
        assertThat(json(unbulk).get("matched").asInt()).isEqualTo(1);
        assertThat(json(get("/api/v1/devices?filter=" + q("tag = \"fw12\""), reader)).get("items")).hasSize(1);
    }

    @Test
    void aDeviceRegisteredAheadOfItsFirstInformIsCreatedOnceAndThenFound() throws Exception {
        HttpResponse<String> created = send("PUT", "/api/v1/devices/00562B043615", writer, null);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("id").asText()).isEqualTo("00562B043615");
        assertThat(send("PUT", "/api/v1/devices/00562B043615", writer, null).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/devices/00562B043615", reader).statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/api/v1/devices/00562B043616", reader, null).statusCode()).isEqualTo(403);
    }

    @Test
    void aDeletedDeviceIsGone() throws Exception {
        assertThat(send("DELETE", "/api/v1/devices/" + PHONE3.value(), writer, null).statusCode()).isEqualTo(204);
        HttpResponse<String> again = get("/api/v1/devices/" + PHONE3.value(), reader);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json(again).get("code").asText()).isEqualTo("UNKNOWN_DEVICE");
    }

    @Test
    void faultsAreListedFleetWideAndPerDevice() throws Exception {
        JsonNode fleet = json(get("/api/v1/faults?code=9007", reader));
        assertThat(fleet.get("items")).hasSize(1);
        assertThat(fleet.get("items").get(0).get("deviceId").asText()).isEqualTo(PHONE2.value());
        assertThat(json(get("/api/v1/faults?code=9002", reader)).get("items")).isEmpty();
        assertThat(json(get("/api/v1/faults?since=2999-01-01T00:00:00Z", reader)).get("items")).isEmpty();
        assertThat(json(get("/api/v1/devices/" + PHONE2.value() + "/faults", reader)).get("items")).hasSize(1);
        assertThat(json(get("/api/v1/faults?device=" + PHONE1.value(), reader)).get("items")).isEmpty();
    }
}
