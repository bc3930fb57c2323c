package io.lodestar.acs.datamodel.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

import java.util.ArrayList;
import java.util.List;

/** A root or service model, e.g. {@code Device:2.17}, {@code VoiceService:1.1}. */
@XmlAccessorType(XmlAccessType.FIELD)
public class XmlModel {

    @XmlAttribute
    public String name;

    @XmlAttribute
    public Boolean isService;

    @XmlElement(name = "object")
    public List<XmlObject> objects = new ArrayList<>();
}
