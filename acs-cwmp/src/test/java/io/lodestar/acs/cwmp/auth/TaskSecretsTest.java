package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.cwmp.connreq.CredentialCipher;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskSecretsTest {

    private static final DeviceId A = new DeviceId("00D09E-Box-A");
    private static final DeviceId B = new DeviceId("00D09E-Box-B");
    private final TaskSecrets secrets = new TaskSecrets(new CredentialCipher(new byte[32]));

    private static CwmpEnvelope set(String password) {
        return new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("lodestar-1"), new SetParameterValues(List.of(
                ParameterValueStruct.string("Device.ManagementServer.Username", "cpe-1"),
                ParameterValueStruct.string("Device.ManagementServer.Password", password)), "k"));
    }

    @Test
    void aSealedReferenceHidesTheValueAndOpensOnlyInTheRequestSentToItsDevice() {
        String reference = secrets.seal(A, "s3cret-password");
        assertThat(reference).startsWith("lodestar-sealed:").doesNotContain("s3cret");

        SetParameterValues sent = (SetParameterValues) secrets.openIn(set(reference), A).message();

        assertThat(sent.parameterList()).extracting(ParameterValueStruct::value).containsExactly("cpe-1", "s3cret-password");
        assertThat(sent.parameterKey()).isEqualTo("k");
        assertThatThrownBy(() -> secrets.openIn(set(reference), B)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TaskSecrets(new CredentialCipher(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32})).openIn(set(reference), A))
                .as("another key").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void requestsWithoutSealedReferencesGoOutAsTheyAre() {
        CwmpEnvelope plain = set("typed-by-an-operator");
        CwmpEnvelope get = new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("1"),
                new GetParameterValues(List.of("Device.")));
        assertThat(secrets.openIn(plain, A)).isSameAs(plain);
        assertThat(secrets.openIn(get, A)).isSameAs(get);
    }
}
