package io.lodestar.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.httpauth.Digest;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.lodestar.acs.store.CpeCredentialStore;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators set the credentials CPEs present, over real HTTP; the API never answers with a secret. */
class CpeCredentialRoutesTest extends ApiFixture {

    private static final String BODY = "{\"username\":\"cpe-1\",\"password\":\"Tr0ub4dor&3\"}";

    private CpeCredentialStore credentials() {
        return (CpeCredentialStore) store;
    }

    private static void assertNoSecret(HttpResponse<String> r) {
        assertThat(r.body()).doesNotContain("Tr0ub4dor").doesNotContain(
                Digest.ha1(DigestAlgorithm.MD5, "cpe-1", "Lodestar ACS", "Tr0ub4dor&3")).doesNotContain(
                Digest.ha1(DigestAlgorithm.SHA_256, "cpe-1", "Lodestar ACS", "Tr0ub4dor&3"));
    }

    @Test
    void theDefaultIsSetReadAndRemovedAndOnlyItsHashesAreStored() throws Exception {
        HttpResponse<String> put = send("PUT", "/api/v1/cpe-credentials/default", admin, BODY);
        assertThat(put.statusCode()).isEqualTo(200);
        assertNoSecret(put);
        JsonNode view = json(put);
        assertThat(view.get("scope").asText()).isEqualTo("default");
        assertThat(view.get("username").asText()).isEqualTo("cpe-1");
        assertThat(view.get("realm").asText()).isEqualTo("Lodestar ACS");

        CpeCredential stored = credentials().findCpeCredential(CpeCredentialScope.FLEET).orElseThrow();
        assertThat(stored.md5Ha1()).isEqualTo(Digest.ha1(DigestAlgorithm.MD5, "cpe-1", "Lodestar ACS", "Tr0ub4dor&3"));
        assertThat(stored.sha256Ha1())
                .isEqualTo(Digest.ha1(DigestAlgorithm.SHA_256, "cpe-1", "Lodestar ACS", "Tr0ub4dor&3"));

        HttpResponse<String> get = get("/api/v1/cpe-credentials/default", admin);
        assertThat(get.statusCode()).isEqualTo(200);
        assertNoSecret(get);
        assertThat(send("DELETE", "/api/v1/cpe-credentials/default", admin, null).statusCode()).isEqualTo(204);
        assertThat(credentials().findCpeCredential(CpeCredentialScope.FLEET)).isEmpty();
        HttpResponse<String> gone = get("/api/v1/cpe-credentials/default", admin);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(send("DELETE", "/api/v1/cpe-credentials/default", admin, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aDevicesOwnCredentialsAreSetForAKnownDeviceAsShownAndForOneNotSeenYet() throws Exception {
        HttpResponse<String> put = send("PUT", "/api/v1/devices/" + PHONE1.value() + "/cpe-credentials", admin, BODY);
        assertThat(put.statusCode()).isEqualTo(200);
        assertNoSecret(put);
        assertThat(json(put).get("deviceId").asText()).isEqualTo(PHONE1.value());
        assertThat(credentials().findCpeCredential(new CpeCredentialScope.Device(PHONE1))).isPresent();

        HttpResponse<String> future = send("PUT", "/api/v1/devices/ABCDEF-Box-NEW001/cpe-credentials", admin, BODY);
        assertThat(future.statusCode()).isEqualTo(200);
        assertThat(credentials().findCpeCredential(new CpeCredentialScope.Device(
                new io.lodestar.acs.core.device.DeviceId("ABCDEF-Box-NEW001")))).isPresent();
        assertThat(get("/api/v1/devices/" + PHONE1.value() + "/cpe-credentials", admin).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v1/devices/" + PHONE1.value() + "/cpe-credentials", admin, null).statusCode())
                .isEqualTo(204);
        assertThat(get("/api/v1/devices/" + PHONE1.value() + "/cpe-credentials", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void aProductClassHasCredentialsOfItsOwn() throws Exception {
        HttpResponse<String> put = send("PUT", "/api/v1/cpe-credentials/product-classes/0CD0F8/" + PC_A, admin, BODY);
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(json(put).get("productClass").asText()).isEqualTo(PC_A);
        assertThat(credentials().findCpeCredential(new CpeCredentialScope.ProductClass("0CD0F8", PC_A))).isPresent();
        assertThat(credentials().findCpeCredential(new CpeCredentialScope.ProductClass("0CD0F8", PC_B))).isEmpty();
        assertThat(send("DELETE", "/api/v1/cpe-credentials/product-classes/0CD0F8/" + PC_A, admin, null).statusCode())
                .isEqualTo(204);
    }

    @Test
    void badInputGetsAProblemNamingIt() throws Exception {
        String[][] cases = {
                {"{\"username\":\"a:b\",\"password\":\"x\"}", "BAD_USERNAME"},
                {"{\"username\":\"\",\"password\":\"x\"}", "BAD_USERNAME"},
                {"{\"password\":\"x\"}", "BAD_USERNAME"},
                {"{\"username\":\"cpe\"}", "BAD_PASSWORD"},
                {"{\"username\":\"cpe\",\"password\":\"\"}", "BAD_PASSWORD"},
                {"{\"username\":\"cpe\",\"password\":\"" + "x".repeat(300) + "\"}", "BAD_PASSWORD"},
                {"{\"username\":\"cpe\\n\",\"password\":\"x\"}", "BAD_USERNAME"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = send("PUT", "/api/v1/cpe-credentials/default", admin, c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(422);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.body()).as(c[0]).contains(c[1]);
        }
        HttpResponse<String> notJson = send("PUT", "/api/v1/cpe-credentials/default", admin, "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(credentials().findCpeCredential(CpeCredentialScope.FLEET)).isEmpty();
    }

    @Test
    void onlyAdminsManageCpeCredentials() throws Exception {
        assertThat(send("PUT", "/api/v1/cpe-credentials/default", writer, BODY).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/cpe-credentials/default", reader).statusCode()).isEqualTo(403);
        assertThat(send("PUT", "/api/v1/cpe-credentials/default", null, BODY).statusCode()).isEqualTo(401);
        assertThat(credentials().findCpeCredential(CpeCredentialScope.FLEET)).isEmpty();
    }
}
