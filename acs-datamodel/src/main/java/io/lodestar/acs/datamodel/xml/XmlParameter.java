package io.lodestar.acs.datamodel.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

/** A parameter of an object: its name relative to the object, its access and its syntax. */
@XmlAccessorType(XmlAccessType.FIELD)
public class XmlParameter {

    @XmlAttribute
    public String name;

    @XmlAttribute
    public String access;

    @XmlAttribute
    public String status;

    @XmlElement
    public XmlSyntax syntax;
}
