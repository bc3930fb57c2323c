package io.lodestar.acs.core.session;

import io.lodestar.acs.core.rpc.AcsGetRPCMethodsResponse;
import io.lodestar.acs.core.rpc.ArgStruct;
import io.lodestar.acs.core.rpc.AutonomousTransferComplete;
import io.lodestar.acs.core.rpc.AutonomousTransferCompleteResponse;
import io.lodestar.acs.core.rpc.CpeGetRPCMethods;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.DUStateChangeComplete;
import io.lodestar.acs.core.rpc.DUStateChangeCompleteResponse;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetRPCMethods;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.RequestDownload;
import io.lodestar.acs.core.rpc.RequestDownloadResponse;
import io.lodestar.acs.core.rpc.TransferComplete;
import io.lodestar.acs.core.rpc.TransferCompleteResponse;
import io.lodestar.acs.core.rpc.UnknownMethod;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.lodestar.acs.core.session.Fixtures.T0;
import static io.lodestar.acs.core.session.Fixtures.inform;
import static io.lodestar.acs.core.session.Fixtures.known;
import static io.lodestar.acs.core.session.Fixtures.open;
import static io.lodestar.acs.core.session.Fixtures.policy;
import static io.lodestar.acs.core.session.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

class CwmpSessionCpeRequestTest {

    private final FakeCpe cpe = FakeCpe.standard();

    private CwmpSession session() {
        return open(inform("7 TRANSFER COMPLETE"), Optional.of(known(Map.of(), Set.of())),
                List.of(task(1, new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.Manufacturer")))),
                policy(), T0);
    }

    private static CwmpMessage sent(SessionStep step) {
        assertThat(step).isInstanceOf(SessionStep.Send.class);
        return ((SessionStep.Send) step).message();
    }

    @Test
    void theCpesOwnRequestsAreAnsweredAndTheSessionGoesOn() {
        CwmpSession s = session();

        assertThat(sent(s.next(new TransferComplete("ck", FaultStruct.NONE, "t1", "t2"), T0)))
                .isEqualTo(new TransferCompleteResponse());
        assertThat(sent(s.next(new AutonomousTransferComplete("", "http://f", true, "1 Firmware Upgrade Image", 10,
                "", FaultStruct.NONE, "t1", "t2"), T0))).isEqualTo(new AutonomousTransferCompleteResponse());
        assertThat(sent(s.next(new RequestDownload("1 Firmware Upgrade Image", List.of(new ArgStruct("v", "2"))), T0)))
                .isEqualTo(new RequestDownloadResponse());
        assertThat(sent(s.next(new DUStateChangeComplete("ck", List.of()), T0)))
                .isEqualTo(new DUStateChangeCompleteResponse());
        assertThat(sent(s.next(new CpeGetRPCMethods(), T0)))
                .isEqualTo(new AcsGetRPCMethodsResponse(CwmpSession.ACS_METHODS));
        assertThat(CwmpSession.ACS_METHODS).contains("Inform", "GetRPCMethods", "TransferComplete",
                "AutonomousTransferComplete", "RequestDownload", "DUStateChangeComplete");

        // then the empty POST: the ACS's own work
        CwmpMessage request = sent(s.next(null, T0));
        assertThat(request).isEqualTo(new GetParameterValues(List.of("Device.DeviceInfo.Manufacturer")));
        assertThat(s.next(cpe.answer((GetParameterValues) request), T0)).isInstanceOf(SessionStep.End.class);
        assertThat(s.finish().tasks()).singleElement().satisfies(t -> assertThat(t.status()).isEqualTo(TaskStatus.DONE));
        assertThat(s.rpcs()).containsSubsequence("TransferComplete", "AutonomousTransferComplete",
                "RequestDownload", "DUStateChangeComplete", "GetRPCMethods", "GetParameterValues");
    }

    @Test
    void anAutonomousTransferAndARequestDownloadAreKeptAsEndedOperations() {
        CwmpSession s = session();

        s.next(new AutonomousTransferComplete("", "http://f/fw.bin", true, "1 Firmware Upgrade Image", 10, "fw.bin",
                FaultStruct.NONE, "2025-03-01T09:00:00Z", "2025-03-01T09:01:00Z"), T0);
        s.next(new RequestDownload("3 Vendor Configuration File", List.of(new ArgStruct("v", "2"))), T0);

        List<io.lodestar.acs.core.operation.Operation> ops = s.finish().operations();
        assertThat(ops).extracting(o -> o.kind().name() + " " + o.status())
                .containsExactly("AUTONOMOUS_TRANSFER COMPLETED", "REQUEST_DOWNLOAD COMPLETED");
        assertThat(ops.get(0).transfer().initiated()).isEqualTo(new io.lodestar.acs.core.operation.DeviceInitiated(
                "1 Firmware Upgrade Image", "http://f/fw.bin", true, 10, "fw.bin", List.of()));
        assertThat(ops.get(0).transfer().transferStartedAt()).isEqualTo(java.time.Instant.parse("2025-03-01T09:00:00Z"));
        assertThat(ops.get(1).transfer().initiated().arguments()).containsExactly("v=2");
        assertThat(ops.get(1).endedAt()).isEqualTo(T0);
    }

    @Test
    void aSecondInformIsDeniedWith8001() {
        CwmpSession s = session();

        CwmpMessage answer = sent(s.next(inform("1 BOOT"), T0));
        assertThat(answer).isInstanceOf(CwmpFault.class);
        assertThat(((CwmpFault) answer).faultCode()).isEqualTo(8001);
        assertThat(s.isEnded()).isFalse();
        assertThat(s.finish().faults()).isEmpty();
    }

    @Test
    void anUnknownMethodIsNotSupported8000() {
        CwmpSession s = session();

        CwmpMessage answer = sent(s.next(new UnknownMethod("X_ACME_Hello", "urn:acme"), T0));
        assertThat(answer).isInstanceOf(CwmpFault.class);
        assertThat(((CwmpFault) answer).faultCode()).isEqualTo(8000);
        assertThat(s.isEnded()).isFalse();
    }

    @Test
    void anAcsMessageFromTheCpeIsNotSupported8000() {
        for (CwmpMessage wrongWay : List.<CwmpMessage>of(new GetRPCMethods(), new InformResponse(1),
                new GetParameterValues(List.of("Device.")), new TransferCompleteResponse())) {
            CwmpSession s = session();
            CwmpMessage answer = sent(s.next(wrongWay, T0));
            assertThat(answer).as(wrongWay.methodName()).isInstanceOf(CwmpFault.class);
            assertThat(((CwmpFault) answer).faultCode()).as(wrongWay.methodName()).isEqualTo(8000);
        }
    }

    @Test
    void aCpeRequestWhileARequestIsOutstandingIsAnsweredAndTheAnswerStillCounts() {
        CwmpSession s = session();
        CwmpMessage request = sent(s.next(null, T0));

        assertThat(sent(s.next(new TransferComplete("ck", FaultStruct.NONE, "", ""), T0)))
                .isEqualTo(new TransferCompleteResponse());
        assertThat(s.next(cpe.answer((GetParameterValues) request), T0)).isInstanceOf(SessionStep.End.class);
        assertThat(s.finish().tasks()).singleElement().satisfies(t -> assertThat(t.status()).isEqualTo(TaskStatus.DONE));
    }
}
