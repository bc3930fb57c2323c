package io.lodestar.acs.profiles.template;

import io.lodestar.acs.profiles.device.ProfileDevice;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateRendererTest {

    private final InMemoryProfileValues values = new InMemoryProfileValues();
    private final TemplateRenderer renderer = new TemplateRenderer(values);

    @Test
    void ciscoMacrosExpandAsTheProvisioningGuidesDefineThem() {
        String text = renderText("$MA $MAU $MAC $SN $PN $PSN $SWVER $HWVER", Phones.cp8841());

        assertThat(text).isEqualTo("00562b043615 00562B043615 00:56:2b:04:36:15 FCH2209ABCD CP-8841-3PCC 8841-3PCC "
                + "sip88xx.11-3-1MPP 1.0.1");
    }

    @Test
    void parenthesisedMacrosAndSubstringsWork() {
        assertThat(renderText("spa$(MAU)config.cfg|$(MA:6)|$(MA:0:6)|$(SN:40)", Phones.cp8841()))
                .isEqualTo("spa00562B043615config.cfg|043615|00562b|");
    }

    @Test
    void unknownMacrosStayForThePhoneAndADoubleDollarIsALiteralDollar() {
        String text = renderText("<Profile_Rule>http://prov/$$MA.xml?s=$PRVST&amp;x=$(UPGERR)</Profile_Rule> $ $5",
                Phones.cp8841());

        assertThat(text).isEqualTo("<Profile_Rule>http://prov/$MA.xml?s=$PRVST&amp;x=$(UPGERR)</Profile_Rule> $ $5");
    }

    @Test
    void theProductSeriesComesFromTheProductNameWhenNotReported() {
        ProfileDevice spa = new ProfileDevice(Phones.bare().id(), Phones.bare().mac(), null, null, "SPA504G", null,
                null, null, Set.of(), java.util.Map.of());

        assertThat(renderText("$PN/$PSN", spa)).isEqualTo("SPA504G/504G");
    }

    @Test
    void aDeviceValueWinsOverATagValueWhichWinsOverAProductClassValue() {
        ProfileDevice phone = Phones.cp8841();
        String template = "{{value:proxy}}";
        values.set(ValueScope.PRODUCT_CLASS, "CP-8841-3PCC", "proxy", "class.example.net");
        assertThat(renderText(template, phone)).isEqualTo("class.example.net");

        values.set(ValueScope.TAG, "site-paris", "proxy", "paris.example.net");
        assertThat(renderText(template, phone)).isEqualTo("paris.example.net");

        values.set(ValueScope.DEVICE, phone.id().value(), "proxy", "mine.example.net");
        assertThat(renderText(template, phone)).isEqualTo("mine.example.net");
    }

    @Test
    void tagsThatDisagreeRefuseTheValueUnlessTheDeviceSetsIt() {
        ProfileDevice phone = new ProfileDevice(Phones.bare().id(), Phones.bare().mac(), null, null, null, null, null,
                null, Set.of("a", "b"), java.util.Map.of());
        values.set(ValueScope.TAG, "a", "proxy", "a.example.net").set(ValueScope.TAG, "b", "proxy", "b.example.net");

        RenderResult result = renderer.render(ProfileTemplate.plain("t", "/$MA.xml", "{{value:proxy}}"), phone);

        assertThat(((RenderResult.Refused) result).message()).contains("proxy").contains("[a, b]");
        values.set(ValueScope.DEVICE, "bare", "proxy", "own.example.net");
        assertThat(renderText("{{value:proxy}}", phone)).isEqualTo("own.example.net");
    }

    @Test
    void deviceParametersAreReadByPath() {
        assertThat(renderText("<User_ID_1_>{{param:Device.Services.VoiceService.1.VoiceProfile.1.Line.1.DirectoryNumber}}</User_ID_1_>",
                Phones.cp8841())).isEqualTo("<User_ID_1_>+33 1 23 45 67 89</User_ID_1_>");
    }

    @Test
    void everythingTheDeviceLacksIsNamedAndNothingIsRenderedEmpty() {
        RenderResult result = renderer.render(ProfileTemplate.plain("t", "/$MA.xml",
                "<a>{{value:sip.password}}</a><b>{{param:Device.X.Y}}</b><c>$SN</c><d>$(PSN)</d><e>$MA</e>"),
                Phones.bare());

        assertThat(result).isInstanceOf(RenderResult.Refused.class);
        assertThat(((RenderResult.Refused) result).problems()).containsExactly(
                new RenderProblem.MissingValue("sip.password"),
                new RenderProblem.MissingParameter("Device.X.Y"),
                new RenderProblem.MissingMacro(Macro.SN),
                new RenderProblem.MissingMacro(Macro.PSN));
        assertThat(((RenderResult.Refused) result).message())
                .contains("value 'sip.password'", "parameter Device.X.Y", "$SN (serial number)", "$PSN (product series)");
    }

    @Test
    void substitutedValuesAreXmlEscapedInXmlTemplatesOnly() {
        values.set(ValueScope.DEVICE, "bare", "name", "Alice & Bob <\"x\" 'y'>");
        ProfileDevice phone = Phones.bare();

        assertThat(renderText("<Display_Name_1_>{{value:name}}</Display_Name_1_>", phone))
                .isEqualTo("<Display_Name_1_>Alice &amp; Bob &lt;&quot;x&quot; &apos;y&apos;&gt;</Display_Name_1_>");
        ProfileTemplate text = ProfileTemplate.of("t", "/$MA.cfg", "Display_Name_1_ = {{value:name}}", "text/plain",
                new io.lodestar.acs.profiles.crypto.ProfileEncryption.Plain(), io.lodestar.acs.profiles.crypto.KeyScope.TEMPLATE);
        assertThat(((RenderResult.Rendered) renderer.render(text, phone)).text())
                .isEqualTo("Display_Name_1_ = Alice & Bob <\"x\" 'y'>");
    }

    @Test
    void aValueWithControlCharactersCannotGoIntoAnXmlProfile() {
        values.set(ValueScope.DEVICE, "bare", "name", "bell\u0007");

        RenderResult result = renderer.render(ProfileTemplate.plain("t", "/$MA.xml", "{{value:name}}"), Phones.bare());

        assertThat(((RenderResult.Refused) result).problems())
                .containsExactly(new RenderProblem.UnrepresentableValue("value 'name'"));
    }

    @Test
    void aMalformedPlaceholderIsRefusedAtUploadWithItsPosition() {
        assertThatThrownBy(() -> ProfileTemplate.plain("t", "/$MA.xml", "<a>\n  {{valeu:x}}</a>"))
                .isInstanceOf(TemplateSyntaxException.class).hasMessageContaining("line 2, column 3")
                .hasMessageContaining("valeu:x");
        assertThatThrownBy(() -> ProfileTemplate.plain("t", "/$MA.xml", "{{value:x"))
                .hasMessageContaining("without '}}'");
        assertThatThrownBy(() -> ProfileTemplate.plain("t", "/$MA.xml", "{{value:a b}}"))
                .hasMessageContaining("not a value name");
        assertThatThrownBy(() -> ProfileTemplate.plain("t", "/$MA.xml", "{{param:Device..X}}"))
                .hasMessageContaining("not a full parameter path");
        assertThatThrownBy(() -> ProfileTemplate.plain("bad name", "/$MA.xml", "x"))
                .hasMessageContaining("template name");
    }

    private String renderText(String template, ProfileDevice device) {
        RenderResult result = renderer.render(ProfileTemplate.plain("t", "/$MA.xml", template), device);
        assertThat(result).as("%s", result).isInstanceOf(RenderResult.Rendered.class);
        return ((RenderResult.Rendered) result).text();
    }
}
