package io.lodestar.acs.datamodel.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;

/** A named data type ({@code IPAddress}, {@code Alias}), possibly derived from another ({@code base}). */
@XmlAccessorType(XmlAccessType.FIELD)
public class XmlDataType extends XmlSyntax {

    @XmlAttribute
    public String name;
}
