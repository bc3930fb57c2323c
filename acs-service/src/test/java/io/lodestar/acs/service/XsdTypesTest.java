package io.lodestar.acs.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The lexical rules of the xsd types TR-069 values are written in. */
class XsdTypesTest {

    @ParameterizedTest(name = "{1} is a valid {0}")
    @CsvSource(delimiter = '|', value = {
            "xsd:string|any text at all",
            "xsd:string|''",
            "xsd:boolean|true", "xsd:boolean|false", "xsd:boolean|1", "xsd:boolean|0",
            "xsd:int|-2147483648", "xsd:int|2147483647", "xsd:int|+5",
            "xsd:unsignedInt|0", "xsd:unsignedInt|4294967295",
            "xsd:long|-9223372036854775808", "xsd:long|9223372036854775807",
            "xsd:unsignedLong|18446744073709551615",
            "xsd:dateTime|0001-01-01T00:00:00Z", "xsd:dateTime|2026-03-01T10:00:00.125+01:00",
            "xsd:dateTime|2026-03-01T10:00:00",
            "xsd:base64|''", "xsd:base64|aGVsbG8=", "xsd:base64|aGVs bG8h",
            "xsd:hexBinary|''", "xsd:hexBinary|00ffAB",
            "unsignedInt|42",
    })
    void aValueThatFitsItsTypeHasNoProblem(String type, String value) {
        assertThat(XsdTypes.problem(type, value)).isEmpty();
    }

    @ParameterizedTest(name = "{1} is not a valid {0}")
    @CsvSource(delimiter = '|', value = {
            "xsd:boolean|True", "xsd:boolean|yes", "xsd:boolean|''",
            "xsd:int|2147483648", "xsd:int|1.5", "xsd:int|' 1'", "xsd:int|''",
            "xsd:unsignedInt|-1", "xsd:unsignedInt|4294967296", "xsd:unsignedInt|0x10",
            "xsd:long|9223372036854775808",
            "xsd:unsignedLong|18446744073709551616", "xsd:unsignedLong|-1",
            "xsd:dateTime|2026-13-01T10:00:00Z", "xsd:dateTime|2026-02-30T10:00:00Z", "xsd:dateTime|2026-03-01",
            "xsd:dateTime|2026-03-01T10:00Z", "xsd:dateTime|2026-03-01T10:00:00+25:00",
            "xsd:base64|aGVsbG8", "xsd:base64|a$==",
            "xsd:hexBinary|abc", "xsd:hexBinary|zz",
    })
    void aValueThatDoesNotFitItsTypeIsExplained(String type, String value) {
        assertThat(XsdTypes.problem(type, value)).hasValueSatisfying(why -> assertThat(why).startsWith("expected"));
    }

    @Test
    void aTypeTheAcsDoesNotKnowIsLeftToTheDevice() {
        assertThat(XsdTypes.isKnown("xsd:float")).isFalse();
        assertThat(XsdTypes.problem("xsd:float", "not a number")).isEmpty();
    }

    @Test
    void aTypeIsTheSameWithOrWithoutItsPrefix() {
        assertThat(XsdTypes.sameType("xsd:int", "int")).isTrue();
        assertThat(XsdTypes.qualified("int")).isEqualTo("xsd:int");
        assertThat(XsdTypes.qualified("xsd:int")).isEqualTo("xsd:int");
        assertThat(XsdTypes.isKnown("hexBinary")).isTrue();
    }
}
