package io.lodestar.acs.store.codec;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.operation.OperationStatus;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.task.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operation record both stores keep. The golden records pin format 1 byte for byte: once a store holds
 * operations, format 1 must stay readable, so a change to the encoding needs a new format byte, not an edit of these.
 */
class OperationEncodingTest {

    private static final Instant T = Instant.parse("2025-03-01T10:15:30.123456789Z");
    private static final HexFormat HEX = HexFormat.of();

    /** A completed reboot: every field set, the kind by name (REBOOT), the status as tag 2. */
    private static final String GOLDEN_ENDED = "010000002430313930613030302d303030302d373030302d383030302d303030"
            + "30303030303030303100000003646576000000065245424f4f5400000004c3bc2d3102010000000067c2de42075bcd150100"
            + "00000067c2ec52075bcd15010000000067c2de7e075bcd15";
    /** A factory reset in progress: empty command key, status tag 1, no end. */
    private static final String GOLDEN_IN_PROGRESS = "010000002430313930613030302d303030302d373030302d383030302d30"
            + "3030303030303030303032000000036465760000000d464143544f52595f52455345540000000001010000000067c2de4207"
            + "5bcd15010000000067c2ec52075bcd1500";

    /** A failed firmware download: format 2, kind DOWNLOAD, status tag 4, then version, times and fault. */
    private static final String GOLDEN_V2_FAILED = "020000002430313930613030302d303030302d373030302d383030302d30303030303030303030303300000003646576"
            + "00000008444f574e4c4f41440000000466772d3104010000000067c2de42075bcd15010000000067c2fa62075bcd1501"
            + "0000000067c2de60075bcd1500000003322e30010000000067c2de4c075bcd15010000000067c2de56075bcd15000023"
            + "38000000084854545020343034";

    private static Operation failedDownload() {
        return Operation.startTransfer(new TaskId("0190a000-0000-7000-8000-000000000003"), new DeviceId("dev"),
                        OperationKind.DOWNLOAD, "fw-1", "2.0", T, T.plusSeconds(7200))
                .afterTransferReport(new FaultStruct(9016, "HTTP 404"), T.plusSeconds(10), T.plusSeconds(20), "1.0",
                        false, T.plusSeconds(30));
    }

    @Test
    void formatTwoIsPinnedAndRebootsKeepFormatOne() {
        assertThat(OperationEncoding.decode(HEX.parseHex(GOLDEN_V2_FAILED))).isEqualTo(failedDownload());
        assertThat(HEX.formatHex(OperationEncoding.encode(failedDownload()))).isEqualTo(GOLDEN_V2_FAILED);
        assertThat(OperationEncoding.encode(ended())[0]).as("no transfer details: format 1").isEqualTo((byte) 1);
    }

    @Test
    void transferOperationsRoundTripInEveryStatus() {
        Operation started = Operation.startTransfer(TaskId.create(T), new DeviceId("d"), OperationKind.UPLOAD, "up", "",
                T, T.plusSeconds(60));
        for (Operation o : new Operation[] {started, started.completed(T), started.timedOut(T), started.cancelled(T),
                started.failed(new FaultStruct(9010, "Download failure ü"), T),
                started.withTransferReport(T, null, FaultStruct.NONE)}) {
            assertThat(OperationEncoding.decode(OperationEncoding.encode(o))).isEqualTo(o);
        }
    }

    @Test
    void whatADeviceStartedOrAskedForIsFormatThreeAndRoundTrips() {
        Operation autonomous = Operation.deviceInitiated(TaskId.create(T), new DeviceId("d"),
                OperationKind.AUTONOMOUS_TRANSFER, new io.lodestar.acs.core.operation.DeviceInitiated(
                        "1 Firmware Upgrade Image", "http://x/fw.bin", true, 1234, "fw.bin", List.of()),
                T, T.plusSeconds(5), new FaultStruct(9010, "Download failure"), T.plusSeconds(9));
        Operation asked = Operation.deviceInitiated(TaskId.create(T), new DeviceId("d"),
                OperationKind.REQUEST_DOWNLOAD, new io.lodestar.acs.core.operation.DeviceInitiated(
                        "3 Vendor Configuration File", "", true, 0, "", List.of("Version=2", "ü=☕")),
                null, null, null, T);

        for (Operation o : new Operation[] {autonomous, asked}) {
            byte[] bytes = OperationEncoding.encode(o);
            assertThat(bytes[0]).isEqualTo((byte) 3);
            assertThat(OperationEncoding.decode(bytes)).isEqualTo(o);
        }
        assertThat(autonomous.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(asked.status()).isEqualTo(OperationStatus.COMPLETED);
    }

    private static Operation ended() {
        return new Operation(new TaskId("0190a000-0000-7000-8000-000000000001"), new DeviceId("dev"),
                OperationKind.REBOOT, "ü-1", OperationStatus.COMPLETED, T, T.plusSeconds(3600), T.plusSeconds(60));
    }

    private static Operation inProgress() {
        return Operation.start(new TaskId("0190a000-0000-7000-8000-000000000002"), new DeviceId("dev"),
                OperationKind.FACTORY_RESET, "", T, Duration.ofHours(1));
    }

    @Test
    void formatOneIsPinned() {
        assertThat(OperationEncoding.decode(HEX.parseHex(GOLDEN_ENDED))).isEqualTo(ended());
        assertThat(HEX.formatHex(OperationEncoding.encode(ended()))).isEqualTo(GOLDEN_ENDED);
        assertThat(OperationEncoding.decode(HEX.parseHex(GOLDEN_IN_PROGRESS))).isEqualTo(inProgress());
        assertThat(HEX.formatHex(OperationEncoding.encode(inProgress()))).isEqualTo(GOLDEN_IN_PROGRESS);
    }

    @Test
    void everyKindStatusAndFieldRoundTrips() {
        Instant early = Instant.ofEpochSecond(-1_000_000_000L, 1);
        for (OperationKind kind : OperationKind.values()) {
            for (String key : new String[] {"", "cmd-42", "Neustart ☕ \uD83D\uDE80", "a\u0000b"}) {
                Operation started = Operation.start(TaskId.create(T), new DeviceId("dév ü"), kind, key, early,
                        Duration.ofNanos(999_999_999));
                for (Operation o : new Operation[] {started, started.completed(T), started.timedOut(T.plusNanos(7)),
                        new Operation(started.taskId(), started.deviceId(), kind, key, OperationStatus.COMPLETED,
                                T, T, null)}) {
                    assertThat(OperationEncoding.decode(OperationEncoding.encode(o))).isEqualTo(o);
                }
            }
        }
    }

    @Test
    void aBufferIsReadFromItsPositionAndNotMoved() {
        byte[] record = HEX.parseHex(GOLDEN_ENDED);
        byte[] framed = new byte[record.length + 5];
        System.arraycopy(record, 0, framed, 3, record.length);
        ByteBuffer buffer = ByteBuffer.wrap(framed, 3, record.length);
        assertThat(OperationEncoding.decode(buffer)).isEqualTo(ended());
        assertThat(buffer.position()).isEqualTo(3);
    }

    @Test
    void anUnknownFormatKindOrStatusFailsLoudly() {
        byte[] future = HEX.parseHex(GOLDEN_ENDED);
        future[0] = 4;
        assertThatThrownBy(() -> OperationEncoding.decode(future)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read stored operation").hasMessageContaining("unknown record format 4");

        String laterKind = GOLDEN_ENDED.replace("000000065245424f4f54", "00000006" + HEX.formatHex("BURNIT".getBytes()));
        assertThatThrownBy(() -> OperationEncoding.decode(HEX.parseHex(laterKind)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown operation kind BURNIT");

        byte[] status = HEX.parseHex(GOLDEN_ENDED);
        int at = GOLDEN_ENDED.indexOf("c3bc2d31") / 2 + 4;
        assertThat(status[at]).isEqualTo((byte) 2);
        status[at] = 9;
        assertThatThrownBy(() -> OperationEncoding.decode(status)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown operation status 9");
    }

    @Test
    void aTruncatedRecordIsReportedAsCorrupt() {
        byte[] whole = HEX.parseHex(GOLDEN_ENDED);
        for (int len = 0; len < whole.length; len++) {
            byte[] cut = Arrays.copyOf(whole, len);
            assertThatThrownBy(() -> OperationEncoding.decode(cut)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot read stored operation");
        }
    }
}
