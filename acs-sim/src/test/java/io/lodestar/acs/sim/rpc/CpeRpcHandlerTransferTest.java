package io.lodestar.acs.sim.rpc;

import io.lodestar.acs.core.rpc.ChangeDUState;
import io.lodestar.acs.core.rpc.ChangeDUStateResponse;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.DUStateChangeComplete;
import io.lodestar.acs.core.rpc.DeploymentUnitOperation;
import io.lodestar.acs.core.rpc.Download;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.rpc.GetQueuedTransfers;
import io.lodestar.acs.core.rpc.GetQueuedTransfersResponse;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.ScheduleDownload;
import io.lodestar.acs.core.rpc.ScheduleDownloadResponse;
import io.lodestar.acs.core.rpc.TimeWindowStruct;
import io.lodestar.acs.core.rpc.TransferComplete;
import io.lodestar.acs.core.rpc.TransferStateStruct;
import io.lodestar.acs.core.rpc.Upload;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated CPE's transfers: handed to its agent when the session ends, reported in the next session. */
class CpeRpcHandlerTransferTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    /** Serves one file and records what is uploaded. */
    private static final class FakeAgent implements TransferAgent {
        byte[] file = new byte[0];
        final List<String> calls = new ArrayList<>();
        final List<String> uploads = new ArrayList<>();

        @Override
        public Fetched download(String url, String username, String password, long expectedSize) {
            calls.add("GET " + url + " as " + username + ":" + password + " size " + expectedSize);
            return new Fetched(FaultStruct.NONE, file);
        }

        @Override
        public FaultStruct upload(String url, String username, String password, String contentType, byte[] body) {
            calls.add("PUT " + url);
            uploads.add(new String(body, StandardCharsets.UTF_8));
            return FaultStruct.NONE;
        }
    }

    private final FakeAgent agent = new FakeAgent();
    private final DataModel phone = DataModel.ipPhone("FCH0000T002");
    private final CpeRpcHandler cpe = new CpeRpcHandler(phone, CLOCK, agent);

    private String softwareVersion() {
        Inform inform = cpe.inform(List.of(EventStruct.of(EventStruct.PERIODIC)), 0);
        return inform.parameterList().stream().filter(p -> p.name().endsWith(".DeviceInfo.SoftwareVersion"))
                .findFirst().orElseThrow().value();
    }

    @Test
    void aFirmwareImageIsFetchedWithItsCredentialsAndItsFirstLineNamesTheVersionRunAfterTheReboot() {
        agent.file = "SoftwareVersion=9.9.1\nrest of the image".getBytes(StandardCharsets.UTF_8);
        cpe.handle(new Download("fw-1", "1 Firmware Upgrade Image", "http://files/fw.bin", "cpe", "s3cret", 30, "",
                0, "", ""));
        cpe.endSession();

        assertThat(agent.calls).containsExactly("GET http://files/fw.bin as cpe:s3cret size 30");
        assertThat(softwareVersion()).isEqualTo("9.9.1");
        assertThat(cpe.pendingEvents()).contains(EventStruct.of(EventStruct.BOOT),
                EventStruct.of(EventStruct.TRANSFER_COMPLETE), new EventStruct(EventStruct.M_DOWNLOAD, "fw-1"));
        Inform next = cpe.inform(cpe.pendingEvents(), 0);
        assertThat(cpe.requestsToSend(next)).singleElement()
                .satisfies(r -> assertThat(((TransferComplete) r).fault()).isEqualTo(FaultStruct.NONE));
    }

    @Test
    void anImageWithoutAVersionLineKeepsTheVersion() {
        String before = softwareVersion();
        agent.file = new byte[] {1, 2, 3};
        cpe.handle(new Download("fw-2", "1 Firmware Upgrade Image", "http://files/fw.bin", "", "", 3, "", 0, "", ""));
        cpe.endSession();

        assertThat(softwareVersion()).isEqualTo(before);
    }

    @Test
    void anUploadPutsTheConfigurationToTheUrl() {
        cpe.handle(new Upload("up-1", "1 Vendor Configuration File", "http://files/up/cfg", "", "", 0));
        cpe.endSession();

        assertThat(agent.calls).containsExactly("PUT http://files/up/cfg");
        assertThat(agent.uploads.get(0)).contains("DeviceInfo.SoftwareVersion=");
        assertThat(cpe.pendingEvents()).contains(new EventStruct(CpeRpcHandler.M_UPLOAD, "up-1"));
    }

    @Test
    void aScheduledDownloadIsQueuedThenReportedWithItsOwnEvent() {
        CwmpMessage answer = cpe.handle(new ScheduleDownload("sd-1", "3 Vendor Configuration File", "http://files/c",
                "", "", 0, "", List.of(new TimeWindowStruct(0, 60, TimeWindowStruct.AT_ANY_TIME, "", -1))));
        assertThat(answer).isEqualTo(new ScheduleDownloadResponse());
        assertThat(cpe.handle(new GetQueuedTransfers()))
                .isEqualTo(new GetQueuedTransfersResponse(List.of(new TransferStateStruct("sd-1", 1))));

        cpe.endSession();

        assertThat(cpe.pendingEvents()).contains(new EventStruct(CpeRpcHandler.M_SCHEDULE_DOWNLOAD, "sd-1"));
    }

    @Test
    void aChangeDuStateIsReportedByDuStateChangeCompleteInTheNextSession() {
        String uuid = "5f4b7d2e-3c1a-5e6f-8a9b-0c1d2e3f4a5b";
        assertThat(cpe.handle(new ChangeDUState(List.of(new DeploymentUnitOperation.Install("http://du/a", uuid, "",
                "", "")), "du-1"))).isEqualTo(new ChangeDUStateResponse());
        cpe.endSession();

        List<EventStruct> events = cpe.pendingEvents();
        assertThat(events).contains(EventStruct.of(CpeRpcHandler.DU_STATE_CHANGE_COMPLETE),
                new EventStruct(CpeRpcHandler.M_CHANGE_DU_STATE, "du-1"));
        assertThat(cpe.requestsToSend(cpe.inform(events, 0))).singleElement().satisfies(r -> {
            DUStateChangeComplete d = (DUStateChangeComplete) r;
            assertThat(d.commandKey()).isEqualTo("du-1");
            assertThat(d.results()).singleElement().satisfies(res -> assertThat(res.currentState()).isEqualTo("Installed"));
        });
    }
}
