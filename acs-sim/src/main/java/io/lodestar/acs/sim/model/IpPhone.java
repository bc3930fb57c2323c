package io.lodestar.acs.sim.model;

import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The built-in IP phone: a TR-181 {@code Device:2} desk phone in the spirit of a Cisco multiplatform (3PCC)
 * phone, with a TR-104 {@code VoiceService:1} voice service (one SIP profile, two lines, codec lists).
 * Addresses, MAC and directory numbers derive from the serial number, so many phones differ.
 */
final class IpPhone {

    static final String MANUFACTURER = "Cisco Systems, Inc.";
    static final String OUI = "0CD0F8";
    static final String PRODUCT_CLASS = "CP-8851-3PCC";
    static final String MODEL_NAME = "CP-8851-3PCC";
    static final String SOFTWARE_VERSION = "sip88xx.12-0-1MPP-19";
    static final String HARDWARE_VERSION = "V04";

    private static final String STRING = "xsd:string";
    private static final String UINT = "xsd:unsignedInt";
    private static final String INT = "xsd:int";
    private static final String BOOL = "xsd:boolean";
    private static final String TIME = "xsd:dateTime";

    private final List<Node> nodes = new ArrayList<>();

    private IpPhone() {}

    static DataModel build(String serialNumber) {
        if (serialNumber == null || serialNumber.isBlank()) {
            throw new IllegalArgumentException("serial number required");
        }
        IpPhone p = new IpPhone();
        p.fill(serialNumber.trim());
        return DataModel.of(new DeviceIdStruct(MANUFACTURER, OUI, PRODUCT_CLASS, serialNumber.trim()),
                CwmpVersion.V1_4, true, p.nodes);
    }

    private void fill(String serial) {
        int h = serial.hashCode() & 0x7fffffff;
        String ip = "10." + ((h >> 16) & 0xff) + "." + ((h >> 8) & 0xff) + "." + (1 + (h & 0xff) % 253);
        String mac = String.format(Locale.ROOT, "0C:D0:F8:%02X:%02X:%02X", (h >> 16) & 0xff, (h >> 8) & 0xff, h & 0xff);
        long extension = 5550000 + (h % 4000) * 2L;
        String number1 = "408" + extension;
        String number2 = "408" + (extension + 1);

        object("Device.", false);
        param("Device.RootDataModelVersion", "2.12", STRING, false);
        param("Device.InterfaceStackNumberOfEntries", "0", UINT, false);

        String di = "Device.DeviceInfo.";
        object(di, false);
        param(di + "Manufacturer", MANUFACTURER, STRING, false);
        param(di + "ManufacturerOUI", OUI, STRING, false);
        param(di + "ModelName", MODEL_NAME, STRING, false);
        param(di + "Description", "Cisco IP Phone 8851 Multiplatform", STRING, false);
        param(di + "ProductClass", PRODUCT_CLASS, STRING, false);
        param(di + "SerialNumber", serial, STRING, false);
        param(di + "HardwareVersion", HARDWARE_VERSION, STRING, false);
        param(di + "SoftwareVersion", SOFTWARE_VERSION, STRING, false);
        param(di + "AdditionalSoftwareVersion", "boot-100609", STRING, false);
        param(di + "ProvisioningCode", "", STRING, true);
        param(di + "UpTime", "120", UINT, false);
        param(di + "FirstUseDate", "2024-03-18T09:12:44Z", TIME, false);
        param(di + "VendorConfigFileNumberOfEntries", "1", UINT, false);
        object(di + "MemoryStatus.", false);
        param(di + "MemoryStatus.Total", "524288", UINT, false);
        param(di + "MemoryStatus.Free", "231456", UINT, false);
        object(di + "VendorConfigFile.", false);
        object(di + "VendorConfigFile.1.", false);
        param(di + "VendorConfigFile.1.Name", "spa8851.xml", STRING, false);
        param(di + "VendorConfigFile.1.Version", "1", STRING, false);
        param(di + "VendorConfigFile.1.Date", DataModel.UNKNOWN_TIME, TIME, false);

        String ms = "Device.ManagementServer.";
        object(ms, false);
        param(ms + "EnableCWMP", "true", BOOL, true);
        param(ms + "URL", "http://acs.example.com:7547/", STRING, true);
        param(ms + "Username", serial, STRING, true);
        param(ms + "Password", "", STRING, true);
        param(ms + "PeriodicInformEnable", "true", BOOL, true);
        param(ms + "PeriodicInformInterval", "3600", UINT, true);
        param(ms + "PeriodicInformTime", DataModel.UNKNOWN_TIME, TIME, true);
        param(ms + "ParameterKey", "", STRING, false);
        param(ms + "ConnectionRequestURL", "http://" + ip + ":7547/", STRING, false);
        param(ms + "ConnectionRequestUsername", serial, STRING, true);
        param(ms + "ConnectionRequestPassword", "", STRING, true);
        param(ms + "UpgradesManaged", "false", BOOL, true);
        param(ms + "DefaultActiveNotificationThrottle", "0", UINT, true);
        param(ms + "CWMPRetryMinimumWaitInterval", "5", UINT, true);
        param(ms + "CWMPRetryIntervalMultiplier", "2000", UINT, true);
        param(ms + "AliasBasedAddressing", "false", BOOL, false);
        param(ms + "InstanceMode", "InstanceNumber", STRING, true);
        param(ms + "SupportedConnReqMethods", "HTTP", STRING, false);

        String time = "Device.Time.";
        object(time, false);
        param(time + "Enable", "true", BOOL, true);
        param(time + "Status", "Synchronized", STRING, false);
        param(time + "NTPServer1", "0.pool.ntp.org", STRING, true);
        param(time + "NTPServer2", "1.pool.ntp.org", STRING, true);
        param(time + "CurrentLocalTime", "2025-01-01T00:00:00Z", TIME, false);
        param(time + "LocalTimeZone", "PST8PDT,M3.2.0/2,M11.1.0/2", STRING, true);

        object("Device.Ethernet.", false);
        param("Device.Ethernet.InterfaceNumberOfEntries", "2", UINT, false);
        object("Device.Ethernet.Interface.", false);
        ethernet(1, "sw", mac, "Up");
        ethernet(2, "pc", "", "Down");

        String ipRoot = "Device.IP.";
        object(ipRoot, false);
        param(ipRoot + "IPv4Capable", "true", BOOL, false);
        param(ipRoot + "IPv4Enable", "true", BOOL, true);
        param(ipRoot + "IPv4Status", "Enabled", STRING, false);
        param(ipRoot + "InterfaceNumberOfEntries", "1", UINT, false);
        object(ipRoot + "Interface.", true);
        String itf = ipRoot + "Interface.1.";
        object(itf, true);
        param(itf + "Enable", "true", BOOL, true);
        param(itf + "Status", "Up", STRING, false);
        param(itf + "Name", "eth0", STRING, false);
        param(itf + "LowerLayers", "Device.Ethernet.Interface.1", STRING, true);
        param(itf + "Type", "Normal", STRING, false);
        param(itf + "IPv4AddressNumberOfEntries", "1", UINT, false);
        object(itf + "IPv4Address.", true);
        object(itf + "IPv4Address.1.", true);
        param(itf + "IPv4Address.1.Enable", "true", BOOL, true);
        param(itf + "IPv4Address.1.Status", "Enabled", STRING, false);
        param(itf + "IPv4Address.1.IPAddress", ip, STRING, true);
        param(itf + "IPv4Address.1.SubnetMask", "255.255.255.0", STRING, true);
        param(itf + "IPv4Address.1.AddressingType", "DHCP", STRING, false);

        String dns = "Device.DNS.Client.";
        object("Device.DNS.", false);
        object(dns, false);
        param(dns + "Enable", "true", BOOL, true);
        param(dns + "ServerNumberOfEntries", "2", UINT, false);
        object(dns + "Server.", true);
        for (int i = 1; i <= 2; i++) {
            object(dns + "Server." + i + ".", true);
            param(dns + "Server." + i + ".Enable", "true", BOOL, true);
            param(dns + "Server." + i + ".DNSServer", i == 1 ? "10.0.0.53" : "10.0.1.53", STRING, true);
            param(dns + "Server." + i + ".Type", "DHCPv4", STRING, false);
        }

        String vs = "Device.Services.VoiceService.1.";
        object("Device.Services.", false);
        param("Device.Services.VoiceServiceNumberOfEntries", "1", UINT, false);
        object("Device.Services.VoiceService.", false);
        object(vs, false);
        param(vs + "VoiceProfileNumberOfEntries", "1", UINT, false);
        String caps = vs + "Capabilities.";
        object(caps, false);
        param(caps + "MaxProfileCount", "1", UINT, false);
        param(caps + "MaxLineCount", "10", UINT, false);
        param(caps + "MaxSessionsPerLine", "2", UINT, false);
        param(caps + "MaxSessionCount", "20", UINT, false);
        param(caps + "SignalingProtocols", "SIP", STRING, false);
        param(caps + "Regions", "US,GB,DE,FR,JP", STRING, false);
        param(caps + "DigitMap", "true", BOOL, false);

        object(vs + "VoiceProfile.", true);
        String vp = vs + "VoiceProfile.1.";
        object(vp, true);
        param(vp + "Enable", "Enabled", STRING, true);
        param(vp + "Reset", "false", BOOL, true);
        param(vp + "NumberOfLines", "2", UINT, false);
        param(vp + "Name", "Default", STRING, true);
        param(vp + "SignalingProtocol", "SIP", STRING, true);
        param(vp + "MaxSessions", "4", UINT, true);
        param(vp + "DTMFMethod", "RFC2833", STRING, true);
        param(vp + "Region", "US", STRING, true);
        param(vp + "DigitMap", "(*xx|[3469]11|0|00|[2-9]xxxxxx|1xxx[2-9]xxxxxxS0|xxxxxxxxxxxx.)", STRING, true);
        param(vp + "DigitMapEnable", "true", BOOL, true);
        param(vp + "STUNEnable", "false", BOOL, true);
        param(vp + "STUNServer", "", STRING, true);

        String sip = vp + "SIP.";
        object(sip, false);
        param(sip + "ProxyServer", "sip.example.com", STRING, true);
        param(sip + "ProxyServerPort", "5060", UINT, true);
        param(sip + "ProxyServerTransport", "UDP", STRING, true);
        param(sip + "RegistrarServer", "sip.example.com", STRING, true);
        param(sip + "RegistrarServerPort", "5060", UINT, true);
        param(sip + "RegistrarServerTransport", "UDP", STRING, true);
        param(sip + "UserAgentDomain", "example.com", STRING, true);
        param(sip + "UserAgentPort", "5060", UINT, true);
        param(sip + "UserAgentTransport", "UDP", STRING, true);
        param(sip + "OutboundProxy", "", STRING, true);
        param(sip + "OutboundProxyPort", "5060", UINT, true);
        param(sip + "RegistrationPeriod", "3600", UINT, true);
        param(sip + "RegisterExpires", "3600", UINT, true);
        param(sip + "RegisterRetryInterval", "30", UINT, true);
        param(sip + "TimerT1", "500", UINT, true);
        param(sip + "TimerT2", "4000", UINT, true);
        param(sip + "TimerT4", "5000", UINT, true);
        param(sip + "DSCPMark", "26", UINT, true);
        param(sip + "VLANIDMark", "-1", INT, true);

        String rtp = vp + "RTP.";
        object(rtp, false);
        param(rtp + "LocalPortMin", "16384", UINT, true);
        param(rtp + "LocalPortMax", "16482", UINT, true);
        param(rtp + "DSCPMark", "46", UINT, true);
        param(rtp + "VLANIDMark", "-1", INT, true);
        param(rtp + "TelephoneEventPayloadType", "101", UINT, true);

        object(vp + "Line.", true);
        line(vp, 1, number1, "Enabled", "Up");
        line(vp, 2, number2, "Disabled", "Disabled");
    }

    private void ethernet(int i, String name, String mac, String status) {
        String e = "Device.Ethernet.Interface." + i + ".";
        object(e, false);
        param(e + "Enable", "true", BOOL, true);
        param(e + "Status", status, STRING, false);
        param(e + "Name", name, STRING, false);
        param(e + "MACAddress", mac, STRING, false);
        param(e + "MaxBitRate", "-1", INT, true);
        param(e + "DuplexMode", "Auto", STRING, true);
        param(e + "LastChange", "120", UINT, false);
    }

    private void line(String vp, int i, String number, String enable, String status) {
        String l = vp + "Line." + i + ".";
        object(l, true);
        param(l + "Enable", enable, STRING, true);
        param(l + "DirectoryNumber", number, STRING, true);
        param(l + "Status", status, STRING, false);
        param(l + "CallState", "Idle", STRING, false);
        param(l + "RingMuteStatus", "false", BOOL, false);
        param(l + "RingVolumeStatus", "5", UINT, false);
        object(l + "SIP.", false);
        param(l + "SIP.AuthUserName", number, STRING, true);
        param(l + "SIP.AuthPassword", "s3cret-" + number.substring(number.length() - 4), STRING, true);
        param(l + "SIP.URI", "sip:" + number + "@sip.example.com", STRING, true);
        String cf = l + "CallingFeatures.";
        object(cf, false);
        param(cf + "CallerIDEnable", "true", BOOL, true);
        param(cf + "CallerIDNameEnable", "true", BOOL, true);
        param(cf + "CallerIDName", "Extension " + number.substring(number.length() - 4), STRING, true);
        param(cf + "CallWaitingEnable", "true", BOOL, true);
        param(cf + "MaxSessions", "2", UINT, true);
        param(cf + "CallForwardUnconditionalEnable", "false", BOOL, true);
        param(cf + "CallForwardUnconditionalNumber", "", STRING, true);
        param(cf + "CallTransferEnable", "true", BOOL, true);
        param(cf + "MWIEnable", "true", BOOL, true);
        param(cf + "MessageWaiting", "false", BOOL, false);
        param(cf + "DoNotDisturbEnable", "false", BOOL, true);
        object(l + "Codec.", false);
        object(l + "Codec.List.", false);
        String[][] codecs = {{"G.711MuLaw", "64000"}, {"G.722", "64000"}};
        for (int c = 0; c < codecs.length; c++) {
            String e = l + "Codec.List." + (c + 1) + ".";
            object(e, false);
            param(e + "EntryID", Integer.toString(c + 1), UINT, false);
            param(e + "Codec", codecs[c][0], STRING, false);
            param(e + "BitRate", codecs[c][1], UINT, false);
            param(e + "PacketizationPeriod", "20", STRING, true);
            param(e + "SilenceSuppression", "false", BOOL, true);
            param(e + "Enable", "true", BOOL, true);
            param(e + "Priority", Integer.toString(c + 1), UINT, true);
        }
    }

    private void object(String path, boolean writable) {
        nodes.add(Node.object(path, writable));
    }

    private void param(String path, String value, String type, boolean writable) {
        nodes.add(Node.parameter(path, value, type, writable));
    }
}
