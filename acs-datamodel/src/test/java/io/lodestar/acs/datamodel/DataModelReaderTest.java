package io.lodestar.acs.datamodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataModelReaderTest {

    private static final String DOC = """
            <dm:document xmlns:dm="urn:broadband-forum-org:cwmp:datamodel-1-14" spec="test">
              <dataType name="Port"><description>ignored</description>
                <unsignedInt><range minInclusive="1" maxInclusive="65535"/></unsignedInt></dataType>
              <dataType name="SmallPort" base="Port"><range minInclusive="1" maxInclusive="1023"/></dataType>
              <model name="Test:1.0">
                <object name="Test." access="readOnly" minEntries="1" maxEntries="1">
                  <parameter name="Port" access="readWrite"><syntax><dataType ref="SmallPort"/></syntax></parameter>
                  <parameter name="Mode" access="readWrite"><syntax><list><size maxLength="16"/></list>
                    <string><enumeration value="A"/><enumeration value="B"/></string></syntax></parameter>
                  <parameter name="Gone" access="readWrite" status="deleted"><syntax><boolean/></syntax></parameter>
                </object>
                <object name="Test.Row.{i}." access="readWrite" minEntries="0" maxEntries="4">
                  <parameter name="Level" access="readOnly"><syntax><int><range minInclusive="-5" maxInclusive="5" step="5"/></int></syntax></parameter>
                </object>
              </model>
            </dm:document>
            """;

    @Test
    void aDocumentIsBoundAndItsDerivedTypesNarrowTheirBase() {
        List<DataModel> models = new DataModelReader().read(in(DOC));
        DataModel m = models.get(0);
        assertThat(m.name()).isEqualTo("Test:1.0");
        ParameterSpec port = m.parameter("Test.Port").orElseThrow();
        assertThat(port.type()).isEqualTo(BaseType.UNSIGNED_INT);
        assertThat(port.dataType()).isEqualTo("SmallPort");
        assertThat(port.problem("1023")).isEmpty();
        assertThat(port.problem("8080")).isPresent();
        assertThat(m.parameter("Test.Mode").orElseThrow().problem("A,B")).isEmpty();
        assertThat(m.parameter("Test.Mode").orElseThrow().problem("A,C")).isPresent();
        assertThat(m.parameter("Test.Mode").orElseThrow().problem("A,B,A,B,A,B,A,B,A")).isPresent();
        assertThat(m.parameter("Test.Gone")).isEmpty();
        ParameterSpec level = m.parameter("Test.Row.3.Level").orElseThrow();
        assertThat(level.writable()).isFalse();
        assertThat(level.problem("0")).isEmpty();
        assertThat(level.problem("3")).isPresent();
        assertThat(m.object("Test.Row.3.").orElseThrow().maxEntries()).isEqualTo(4);
    }

    @Test
    void aDocumentWithAnExternalEntityIsRefusedAndNothingIsRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "top secret");
        String evil = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + DOC.replace("spec=\"test\"", "spec=\"&x;\"");
        assertThatThrownBy(() -> new DataModelReader().read(in(evil))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("top secret");
    }

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
