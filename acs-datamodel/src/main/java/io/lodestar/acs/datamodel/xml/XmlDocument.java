package io.lodestar.acs.datamodel.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

import java.util.ArrayList;
import java.util.List;

/** A BBF "DM Instance" document: its named data types and its models. Children are unqualified in the schema. */
@XmlRootElement(name = "document", namespace = XmlDocument.NAMESPACE)
@XmlAccessorType(XmlAccessType.FIELD)
public class XmlDocument {

    public static final String NAMESPACE = "urn:broadband-forum-org:cwmp:datamodel-1-14";

    @XmlAttribute
    public String spec;

    @XmlElement(name = "dataType")
    public List<XmlDataType> dataTypes = new ArrayList<>();

    @XmlElement(name = "model")
    public List<XmlModel> models = new ArrayList<>();
}
