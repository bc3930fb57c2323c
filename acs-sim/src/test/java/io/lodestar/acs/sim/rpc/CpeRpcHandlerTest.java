package io.lodestar.acs.sim.rpc;

import io.lodestar.acs.core.rpc.AddObject;
import io.lodestar.acs.core.rpc.AddObjectResponse;
import io.lodestar.acs.core.rpc.CancelTransfer;
import io.lodestar.acs.core.rpc.CancelTransferResponse;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.DeleteObject;
import io.lodestar.acs.core.rpc.DeleteObjectResponse;
import io.lodestar.acs.core.rpc.Download;
import io.lodestar.acs.core.rpc.DownloadResponse;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.FactoryReset;
import io.lodestar.acs.core.rpc.FactoryResetResponse;
import io.lodestar.acs.core.rpc.GetAllQueuedTransfers;
import io.lodestar.acs.core.rpc.GetAllQueuedTransfersResponse;
import io.lodestar.acs.core.rpc.GetParameterAttributes;
import io.lodestar.acs.core.rpc.GetParameterAttributesResponse;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.GetRPCMethods;
import io.lodestar.acs.core.rpc.GetRPCMethodsResponse;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.ParameterAttributeStruct;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.QueuedTransferStruct;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.RebootResponse;
import io.lodestar.acs.core.rpc.ScheduleInform;
import io.lodestar.acs.core.rpc.ScheduleInformResponse;
import io.lodestar.acs.core.rpc.SetParameterAttributes;
import io.lodestar.acs.core.rpc.SetParameterAttributesResponse;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.core.rpc.TransferComplete;
import io.lodestar.acs.core.rpc.UnknownMethod;
import io.lodestar.acs.core.rpc.Upload;
import io.lodestar.acs.core.rpc.UploadResponse;
import io.lodestar.acs.sim.Conformance;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.model.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CpeRpcHandlerTest {

    private static final String IGD = "InternetGatewayDevice.";
    private static final String LINES = "Device.Services.VoiceService.1.VoiceProfile.1.Line.";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private static DataModel gatewayTemplate;
    private DataModel gateway;
    private CpeRpcHandler gw;
    private DataModel phone;
    private CpeRpcHandler ph;

    @BeforeAll
    static void loadCsv() throws IOException {
        gatewayTemplate = DataModel.fromCsv(Conformance.gatewayCsv());
    }

    @BeforeEach
    void setUp() {
        gateway = gatewayTemplate.copy();
        gw = new CpeRpcHandler(gateway, CLOCK);
        phone = DataModel.ipPhone("FCH0000T001");
        ph = new CpeRpcHandler(phone, CLOCK);
    }

    private static CwmpFault fault(CwmpMessage m, int code) {
        assertThat(m).isInstanceOf(CwmpFault.class);
        CwmpFault f = (CwmpFault) m;
        assertThat(f.faultCode()).as(f.faultString()).isEqualTo(code);
        return f;
    }

    private static List<String> names(CwmpMessage m) {
        assertThat(m).isInstanceOf(GetParameterNamesResponse.class);
        return ((GetParameterNamesResponse) m).parameterList().stream().map(ParameterInfoStruct::name).toList();
    }

    private static List<ParameterValueStruct> values(CwmpMessage m) {
        assertThat(m).isInstanceOf(GetParameterValuesResponse.class);
        return ((GetParameterValuesResponse) m).parameterList();
    }

    private static ParameterValueStruct pv(String name, String value) {
        return ParameterValueStruct.string(name, value);
    }

    @Test
    void getRpcMethodsListsWhatTheCpeAnswers() {
        CwmpMessage m = gw.handle(new GetRPCMethods());
        assertThat(m).isInstanceOf(GetRPCMethodsResponse.class);
        assertThat(((GetRPCMethodsResponse) m).methodList())
                .contains("GetParameterNames", "SetParameterValues", "AddObject", "Reboot", "Download")
                .doesNotHaveDuplicates();
    }

    @Test
    void unknownMethodsAreFault9000() {
        CwmpFault f = fault(gw.handle(new UnknownMethod("ScheduleDownload", "urn:dslforum-org:cwmp-1-2")), 9000);
        assertThat(f.soapFaultCode()).isEqualTo("Server");
        fault(gw.handle(new InformResponse(1)), 9000);
    }

    @Nested
    class GetParameterNamesSemantics {

        @Test
        void emptyPathNextLevelIsTheRootObject() {
            CwmpMessage m = gw.handle(new GetParameterNames("", true));
            assertThat(((GetParameterNamesResponse) m).parameterList())
                    .containsExactly(new ParameterInfoStruct(IGD, false));
        }

        @Test
        void emptyPathWholeTree() {
            assertThat(names(gw.handle(new GetParameterNames("", false)))).hasSize(1002).startsWith(IGD);
        }

        @Test
        void objectNextLevelGivesDirectChildrenOnly() {
            List<String> names = names(gw.handle(new GetParameterNames(IGD, true)));
            assertThat(names).contains(IGD + "DeviceInfo.", IGD + "ManagementServer.", IGD + "LANDevice.",
                    IGD + "DeviceSummary", IGD + "LANDeviceNumberOfEntries");
            assertThat(names).doesNotContain(IGD, IGD + "DeviceInfo.SoftwareVersion", IGD + "LANDevice.1.");
            assertThat(names).allSatisfy(n -> {
                String rest = n.substring(IGD.length());
                assertThat(rest.endsWith(".") ? rest.substring(0, rest.length() - 1) : rest).doesNotContain(".");
            });
        }

        @Test
        void instancesAreObjectsWithTheirDot() {
            assertThat(names(gw.handle(new GetParameterNames(IGD + "LANDevice.1.Hosts.Host.", true))))
                    .containsExactly(IGD + "LANDevice.1.Hosts.Host.1.", IGD + "LANDevice.1.Hosts.Host.2.",
                            IGD + "LANDevice.1.Hosts.Host.3.", IGD + "LANDevice.1.Hosts.Host.4.",
                            IGD + "LANDevice.1.Hosts.Host.5.", IGD + "LANDevice.1.Hosts.Host.6.");
        }

        @Test
        void objectWholeSubtreeIncludesTheObjectItself() {
            List<ParameterInfoStruct> list = ((GetParameterNamesResponse) gw.handle(
                    new GetParameterNames(IGD + "ManagementServer.", false))).parameterList();
            assertThat(list.get(0)).isEqualTo(new ParameterInfoStruct(IGD + "ManagementServer.", false));
            assertThat(list).hasSize(11).contains(
                    new ParameterInfoStruct(IGD + "ManagementServer.URL", true),
                    new ParameterInfoStruct(IGD + "ManagementServer.ParameterKey", false));
        }

        @Test
        void fullParameterPath() {
            assertThat(names(gw.handle(new GetParameterNames(IGD + "DeviceInfo.SoftwareVersion", false))))
                    .containsExactly(IGD + "DeviceInfo.SoftwareVersion");
            fault(gw.handle(new GetParameterNames(IGD + "DeviceInfo.SoftwareVersion", true)), 9003);
        }

        @Test
        void unknownPathsAreFault9005() {
            CwmpFault f = fault(gw.handle(new GetParameterNames(IGD + "NoSuchObject.", true)), 9005);
            assertThat(f.soapFaultCode()).isEqualTo("Client");
            fault(gw.handle(new GetParameterNames(IGD + "DeviceInfo", true)), 9005); // object without its dot
            fault(gw.handle(new GetParameterNames("Device.", false)), 9005);
        }
    }

    @Nested
    class GetParameterValuesSemantics {

        @Test
        void namedParametersInRequestOrder() {
            List<ParameterValueStruct> v = values(gw.handle(new GetParameterValues(List.of(
                    IGD + "ManagementServer.PeriodicInformInterval", IGD + "DeviceInfo.UpTime"))));
            assertThat(v).containsExactly(
                    new ParameterValueStruct(IGD + "ManagementServer.PeriodicInformInterval", "300", "xsd:unsignedInt"),
                    new ParameterValueStruct(IGD + "DeviceInfo.UpTime", "213138", "xsd:unsignedInt"));
        }

        @Test
        void objectPathsExpandToEveryParameterBelow() {
            List<ParameterValueStruct> v = values(gw.handle(new GetParameterValues(List.of(IGD + "DeviceInfo."))));
            long expected = gateway.subtree(IGD + "DeviceInfo.").stream().filter(n -> !n.isObject()).count();
            assertThat(v).hasSize((int) expected).noneMatch(p -> p.name().endsWith("."))
                    .anyMatch(p -> p.name().equals(IGD + "DeviceInfo.X_HUAWEI_ServiceManage.TelnetPort")
                            && p.type().equals("xsd:int") && p.value().equals("23"));
            assertThat(values(gw.handle(new GetParameterValues(List.of(""))))).hasSize(gateway.parameterCount());
        }

        @Test
        void anyUnknownNameFailsTheRequest() {
            CwmpFault f = fault(gw.handle(new GetParameterValues(List.of(IGD + "DeviceInfo.UpTime", IGD + "Nope"))), 9005);
            assertThat(f.faultString()).contains(IGD + "Nope");
        }

        @Test
        void phonePasswordsReadBackEmpty() {
            List<ParameterValueStruct> v = values(ph.handle(new GetParameterValues(List.of(LINES + "1.SIP."))));
            assertThat(v).anySatisfy(p -> {
                assertThat(p.name()).isEqualTo(LINES + "1.SIP.AuthPassword");
                assertThat(p.value()).isEmpty();
            });
            assertThat(phone.value(LINES + "1.SIP.AuthPassword")).hasValueSatisfying(s -> assertThat(s).isNotEmpty());
            // the dumped gateway returned its passwords: replay it as it was
            assertThat(values(gw.handle(new GetParameterValues(List.of(IGD + "ManagementServer.ConnectionRequestPassword")))))
                    .extracting(ParameterValueStruct::value).containsExactly("69t0mkjya1");
        }
    }

    @Nested
    class SetParameterValuesSemantics {

        @Test
        void setsValuesAndTheParameterKey() {
            CwmpMessage m = gw.handle(new SetParameterValues(List.of(
                    new ParameterValueStruct(IGD + "ManagementServer.PeriodicInformInterval", "60", "xsd:unsignedInt"),
                    pv(IGD + "ManagementServer.PeriodicInformEnable", "false"),
                    pv(IGD + "DeviceInfo.ProvisioningCode", "LAB")), "key-1"));
            assertThat(m).isEqualTo(new SetParameterValuesResponse(0));
            assertThat(gateway.value(IGD + "ManagementServer.PeriodicInformInterval")).contains("60");
            assertThat(gateway.value(IGD + "ManagementServer.PeriodicInformEnable")).contains("false");
            assertThat(gateway.value(IGD + "ManagementServer.ParameterKey")).contains("key-1");
            assertThat(values(gw.handle(new GetParameterValues(List.of(IGD + "DeviceInfo.ProvisioningCode")))))
                    .extracting(ParameterValueStruct::value).containsExactly("LAB");
        }

        @Test
        void isAtomicAndReportsEveryBadParameter() {
            List<Node> before = gateway.nodes();
            CwmpMessage m = gw.handle(new SetParameterValues(List.of(
                    pv(IGD + "ManagementServer.PeriodicInformInterval", "120"),            // fine
                    pv(IGD + "ManagementServer.NoSuchThing", "1"),                       // 9005
                    pv(IGD + "DeviceInfo.SoftwareVersion", "V2"),                        // 9008
                    pv(IGD + "ManagementServer.PeriodicInformEnable", "yes"),            // 9007
                    pv(IGD + "DeviceInfo.X_HUAWEI_ServiceManage.TelnetPort", "99999999999"), // 9007 (int range)
                    pv(IGD + "ManagementServer.", "x")), "key-2"));                       // 9005 (object)
            CwmpFault f = fault(m, 9003);
            assertThat(f.setParameterValuesFaults()).extracting(CwmpFault.SetParameterValuesFault::parameterName,
                    CwmpFault.SetParameterValuesFault::faultCode).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(IGD + "ManagementServer.NoSuchThing", 9005),
                    org.assertj.core.groups.Tuple.tuple(IGD + "DeviceInfo.SoftwareVersion", 9008),
                    org.assertj.core.groups.Tuple.tuple(IGD + "ManagementServer.PeriodicInformEnable", 9007),
                    org.assertj.core.groups.Tuple.tuple(IGD + "DeviceInfo.X_HUAWEI_ServiceManage.TelnetPort", 9007),
                    org.assertj.core.groups.Tuple.tuple(IGD + "ManagementServer.", 9005));
            assertThat(gateway.nodes()).isEqualTo(before);
            assertThat(gateway.value(IGD + "ManagementServer.ParameterKey")).contains("");
        }

        @Test
        void typeChecks() {
            String interval = IGD + "ManagementServer.PeriodicInformInterval";
            fault(gw.handle(new SetParameterValues(List.of(pv(interval, "-1")), "")), 9003);
            fault(gw.handle(new SetParameterValues(List.of(pv(interval, "4294967296")), "")), 9003);
            fault(gw.handle(new SetParameterValues(List.of(pv(interval, "ten")), "")), 9003);
            assertThat(gw.handle(new SetParameterValues(List.of(pv(interval, "4294967295")), ""))).isInstanceOf(SetParameterValuesResponse.class);
            String enable = IGD + "ManagementServer.PeriodicInformEnable";
            assertThat(gw.handle(new SetParameterValues(List.of(pv(enable, "1")), ""))).isInstanceOf(SetParameterValuesResponse.class);
            fault(gw.handle(new SetParameterValues(List.of(pv(enable, "TRUE ")), "")), 9003);
            String time = "Device.ManagementServer.PeriodicInformTime";
            assertThat(ph.handle(new SetParameterValues(List.of(pv(time, "2025-01-01T03:00:00Z")), ""))).isInstanceOf(SetParameterValuesResponse.class);
            assertThat(ph.handle(new SetParameterValues(List.of(pv(time, "2025-01-01T03:00:00.5+02:00")), ""))).isInstanceOf(SetParameterValuesResponse.class);
            fault(ph.handle(new SetParameterValues(List.of(pv(time, "yesterday")), "")), 9003);
            fault(ph.handle(new SetParameterValues(List.of(pv(time, "2025-13-01T03:00:00Z")), "")), 9003);
            String vlan = "Device.Services.VoiceService.1.VoiceProfile.1.SIP.VLANIDMark";
            assertThat(ph.handle(new SetParameterValues(List.of(pv(vlan, "-1")), ""))).isInstanceOf(SetParameterValuesResponse.class);
        }

        @Test
        void aNameTwiceIsInvalidArguments() {
            String interval = IGD + "ManagementServer.PeriodicInformInterval";
            CwmpFault f = fault(gw.handle(new SetParameterValues(List.of(pv(interval, "1"), pv(interval, "2")), "")), 9003);
            assertThat(f.setParameterValuesFaults()).isEmpty();
            assertThat(gateway.value(interval)).contains("300");
        }
    }

    @Nested
    class Attributes {

        @Test
        void defaultsAndForcedActiveNotification() {
            CwmpMessage m = ph.handle(new GetParameterAttributes(List.of(
                    "Device.ManagementServer.PeriodicInformInterval", "Device.DeviceInfo.SoftwareVersion")));
            assertThat(((GetParameterAttributesResponse) m).parameterList()).containsExactly(
                    new ParameterAttributeStruct("Device.ManagementServer.PeriodicInformInterval", 0, List.of()),
                    new ParameterAttributeStruct("Device.DeviceInfo.SoftwareVersion", 2, List.of()));
        }

        @Test
        void setThenGet() {
            CwmpMessage m = ph.handle(new SetParameterAttributes(List.of(
                    new SetParameterAttributesStruct("Device.Time.", true, 1, false, List.of()),
                    new SetParameterAttributesStruct("Device.Time.NTPServer1", true, 2, true, List.of("Subscriber")))));
            assertThat(m).isInstanceOf(SetParameterAttributesResponse.class);
            List<ParameterAttributeStruct> list = ((GetParameterAttributesResponse) ph.handle(
                    new GetParameterAttributes(List.of("Device.Time.")))).parameterList();
            assertThat(list).contains(
                    new ParameterAttributeStruct("Device.Time.NTPServer1", 2, List.of("Subscriber")),
                    new ParameterAttributeStruct("Device.Time.NTPServer2", 1, List.of()),
                    new ParameterAttributeStruct("Device.Time.Enable", 1, List.of()));
            // a constantly changing parameter inside a partial path keeps its attributes
            assertThat(list).contains(new ParameterAttributeStruct("Device.Time.CurrentLocalTime", 1, List.of()));
        }

        @Test
        void rejectionsAndAtomicity() {
            fault(ph.handle(new SetParameterAttributes(List.of(
                    new SetParameterAttributesStruct("Device.DeviceInfo.SoftwareVersion", true, 0, false, List.of())))), 9009);
            fault(ph.handle(new SetParameterAttributes(List.of(
                    new SetParameterAttributesStruct("Device.DeviceInfo.UpTime", true, 2, false, List.of())))), 9009);
            fault(ph.handle(new SetParameterAttributes(List.of(
                    new SetParameterAttributesStruct("Device.Time.Enable", true, 9, false, List.of())))), 9003);
            fault(ph.handle(new SetParameterAttributes(List.of(
                    new SetParameterAttributesStruct("Device.Time.Enable", true, 1, false, List.of()),
                    new SetParameterAttributesStruct("Device.Nope", true, 1, false, List.of())))), 9005);
            assertThat(phone.attributes("Device.Time.Enable").notification()).isZero();
            fault(ph.handle(new GetParameterAttributes(List.of("Device.Nope."))), 9005);
        }
    }

    @Nested
    class Objects {

        @Test
        void addObjectClonesAnInstanceWithDefaults() {
            CwmpMessage m = ph.handle(new AddObject(LINES, "add-1"));
            assertThat(m).isEqualTo(new AddObjectResponse(3, 0));
            assertThat(phone.value("Device.ManagementServer.ParameterKey")).contains("add-1");
            assertThat(names(ph.handle(new GetParameterNames(LINES + "3.", true))))
                    .contains(LINES + "3.Enable", LINES + "3.DirectoryNumber", LINES + "3.SIP.", LINES + "3.CallingFeatures.");
            assertThat(values(ph.handle(new GetParameterValues(List.of(LINES + "3.DirectoryNumber",
                    LINES + "3.CallingFeatures.MaxSessions", LINES + "3.CallingFeatures.CallWaitingEnable")))))
                    .extracting(ParameterValueStruct::value).containsExactly("", "0", "false");
            assertThat(ph.handle(new SetParameterValues(List.of(pv(LINES + "3.DirectoryNumber", "4085550199")), "")))
                    .isEqualTo(new SetParameterValuesResponse(0));
            assertThat(ph.handle(new AddObject(LINES, ""))).isEqualTo(new AddObjectResponse(4, 0));
        }

        @Test
        void addObjectOnTheGatewayTables() {
            String pools = IGD + "LANDevice.1.LANHostConfigManagement.DHCPConditionalServingPool.";
            assertThat(gw.handle(new AddObject(pools, "k"))).isEqualTo(new AddObjectResponse(5, 0));
            assertThat(gateway.subtree(pools + "5.").size()).isEqualTo(gateway.subtree(pools + "1.").size());
            // a writable table without instances gets an empty instance
            String statics = IGD + "LANDevice.1.LANHostConfigManagement.DHCPStaticAddress.";
            assertThat(gw.handle(new AddObject(statics, "k"))).isEqualTo(new AddObjectResponse(1, 0));
            assertThat(gateway.subtree(statics + "1.")).extracting(Node::path).containsExactly(statics + "1.");
        }

        @Test
        void addObjectFaults() {
            fault(gw.handle(new AddObject(IGD + "LANDevice.1.Hosts.Host.", "")), 9001); // read-only table
            fault(gw.handle(new AddObject(IGD + "DeviceInfo.", "")), 9005);              // no table
            fault(gw.handle(new AddObject(IGD + "Nope.", "")), 9005);
            fault(gw.handle(new AddObject(IGD + "LANDevice.1.", "")), 9005);             // an instance
            fault(ph.handle(new AddObject(LINES.substring(0, LINES.length() - 1), "")), 9005);
            assertThat(gateway.value(IGD + "ManagementServer.ParameterKey")).contains("");
        }

        @Test
        void deleteObject() {
            assertThat(ph.handle(new DeleteObject(LINES + "2.", "del-1"))).isEqualTo(new DeleteObjectResponse(0));
            assertThat(phone.subtree(LINES + "2.")).isEmpty();
            assertThat(phone.value("Device.ManagementServer.ParameterKey")).contains("del-1");
            assertThat(phone.value("Device.Services.VoiceService.1.VoiceProfile.1.NumberOfLines")).contains("1");
            fault(ph.handle(new DeleteObject(LINES + "2.", "")), 9005);
            fault(ph.handle(new GetParameterValues(List.of(LINES + "2.DirectoryNumber"))), 9005);
            fault(ph.handle(new DeleteObject(LINES + "1.DirectoryNumber", "")), 9005);
            fault(ph.handle(new DeleteObject(LINES, "")), 9005);
            fault(gw.handle(new DeleteObject(IGD + "LANDevice.1.Hosts.Host.1.", "")), 9001);
            // max existing + 1
            assertThat(ph.handle(new AddObject(LINES, ""))).isEqualTo(new AddObjectResponse(2, 0));
        }
    }

    @Nested
    class Lifecycle {

        private Inform accept(CpeRpcHandler h) {
            Inform inform = h.inform(h.pendingEvents(), 0);
            h.informAccepted(inform);
            return inform;
        }

        @Test
        void freshCpeBootstrapsThenInformsPeriodically() {
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("0 BOOTSTRAP"), EventStruct.of("1 BOOT"));
            Inform first = accept(ph);
            assertThat(first.deviceId()).isEqualTo(phone.deviceId());
            assertThat(first.maxEnvelopes()).isEqualTo(1);
            assertThat(first.currentTime()).isEqualTo("2025-06-01T12:00:00Z");
            assertThat(first.parameterList()).extracting(ParameterValueStruct::name)
                    .containsExactlyElementsOf(phone.informParameterNames());
            ph.endSession();
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("2 PERIODIC"));
        }

        @Test
        void explicitEventsLeavePendingOnesPending() {
            Inform inform = ph.inform(List.of(EventStruct.of("6 CONNECTION REQUEST")), 0);
            ph.informAccepted(inform);
            ph.endSession();
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("0 BOOTSTRAP"), EventStruct.of("1 BOOT"));
        }

        @Test
        void rebootAfterTheSession() {
            accept(ph);
            assertThat(ph.handle(new Reboot("rb-7"))).isInstanceOf(RebootResponse.class);
            assertThat(ph.rebootPending()).isTrue();
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("2 PERIODIC")); // not before the session ends
            ph.endSession();
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("1 BOOT"), new EventStruct("M Reboot", "rb-7"));
            accept(ph);
            ph.endSession();
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("2 PERIODIC"));
        }

        @Test
        void factoryResetRestoresTheTreeAndBootstraps() {
            accept(ph);
            List<Node> initial = phone.nodes();
            ph.handle(new SetParameterValues(List.of(pv("Device.ManagementServer.PeriodicInformInterval", "60")), "k"));
            ph.handle(new AddObject(LINES, "k"));
            assertThat(ph.handle(new FactoryReset())).isInstanceOf(FactoryResetResponse.class);
            assertThat(phone.value("Device.ManagementServer.PeriodicInformInterval")).contains("60");
            ph.endSession();
            assertThat(phone.nodes()).isEqualTo(initial);
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("0 BOOTSTRAP"), EventStruct.of("1 BOOT"));
        }

        @Test
        void downloadCompletesAfterTheSessionAndIsReportedNext() {
            accept(ph);
            Download d = new Download("dl-1", "3 Vendor Configuration File", "http://files.example.com/cfg.xml",
                    "", "", 1234, "cfg.xml", 0, "", "");
            assertThat(ph.handle(d)).isEqualTo(new DownloadResponse(1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"));
            assertThat(ph.handle(new GetAllQueuedTransfers())).isEqualTo(new GetAllQueuedTransfersResponse(List.of(
                    new QueuedTransferStruct("dl-1", 1, true, "3 Vendor Configuration File", 1234, "cfg.xml"))));
            ph.endSession();
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("7 TRANSFER COMPLETE"), new EventStruct("M Download", "dl-1"));
            Inform inform = accept(ph);
            List<CwmpMessage.CpeRequest> requests = ph.requestsToSend(inform);
            assertThat(requests).hasSize(1);
            TransferComplete tc = (TransferComplete) requests.get(0);
            assertThat(tc.commandKey()).isEqualTo("dl-1");
            assertThat(tc.fault().isFault()).isFalse();
            assertThat(ph.handle(new GetAllQueuedTransfers())).isEqualTo(new GetAllQueuedTransfersResponse(List.of()));
            ph.requestAccepted(tc);
            ph.endSession();
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("2 PERIODIC"));
        }

        @Test
        void undeliveredTransferCompleteIsRetried() {
            accept(ph);
            ph.handle(new Download("dl-2", "1 Firmware Upgrade Image", "gopher://files.example.com/fw.bin",
                    "", "", 0, "", 0, "", ""));
            ph.endSession();
            Inform inform = accept(ph);
            TransferComplete tc = (TransferComplete) ph.requestsToSend(inform).get(0);
            assertThat(tc.fault().faultCode()).isEqualTo(9013);
            ph.endSession(); // session failed before the ACS answered TransferComplete
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("7 TRANSFER COMPLETE"), new EventStruct("M Download", "dl-2"));
            // explicit events without 7 TRANSFER COMPLETE: no TransferComplete is sent
            assertThat(ph.requestsToSend(ph.inform(List.of(EventStruct.of("2 PERIODIC")), 0))).isEmpty();
        }

        @Test
        void successfulFirmwareDownloadReboots() {
            accept(ph);
            ph.handle(new Download("fw", "1 Firmware Upgrade Image", "https://files.example.com/fw.bin", "", "", 0, "", 0, "", ""));
            ph.endSession();
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("1 BOOT"), EventStruct.of("7 TRANSFER COMPLETE"),
                    new EventStruct("M Download", "fw"));
        }

        @Test
        void uploadAndCancelTransfer() {
            accept(ph);
            assertThat(ph.handle(new Upload("up-1", "1 Vendor Configuration File", "http://files.example.com/up", "", "", 0)))
                    .isEqualTo(new UploadResponse(1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"));
            ph.handle(new Download("dl-x", "2 Web Content", "http://files.example.com/x", "", "", 0, "", 0, "", ""));
            assertThat(ph.handle(new CancelTransfer("dl-x"))).isInstanceOf(CancelTransferResponse.class);
            fault(ph.handle(new CancelTransfer("nope")), 9003);
            ph.endSession();
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("7 TRANSFER COMPLETE"), new EventStruct("M Upload", "up-1"));
            fault(ph.handle(new CancelTransfer("up-1")), 9021);
            fault(ph.handle(new Download("k", "1 Firmware Upgrade Image", "", "", "", 0, "", 0, "", "")), 9003);
        }

        @Test
        void scheduleInformIsDueAfterItsDelayAndDeliveredOnce() {
            Instant start = Instant.parse("2025-06-01T12:00:00Z");
            java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(start);
            Clock moving = new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            };
            CpeRpcHandler h = new CpeRpcHandler(DataModel.ipPhone("FCH0000T002"), moving);
            accept(h);
            assertThat(h.handle(new ScheduleInform(30, "si-1"))).isInstanceOf(ScheduleInformResponse.class);
            fault(h.handle(new ScheduleInform(0, "si-2")), 9003);
            h.endSession();
            assertThat(h.takeNewlyDueInforms()).containsExactly(start.plusSeconds(30));
            assertThat(h.takeNewlyDueInforms()).as("told once").isEmpty();
            assertThat(h.pendingEvents()).as("not due yet").containsExactly(EventStruct.of("2 PERIODIC"));

            now.set(start.plusSeconds(30));
            List<EventStruct> due = h.pendingEvents();
            assertThat(due).containsExactly(EventStruct.of("3 SCHEDULED"), new EventStruct("M ScheduleInform", "si-1"));
            h.informAccepted(h.inform(due, 0));
            assertThat(h.pendingEvents()).containsExactly(EventStruct.of("2 PERIODIC"));
        }

        @Test
        void localValueChangesAreReported() {
            accept(ph);
            ph.endSession();
            phone.changeLocally("Device.DeviceInfo.SoftwareVersion", "sip88xx.13-0-1MPP-1");
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("2 PERIODIC"), EventStruct.of("4 VALUE CHANGE"));
            Inform inform = accept(ph);
            assertThat(inform.parameterList()).contains(new ParameterValueStruct(
                    "Device.DeviceInfo.SoftwareVersion", "sip88xx.13-0-1MPP-1", "xsd:string"));
            ph.endSession();
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("2 PERIODIC"));
            // the ACS setting a value is no value change
            ph.handle(new SetParameterValues(List.of(pv("Device.DeviceInfo.ProvisioningCode", "X")), ""));
            assertThat(ph.pendingEvents()).containsExactly(EventStruct.of("2 PERIODIC"));
        }

        @Test
        void gatewayInformCarriesTheWanAddress() {
            Inform inform = gw.inform(gw.pendingEvents(), 3);
            assertThat(inform.retryCount()).isEqualTo(3);
            assertThat(inform.deviceId().serialNumber()).isEqualTo("8KA8WA1151100043");
            assertThat(inform.parameterList()).contains(new ParameterValueStruct(
                    IGD + "WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress", "172.3.89.139", "xsd:string"));
        }
    }
}
