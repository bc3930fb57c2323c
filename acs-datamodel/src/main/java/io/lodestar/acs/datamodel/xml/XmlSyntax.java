package io.lodestar.acs.datamodel.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/**
 * A parameter's syntax: exactly one base type element (or a reference to a named data type), optionally inside a
 * {@code list} (the value is then a comma-separated list of such items). Also the body of a named data type, whose
 * facets may stand directly in it when it derives from another ({@code base}).
 */
@XmlAccessorType(XmlAccessType.FIELD)
public class XmlSyntax extends XmlFacets {

    @XmlAttribute
    public Boolean hidden;

    @XmlElement
    public XmlFacets list;

    @XmlElement(name = "string")
    public XmlFacets stringType;
    @XmlElement(name = "boolean")
    public XmlFacets booleanType;
    @XmlElement(name = "int")
    public XmlFacets intType;
    @XmlElement(name = "unsignedInt")
    public XmlFacets unsignedIntType;
    @XmlElement(name = "long")
    public XmlFacets longType;
    @XmlElement(name = "unsignedLong")
    public XmlFacets unsignedLongType;
    @XmlElement(name = "dateTime")
    public XmlFacets dateTimeType;
    @XmlElement(name = "base64")
    public XmlFacets base64Type;
    @XmlElement(name = "hexBinary")
    public XmlFacets hexBinaryType;
    @XmlElement(name = "decimal")
    public XmlFacets decimalType;
    @XmlElement(name = "dataType")
    public XmlFacets dataTypeRef;
}
