package io.lodestar.acs.codec;

import io.lodestar.acs.core.rpc.*;
import java.util.List;
import java.util.Set;

/**
 * One schema-valid instance of every message record, with values chosen to exercise the encoder: escaping,
 * typed values, empty strings, arrays of zero, one and several items, every optional header field.
 */
final class Samples {

    private Samples() {}

    static final String UUID = "5f4b7d2e-3c1a-5e6f-8a9b-0c1d2e3f4a5b";

    static List<CwmpMessage> all() {
        List<ParameterValueStruct> values = List.of(
                ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", "2.4.0-r1123"),
                new ParameterValueStruct("Device.DeviceInfo.UpTime", "4294967295", "xsd:unsignedInt"),
                new ParameterValueStruct("Device.WiFi.SSID.1.Enable", "1", "xsd:boolean"),
                new ParameterValueStruct("Device.Time.CurrentLocalTime", "0001-01-01T00:00:00Z", "xsd:dateTime"),
                new ParameterValueStruct("Device.X_00D09E_Blob.Data", "SGVsbG8sIEFDUyE=", "xsd:base64Binary"),
                new ParameterValueStruct("Device.WiFi.Radio.1.TransmitPower", "-1", "xsd:int"),
                ParameterValueStruct.string("Device.WiFi.SSID.1.SSID", "Caf\u00e9 & Bar <5G> \"q\" 'a' \u20ac\uD83D\uDE00"),
                ParameterValueStruct.string("Device.DeviceInfo.ProvisioningCode", ""));
        FaultStruct failed = new FaultStruct(9010, "Download failed: <timeout> & retry");
        return List.of(
                // ACS requests
                new GetRPCMethods(),
                new GetParameterNames("Device.", true),
                new GetParameterValues(List.of("Device.DeviceInfo.", "Device.ManagementServer.URL")),
                new SetParameterValues(values, "key-1"),
                new GetParameterAttributes(List.of("Device.DeviceInfo.SoftwareVersion")),
                new SetParameterAttributes(List.of(
                        new SetParameterAttributesStruct("Device.DeviceInfo.SoftwareVersion", true, 2, true,
                                List.of("Subscriber")),
                        new SetParameterAttributesStruct("Device.WiFi.", false, 0, false, List.of()))),
                new AddObject("Device.NAT.PortMapping.", "pk"),
                new DeleteObject("Device.NAT.PortMapping.3.", ""),
                new Reboot("reboot-42"),
                new FactoryReset(),
                new Download("fw-2.4.1", "1 Firmware Upgrade Image", "https://fw.example.net/a.bin?x=1&y=2", "cpe",
                        "s3cr&t", 18874368, "a.bin", 0, "", ""),
                new Upload("up-1", "2 Vendor Log File", "http://logs.example.net/up", "", "", 30),
                new ScheduleInform(3600, "si-1"),
                new GetAllQueuedTransfers(),
                new CancelTransfer("fw-2.4.1"),
                new ScheduleDownload("sd-1", "3 Vendor Configuration File", "http://cfg.example.net/p.xml?a=1&b=2",
                        "cpe", "pw", 4096, "p.xml", List.of(
                                new TimeWindowStruct(0, 3600, TimeWindowStruct.AT_ANY_TIME, "", -1),
                                new TimeWindowStruct(7200, 10800, "4 Confirmation Needed", "Update <now>?", 3))),
                new GetQueuedTransfers(),
                new ChangeDUState(List.of(
                        new DeploymentUnitOperation.Install("http://du.example.net/app.ipk", UUID, "u", "p", ""),
                        new DeploymentUnitOperation.Update(UUID, "1.3.0", "", "", ""),
                        new DeploymentUnitOperation.Uninstall(UUID, "", "Device.SoftwareModules.ExecEnv.1")),
                        "cdus-77"),
                // CPE responses
                new GetRPCMethodsResponse(List.of("GetRPCMethods", "GetParameterValues", "Download")),
                new GetParameterNamesResponse(List.of(new ParameterInfoStruct("Device.DeviceInfo.", false),
                        new ParameterInfoStruct("Device.DeviceInfo.ProvisioningCode", true))),
                new GetParameterValuesResponse(values),
                new SetParameterValuesResponse(1),
                new GetParameterAttributesResponse(List.of(
                        new ParameterAttributeStruct("Device.DeviceInfo.SoftwareVersion", 2, List.of()),
                        new ParameterAttributeStruct("Device.WiFi.SSID.1.SSID", 1, List.of("Subscriber")))),
                new SetParameterAttributesResponse(),
                new AddObjectResponse(4, 0),
                new DeleteObjectResponse(1),
                new RebootResponse(),
                new FactoryResetResponse(),
                new DownloadResponse(1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
                new UploadResponse(0, "2024-05-01T03:00:04Z", "2024-05-01T03:02:51+02:00"),
                new ScheduleInformResponse(),
                new GetAllQueuedTransfersResponse(List.of(
                        new QueuedTransferStruct("fw-2.4.1", 2, true, "1 Firmware Upgrade Image", 18874368, ""),
                        new QueuedTransferStruct("", 1, false, "4 Vendor Log File", 0, "syslog.txt"))),
                new CancelTransferResponse(),
                new ScheduleDownloadResponse(),
                new GetQueuedTransfersResponse(List.of(new TransferStateStruct("fw-2.4.1", 2),
                        new TransferStateStruct("", 1))),
                new ChangeDUStateResponse(),
                // CPE requests
                new Inform(new DeviceIdStruct("Example Networks", "00D09E", "EX-GW2", "EXGW2-000123"),
                        List.of(EventStruct.of(EventStruct.BOOT), new EventStruct(EventStruct.M_REBOOT, "reboot-42")),
                        1, "2024-05-01T10:15:30+02:00", 0, values),
                new TransferComplete("fw-2.4.1", failed, "2024-05-01T03:00:04Z", "2024-05-01T03:02:51Z"),
                new AutonomousTransferComplete("", "http://fw.example.net/ex-gw2/2.4.1.bin", true,
                        "1 Firmware Upgrade Image", 18874368, "", FaultStruct.NONE, "2024-05-01T03:00:04Z",
                        "2024-05-01T03:02:51Z"),
                new RequestDownload("2 Web Content", List.of(new ArgStruct("Version", "v2.0"))),
                new DUStateChangeComplete("cdus-77", List.of(
                        new OpResultStruct(UUID, "Device.SoftwareModules.DeploymentUnit.3", "1.2.0", "Installed",
                                true, "2024-05-01T04:00:00Z", "2024-05-01T04:00:09Z", FaultStruct.NONE),
                        new OpResultStruct(UUID.replace('5', '6'), "", "", "Failed", false, "2024-05-01T04:00:00Z",
                                "2024-05-01T04:00:09Z", new FaultStruct(9018, "bad package")))),
                new CpeGetRPCMethods(),
                new Kicked("reset", "http://portal.example.net/a", "x=1&y=<2>", "http://portal.example.net/done"),
                new AutonomousDUStateChangeComplete(List.of(new AutonOpResultStruct(
                        new OpResultStruct(UUID, "Device.SoftwareModules.DeploymentUnit.4", "2.0", "Installed", true,
                                "2024-05-01T04:00:00Z", "2024-05-01T04:00:09Z", FaultStruct.NONE), "Install"))),
                // ACS responses
                new InformResponse(1),
                new TransferCompleteResponse(),
                new AutonomousTransferCompleteResponse(),
                new RequestDownloadResponse(),
                new DUStateChangeCompleteResponse(),
                new KickedResponse("http://portal.example.net/done"),
                new AutonomousDUStateChangeCompleteResponse(),
                new AcsGetRPCMethodsResponse(List.of("Inform", "GetRPCMethods", "TransferComplete")),
                // either side
                new CwmpFault("Client", 9003, "Invalid arguments", List.of(
                        new CwmpFault.SetParameterValuesFault("Device.Time.LocalTimeZone", 9007, "Not a valid <tz>"),
                        new CwmpFault.SetParameterValuesFault("Device.Time.NTPServer1", 9008, ""))),
                CwmpFault.acs(CwmpFault.INTERNAL_ERROR, "Internal error"),
                new UnknownMethod("X_ACME_Frobnicate", "urn:acme-com:cwmp-ext-1"));
    }

    private static final Set<String> SINCE_1_1 = Set.of("GetAllQueuedTransfers", "GetAllQueuedTransfersResponse",
            "AutonomousTransferComplete", "AutonomousTransferCompleteResponse");
    private static final Set<String> SINCE_1_2 = Set.of("CancelTransfer", "CancelTransferResponse",
            "DUStateChangeComplete", "DUStateChangeCompleteResponse", "ScheduleDownload", "ScheduleDownloadResponse",
            "ChangeDUState", "ChangeDUStateResponse", "AutonomousDUStateChangeComplete",
            "AutonomousDUStateChangeCompleteResponse");

    /** Whether the version's schema has the message's element. */
    static boolean existsIn(CwmpMessage m, CwmpVersion v) {
        if (SINCE_1_2.contains(m.methodName())) {
            return v.compareTo(CwmpVersion.V1_2) >= 0;
        }
        if (SINCE_1_1.contains(m.methodName())) {
            return v.compareTo(CwmpVersion.V1_1) >= 0;
        }
        return true;
    }

    /** Whether the ACS sends this message, so the CPE side decodes it. */
    static boolean fromAcs(CwmpMessage m) {
        return m instanceof CwmpMessage.AcsRequest || m instanceof CwmpMessage.AcsResponse;
    }

    /**
     * A header using every field the version has, as its sender would, so that the version survives the
     * round trip: 1.3 is only recognisable by SessionTimeout, 1.4 by its negotiation headers.
     */
    static CwmpHeader header(CwmpVersion v, boolean fromAcs) {
        String id = "id-" + v.label() + "-&<x>";
        return switch (v) {
            case V1_0 -> fromAcs ? new CwmpHeader(id, true, null, null, null, null)
                    : new CwmpHeader(id, null, true, null, null, null);
            case V1_1 -> fromAcs ? new CwmpHeader(id, false, null, null, null, null) : CwmpHeader.withId(id);
            case V1_2 -> CwmpHeader.withId(id);
            case V1_3 -> fromAcs ? new CwmpHeader(id, true, null, 45, null, null)
                    : new CwmpHeader(id, null, null, 45, null, null);
            case V1_4 -> fromAcs ? new CwmpHeader(id, true, null, null, null, "1.4")
                    : new CwmpHeader(id, null, null, 30, "1.0,1.1,1.2,1.3,1.4", null);
        };
    }
}
