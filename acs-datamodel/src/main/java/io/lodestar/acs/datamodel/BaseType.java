package io.lodestar.acs.datamodel;

/** The base types of TR-106 data models, and the xsd type each is carried as in a SetParameterValues. */
public enum BaseType {
    STRING("xsd:string"),
    BOOLEAN("xsd:boolean"),
    INT("xsd:int"),
    UNSIGNED_INT("xsd:unsignedInt"),
    LONG("xsd:long"),
    UNSIGNED_LONG("xsd:unsignedLong"),
    DATE_TIME("xsd:dateTime"),
    BASE64("xsd:base64"),
    HEX_BINARY("xsd:hexBinary"),
    DECIMAL("xsd:decimal");

    private final String xsdType;

    BaseType(String xsdType) {
        this.xsdType = xsdType;
    }

    /** The type as the wire carries it ({@code xsd:unsignedInt}). */
    public String xsdType() {
        return xsdType;
    }

    public boolean isNumber() {
        return this == INT || this == UNSIGNED_INT || this == LONG || this == UNSIGNED_LONG || this == DECIMAL;
    }
}
