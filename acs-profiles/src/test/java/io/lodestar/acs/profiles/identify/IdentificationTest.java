package io.lodestar.acs.profiles.identify;

import io.lodestar.acs.profiles.device.DeviceKey;
import io.lodestar.acs.profiles.device.MacAddress;
import io.lodestar.acs.profiles.template.Macro;
import io.lodestar.acs.profiles.template.ProfileTemplate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentificationTest {

    private static final String MPP_AGENT = "Cisco-CP-8841-3PCC/11.0 (00562b043615)";
    private static final String SPA_AGENT = "Cisco/SPA504G-7.6.2 (88755A1B2C3D)(CCQ16250ABC)";

    private final ProfileTemplate byMac = ProfileTemplate.plain("by-mac", "/profiles/$MA.xml", "x");
    private final ProfileTemplate ciscoCfg = ProfileTemplate.plain("cisco-cfg", "Cisco/$MA.cfg", "x");
    private final ProfileTemplate bySeries = ProfileTemplate.plain("by-series", "$PSN.xml", "x");
    private final ProfileTemplate bySerial = ProfileTemplate.plain("by-serial", "/sn/$SN.xml", "x");
    private final List<ProfileTemplate> templates = List.of(byMac, ciscoCfg, bySeries, bySerial);

    @Test
    void aMultiplatformPhonesUserAgentGivesModelFirmwareAndMac() {
        PhoneUserAgent ua = PhoneUserAgent.parse(MPP_AGENT).orElseThrow();

        assertThat(ua).isEqualTo(new PhoneUserAgent("Cisco", "CP-8841-3PCC", "11.0", mac("00562b043615"), null));
    }

    @Test
    void anSpaPhonesUserAgentGivesModelFirmwareMacAndSerial() {
        PhoneUserAgent ua = PhoneUserAgent.parse(SPA_AGENT).orElseThrow();

        assertThat(ua).isEqualTo(new PhoneUserAgent("Cisco", "SPA504G", "7.6.2", mac("88755a1b2c3d"), "CCQ16250ABC"));
        assertThat(PhoneUserAgent.parse("Linksys/SPA942-5.1.8 (00E08A1B2C3D)")).map(PhoneUserAgent::productName)
                .contains("SPA942");
    }

    @Test
    void otherUserAgentsAreNotRead() {
        assertThat(PhoneUserAgent.parse("Mozilla/5.0 (X11; Linux x86_64)")).isEmpty();
        assertThat(PhoneUserAgent.parse("Cisco-CP-8841-3PCC/11.0 (00562b04361)")).isEmpty();
        assertThat(PhoneUserAgent.parse("Cisco-CP-8841-3PCC/11.0 (" + "0".repeat(600) + ")")).isEmpty();
        assertThat(PhoneUserAgent.parse(null)).isEmpty();
    }

    @Test
    void aPathWithTheMacNamesTheDevice() {
        Identification id = DeviceIdentifier.identify("/profiles/00562b043615.xml", null, templates);

        assertThat(id).isEqualTo(new Identified(byMac, new DeviceKey.ByMac(mac("00562b043615")), null,
                Map.of(Macro.MA, "00562b043615")));
        assertThat(DeviceIdentifier.identify("/Cisco/00562b043615.cfg?x=1", MPP_AGENT, templates))
                .isInstanceOfSatisfying(Identified.class, i -> assertThat(i.template()).isEqualTo(ciscoCfg));
    }

    @Test
    void aPathNamingOnlyTheSeriesNeedsTheUserAgentForTheDevice() {
        Identification withAgent = DeviceIdentifier.identify("/8841-3PCC.xml", MPP_AGENT, templates);
        Identification without = DeviceIdentifier.identify("/8841-3PCC.xml", "curl/8.0", templates);

        assertThat(withAgent).isInstanceOfSatisfying(Identified.class, i -> {
            assertThat(i.key()).isEqualTo(new DeviceKey.ByMac(mac("00562b043615")));
            assertThat(i.pathValues()).containsEntry(Macro.PSN, "8841-3PCC");
            assertThat(i.agent()).map(PhoneUserAgent::productName).contains("CP-8841-3PCC");
        });
        assertThat(without).isInstanceOfSatisfying(Identification.Unidentified.class,
                u -> assertThat(u.reason()).contains("names no device").contains("curl/8.0"));
    }

    @Test
    void aSerialInThePathNamesTheDevice() {
        assertThat(DeviceIdentifier.identify("/sn/CCQ16250ABC.xml", SPA_AGENT, templates))
                .isInstanceOfSatisfying(Identified.class,
                        i -> assertThat(i.key()).isEqualTo(new DeviceKey.BySerial("CCQ16250ABC")));
        assertThat(DeviceIdentifier.identify("/sn/OTHER.xml", SPA_AGENT, templates))
                .isInstanceOf(Identification.Unidentified.class);
    }

    @Test
    void aPathAndAUserAgentNamingDifferentPhonesAreRefused() {
        Identification id = DeviceIdentifier.identify("/profiles/88755a1b2c3d.xml", MPP_AGENT, templates);

        assertThat(id).isInstanceOfSatisfying(Identification.Unidentified.class, u -> assertThat(u.reason())
                .contains("88755a1b2c3d").contains("00562b043615"));
    }

    @Test
    void aPathNoTemplateServesIsNoProfile() {
        assertThat(DeviceIdentifier.identify("/profiles/00562B043615.xml", MPP_AGENT, templates))
                .isInstanceOf(Identification.NoProfile.class);
        assertThat(DeviceIdentifier.identify("/firmware/sip88xx.loads", MPP_AGENT, templates))
                .isInstanceOf(Identification.NoProfile.class);
        assertThat(DeviceIdentifier.identify("/profiles/../00562b043615.xml", MPP_AGENT, templates))
                .isInstanceOf(Identification.NoProfile.class);
        assertThat(DeviceIdentifier.identify("/profiles/%zz.xml", MPP_AGENT, templates))
                .isInstanceOf(Identification.NoProfile.class);
    }

    @Test
    void theMoreLiteralPatternWinsWhenTwoMatch() {
        ProfileTemplate special = ProfileTemplate.plain("special", "/8841-3PCC.xml", "x");

        assertThat(DeviceIdentifier.identify("/8841-3PCC.xml", MPP_AGENT, List.of(bySeries, special)))
                .isInstanceOfSatisfying(Identified.class, i -> assertThat(i.template()).isEqualTo(special));
    }

    @Test
    void pathPatternsAcceptOnlyMacrosAPhoneExpandsFromItself() {
        assertThat(PathPattern.parse("spa$(MAU).cfg").match("/spa88755A1B2C3D.cfg"))
                .contains(Map.of(Macro.MAU, "88755A1B2C3D"));
        assertThat(PathPattern.parse("/p/$MAC.xml").match("/p/00:56:2b:04:36:15.xml")).isPresent();
        assertThatThrownBy(() -> PathPattern.parse("/$A/$MA.xml")).hasMessageContaining("$A");
        assertThatThrownBy(() -> PathPattern.parse("/$MA/$MA.xml")).hasMessageContaining("twice");
        assertThatThrownBy(() -> PathPattern.parse("/a b/$MA.xml")).hasMessageContaining("may hold");
        assertThatThrownBy(() -> PathPattern.parse("/../$MA.xml")).hasMessageContaining("..");
        assertThat(PathPattern.parse("$PSN.xml").namesDevice()).isFalse();
        assertThat(PathPattern.parse("Cisco/$MA.cfg").namesDevice()).isTrue();
    }

    private static MacAddress mac(String hex) {
        return MacAddress.parse(hex).orElseThrow();
    }
}
