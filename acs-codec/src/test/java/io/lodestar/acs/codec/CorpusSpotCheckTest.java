package io.lodestar.acs.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lodestar.acs.core.rpc.*;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field values of corpus messages, one quirk per test. */
class CorpusSpotCheckTest {

    private static final CwmpCodec ACS = CwmpCodec.standard();
    private static final CwmpCodec CPE = CwmpCodec.forCpe();

    private static CwmpEnvelope fromCpe(String file) throws CwmpDecodeException {
        return ACS.decode(Conformance.message(file));
    }

    private static CwmpEnvelope fromAcs(String file) throws CwmpDecodeException {
        return CPE.decode(Conformance.message(file));
    }

    @SuppressWarnings("unchecked")
    private static <T> T message(CwmpEnvelope e, Class<T> type) {
        assertThat(e.message()).isInstanceOf(type);
        return (T) e.message();
    }

    private static String value(List<ParameterValueStruct> params, String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void thomsonInformWithOddPrefixesLeadingZerosAndRootlessParameter() throws CwmpDecodeException {
        CwmpEnvelope e = fromCpe("thomson-st780-inform-boot-periodic-valuechange.xml");
        Inform inform = message(e, Inform.class);
        assertThat(e.version()).isEqualTo(CwmpVersion.V1_0);
        assertThat(e.header().id()).isEqualTo("0_THOM_TR69_ID");
        assertThat(inform.deviceId()).isEqualTo(new DeviceIdStruct("THOMSON", "00147F", "SpeedTouch 780", "CP0644JTHJ4"));
        assertThat(inform.events()).extracting(EventStruct::eventCode)
                .containsExactly("1 BOOT", "2 PERIODIC", "4 VALUE CHANGE");
        assertThat(inform.maxEnvelopes()).isEqualTo(2);
        assertThat(inform.retryCount()).isEqualTo(5);
        assertThat(inform.currentTime()).isEqualTo("1970-01-01T00:01:31Z");
        assertThat(inform.parameterList()).hasSize(12);
        assertThat(value(inform.parameterList(), ".ExternalIPAddress")).isEqualTo("192.168.1.254");
        assertThat(value(inform.parameterList(), "InternetGatewayDevice.DeviceInfo.ProvisioningCode")).isEmpty();
        assertThat(inform.parameterList()).contains(new ParameterValueStruct(
                "InternetGatewayDevice.DeviceInfo.VendorConfigFile.1.Date", "0000-00-00T00:00:00", "xsd:dateTime"));
    }

    @Test
    void largeGetParameterNamesResponse() throws CwmpDecodeException {
        GetParameterNamesResponse r = message(fromCpe("thomson-st780-gpnresponse-3343-params.xml"),
                GetParameterNamesResponse.class);
        assertThat(r.parameterList()).hasSize(3343);
        assertThat(r.parameterList().get(0)).isEqualTo(new ParameterInfoStruct("InternetGatewayDevice.DeviceSummary", false));
        assertThat(r.parameterList().get(4))
                .isEqualTo(new ParameterInfoStruct("InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.Enable", true));
        assertThat(r.parameterList().stream().filter(ParameterInfoStruct::writable).count()).isEqualTo(2911);
    }

    @Test
    void arrayTypeCountIsNotTrusted() throws CwmpDecodeException {
        // arrayType says [213]; the body holds 227 entries
        assertThat(message(fromCpe("cisco-femtocell-gpnresponse-213.xml"), GetParameterNamesResponse.class)
                .parameterList()).hasSize(227);
        assertThat(message(fromCpe("cisco-femtocell-gpvresponse-213-leading-newline.xml"), GetParameterValuesResponse.class)
                .parameterList()).hasSize(227);
        // string[09]: leading zero, no xsd: prefix
        assertThat(message(fromCpe("thomson-st706-getrpcmethodsresponse.xml"), GetRPCMethodsResponse.class).methodList())
                .hasSize(9).startsWith("GetRPCMethods").endsWith("FactoryReset");
    }

    @Test
    void badBooleanDoesNotBreakTheResponse() throws CwmpDecodeException {
        GetParameterNamesResponse r = message(fromCpe("cisco-femtocell-gpnresponse-213.xml"), GetParameterNamesResponse.class);
        assertThat(r.parameterList()).contains(new ParameterInfoStruct("Device.TraceRouteDiagnostics.MaxHopCount", true));
    }

    @Test
    void lyingTypeKeepsTheRawText() throws CwmpDecodeException {
        GetParameterValuesResponse r = message(fromCpe("cisco-femtocell-gpvresponse-213-leading-newline.xml"),
                GetParameterValuesResponse.class);
        assertThat(r.parameterList()).contains(new ParameterValueStruct(
                "Device.DeviceInfo.X_00000C_LastRebootCause", "SW_UPGRADE", "xsd:unsignedInt"));
    }

    @Test
    void typedValuesAndEscapes() throws CwmpDecodeException {
        CwmpEnvelope e = fromCpe("model-cwmp12-inform-valuechange-typed-values.xml");
        Inform inform = message(e, Inform.class);
        assertThat(e.version()).isEqualTo(CwmpVersion.V1_2);
        assertThat(inform.currentTime()).isEqualTo("2024-05-01T12:00:00.250-03:30");
        assertThat(inform.parameterList()).extracting(ParameterValueStruct::type).contains("xsd:unsignedInt",
                "xsd:int", "xsd:unsignedLong", "xsd:long", "xsd:boolean", "xsd:dateTime", "xsd:hexBinary",
                "xsd:base64");
        assertThat(value(inform.parameterList(), "Device.WiFi.SSID.1.SSID")).isEqualTo("Caf\u00e9 & Bar <5G>");
        assertThat(value(inform.parameterList(), "Device.IP.Interface.1.Stats.BytesSent"))
                .isEqualTo("18446744073709551615");
        assertThat(value(inform.parameterList(), "Device.ManagementServer.AliasBasedAddressing")).isEqualTo("0");
    }

    @Test
    void version14FromSupportedVersionsAndUseCwmpVersion() throws CwmpDecodeException {
        CwmpEnvelope inform = fromCpe("model-cwmp14-inform-bootstrap-supportedversions.xml");
        assertThat(inform.version()).isEqualTo(CwmpVersion.V1_4);
        assertThat(inform.header()).isEqualTo(new CwmpHeader("cpe-7f3a-0001", null, null, 60, "1.0,1.1,1.2,1.3,1.4", null));
        assertThat(message(inform, Inform.class).hasEvent(EventStruct.BOOTSTRAP)).isTrue();

        CwmpEnvelope response = fromAcs("model-cwmp14-informresponse-usecwmpversion.xml");
        assertThat(response.version()).isEqualTo(CwmpVersion.V1_4);
        assertThat(response.header().useCwmpVersion()).isEqualTo("1.4");
        assertThat(response.message()).isEqualTo(new InformResponse(1));
    }

    @Test
    void otherVersions() throws CwmpDecodeException {
        CwmpEnvelope v11 = fromCpe("model-cwmp11-inform-diagnostics-complete.xml");
        assertThat(v11.version()).isEqualTo(CwmpVersion.V1_1);
        assertThat(message(v11, Inform.class).hasEvent("8 DIAGNOSTICS COMPLETE")).isTrue();
        assertThat(fromCpe("model-cwmp14-inform-heartbeat.xml").version()).isIn(CwmpVersion.V1_2, CwmpVersion.V1_3,
                CwmpVersion.V1_4);
        assertThat(fromCpe("model-cwmp12-spvresponse-status1.xml").message()).isEqualTo(new SetParameterValuesResponse(1));
        assertThat(fromCpe("model-cwmp12-spvresponse-status1.xml").version()).isEqualTo(CwmpVersion.V1_2);
    }

    @Test
    void holdRequestsAndNoMoreRequestsHeaders() throws CwmpDecodeException {
        CwmpEnvelope hold = fromAcs("model-acs-response-holdrequests.xml");
        assertThat(hold.header()).isEqualTo(new CwmpHeader("4711", true, null, null, null, null));
        CwmpEnvelope noMore = fromCpe("thomson-bant-s-54014-inform-nomorerequests.xml");
        assertThat(noMore.header()).isEqualTo(new CwmpHeader("THOM_CPE_ALC_ID_9", null, true, null, null, null));
        assertThat(message(noMore, Inform.class).retryCount()).isZero();
    }

    @Test
    void faultsQualifiedAndUnqualified() throws CwmpDecodeException {
        assertThat(fromCpe("thomson-st706-fault-9001.xml").message())
                .isEqualTo(new CwmpFault("Client", 9001, "Request Denied", List.of()));
        assertThat(fromCpe("cwmpex-fault-9005-qualified-faultcode.xml").message())
                .isEqualTo(new CwmpFault("Client", 9005, "Invalid parameter name", List.of()));
        assertThat(fromCpe("thomson-bant-r-7417-fault-9001-sameline.xml").message())
                .isEqualTo(new CwmpFault("Client", 9001, "Request Denied", List.of()));
    }

    @Test
    void setParameterValuesFaultList() throws CwmpDecodeException {
        CwmpFault f = message(fromCpe("simulatr69-fault-set-parameter-values-response.xml"), CwmpFault.class);
        assertThat(f.faultCode()).isEqualTo(9003);
        assertThat(f.setParameterValuesFaults()).extracting(CwmpFault.SetParameterValuesFault::parameterName,
                CwmpFault.SetParameterValuesFault::faultCode, CwmpFault.SetParameterValuesFault::faultString)
                .containsExactly(
                        tuple("InternetGatewayDevice.Time.LocalTimeZone", 9007, "Not a valid time zone value"),
                        tuple("InternetGatewayDevice.Time.LocalTimeZoneName", 9007, "String too long"));
    }

    @Test
    void transferCompletes() throws CwmpDecodeException {
        assertThat(fromCpe("unknown-cpe-transfercomplete-fault-9015-unknown-times.xml").message()).isEqualTo(
                new TransferComplete("", new FaultStruct(9015, "File transfer failure: unable to contact file server"),
                        "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"));
        TransferComplete ok = message(fromCpe("cwmpex-transfercomplete-success-faultcode0.xml"), TransferComplete.class);
        assertThat(ok.commandKey()).isEqualTo("AutoconfFirmwareUpgrade");
        assertThat(ok.fault().isFault()).isFalse();
        AutonomousTransferComplete atc = message(fromCpe("model-cwmp12-autonomoustransfercomplete.xml"),
                AutonomousTransferComplete.class);
        assertThat(atc.isDownload()).isTrue();
        assertThat(atc.fileSize()).isEqualTo(18874368);
        assertThat(atc.transferUrl()).isEqualTo("http://fw.example.net/ex-gw2/2.4.1.bin");
    }

    @Test
    void mDownloadEventWithCommandKey() throws CwmpDecodeException {
        Inform i = message(fromCpe("broadcom-947xxgr-inform-mdownload-transfercomplete.xml"), Inform.class);
        assertThat(i.events()).containsExactly(new EventStruct("M Download", "1596954dbc900"),
                EventStruct.of(EventStruct.TRANSFER_COMPLETE));
    }

    @Test
    void lowerCaseOuiAndSelfClosingElementsKept() throws CwmpDecodeException {
        assertThat(message(fromCpe("zhone-6718-inform-bootstrap-boot.xml"), Inform.class).deviceId().oui())
                .isEqualTo("00255e");
        Inform huawei = message(fromCpe("huawei-hg8245h-inform-connreq.xml"), Inform.class);
        assertThat(huawei.hasEvent(EventStruct.CONNECTION_REQUEST)).isTrue();
        assertThat(huawei.retryCount()).isEqualTo(1);
    }

    @Test
    void soapEncArrayTypeAttributeIgnored() throws CwmpDecodeException {
        CwmpEnvelope e = fromCpe("sagemcom-router-inform-device2-soapenc-array-type.xml");
        assertThat(e.header().id()).isEqualTo("0");
        assertThat(message(e, Inform.class).parameterList()).hasSize(8);
        assertThat(message(e, Inform.class).events()).containsExactly(EventStruct.of(EventStruct.PERIODIC));
    }

    @Test
    void oneLineGsoapAndCrlfInforms() throws CwmpDecodeException {
        Inform gsoap = message(fromCpe("sagemcom-fast2764gv-inform-oneline-gsoap.xml"), Inform.class);
        assertThat(fromCpe("sagemcom-fast2764gv-inform-oneline-gsoap.xml").header().id()).isEqualTo("SAGEM_ID_7591");
        assertThat(gsoap.parameterList()).isNotEmpty();
        Inform crlf = message(fromCpe("thomson-bant-r-7417-inform-periodic-crlf.xml"), Inform.class);
        assertThat(crlf.retryCount()).isZero();
        assertThat(value(crlf.parameterList(), "InternetGatewayDevice.DeviceInfo.ProvisioningCode"))
                .isEqualTo("test provision");
    }

    @Test
    void cpeRequests() throws CwmpDecodeException {
        assertThat(fromCpe("cwmpex-requestdownload-filetypearg.xml").message())
                .isEqualTo(new RequestDownload("2 Web Content", List.of(new ArgStruct("Version", "v2.0"))));
        assertThat(fromCpe("zhone-6718-getrpcmethods-cpe-request.xml").message()).isEqualTo(new CpeGetRPCMethods());
        DUStateChangeComplete du = message(fromCpe("model-cwmp12-dustatechangecomplete.xml"), DUStateChangeComplete.class);
        assertThat(du.commandKey()).isEqualTo("cdus-77");
        assertThat(du.results()).containsExactly(new OpResultStruct("5f4b7d2e-3c1a-5e6f-8a9b-0c1d2e3f4a5b",
                "Device.SoftwareModules.DeploymentUnit.3", "1.2.0", "Installed", true, "2024-05-01T04:00:00Z",
                "2024-05-01T04:00:09Z", FaultStruct.NONE));
    }

    @Test
    void cpeResponses() throws CwmpDecodeException {
        assertThat(message(fromCpe("model-cwmp12-getallqueuedtransfersresponse.xml"), GetAllQueuedTransfersResponse.class)
                .transferList()).containsExactly(
                        new QueuedTransferStruct("fw-2.4.1", 2, true, "1 Firmware Upgrade Image", 18874368, ""),
                        new QueuedTransferStruct("", 1, false, "2 Vendor Log File", 0, "syslog.txt"));
        assertThat(message(fromCpe("model-cwmp12-gparesponse-lightweight-notification.xml"),
                GetParameterAttributesResponse.class).parameterList()).containsExactly(
                        new ParameterAttributeStruct("Device.DeviceInfo.SoftwareVersion", 2, List.of()),
                        new ParameterAttributeStruct("Device.IP.Interface.1.Stats.BytesReceived", 4, List.of()),
                        new ParameterAttributeStruct("Device.WiFi.SSID.1.SSID", 6, List.of("Subscriber")));
        assertThat(fromCpe("model-cwmp12-gpnresponse-empty-list.xml").message())
                .isEqualTo(new GetParameterNamesResponse(List.of()));
        assertThat(fromCpe("simulatr69-add-object-response.xml").message()).isEqualTo(new AddObjectResponse(123, 1));
        assertThat(message(fromCpe("thomson-bant-r-7417-gpvresponse-datetime-0001.xml"), GetParameterValuesResponse.class)
                .parameterList()).anySatisfy(p -> {
                    assertThat(p.type()).isEqualTo("xsd:dateTime");
                    assertThat(p.value()).isEqualTo("0001-01-01T00:00:00Z");
                });
        GetParameterNamesResponse nextLevel = message(fromCpe("thomson-bant-r-7417-gpnresponse-nextlevel.xml"),
                GetParameterNamesResponse.class);
        assertThat(nextLevel.parameterList()).hasSize(18)
                .contains(new ParameterInfoStruct("InternetGatewayDevice.DeviceInfo.VendorConfigFile.", false));
    }

    @Test
    void acsRequests() throws CwmpDecodeException {
        assertThat(fromAcs("simulatr69-download-request.xml").message()).isEqualTo(new Download("FirmwareUpgrade",
                "1 Firmware Upgrade Image", "https://acme-networks.com/firmware/downloads/firmware.bin", "cpe", "secret",
                184258350, "firmware.bin", 0, "http://success", "http://failure"));
        assertThat(fromAcs("simulatr69-get-rpc-methods-request.xml").message()).isEqualTo(new GetRPCMethods());
        assertThat(fromAcs("simulatr69-set-parameter-attributes-request.xml").message()).isEqualTo(
                new SetParameterAttributes(List.of(new SetParameterAttributesStruct("Device.DeviceSummary", true, 1,
                        true, List.of("Subscriber")))));
        assertThat(fromAcs("simulatr69-set-parameter-values-request.xml").message()).isEqualTo(new SetParameterValues(
                List.of(ParameterValueStruct.string("Device.ManagementServer.ConnectionRequestUsername", "G3000E-9799109101"),
                        ParameterValueStruct.string("Device.ManagementServer.ConnectionRequestPassword", "secret")),
                "n/a"));
        assertThat(message(fromAcs("ctcom-acs-gpv-request-10-names.xml"), GetParameterValues.class).parameterNames())
                .hasSize(10).contains("InternetGatewayDevice.DeviceInfo.X_CT-COM_WorkTime");
        assertThat(fromAcs("simulatr69-get-parameter-names-request.xml").message())
                .isEqualTo(new GetParameterNames("Device.", false));
        assertThat(fromAcs("simulatr69-reboot-request.xml").message()).isEqualTo(new Reboot("example"));
        assertThat(fromAcs("simulatr69-add-object-request.xml").message())
                .isEqualTo(new AddObject("Device.NAT.PortMapping.", "123"));
    }

    @Test
    void rpcMethodsResponsesDependOnTheSide() throws CwmpDecodeException {
        byte[] xml = Conformance.message("simulatr69-get-rpc-methods-response.xml");
        assertThat(ACS.decode(xml).message()).isInstanceOf(GetRPCMethodsResponse.class);
        assertThat(CPE.decode(xml).message()).isInstanceOf(AcsGetRPCMethodsResponse.class);
        assertThat(((AcsGetRPCMethodsResponse) CPE.decode(xml).message()).methodList()).hasSize(12);
    }
}
