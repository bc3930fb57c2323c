package io.lodestar.acs.datamodel.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

import java.util.ArrayList;
import java.util.List;

/**
 * An object, named by its full path with {@code {i}} for instance numbers ({@code Device.IP.Interface.{i}.}).
 * {@code access="readWrite"} on a table's {@code {i}.} object means the ACS may add and delete its instances.
 */
@XmlAccessorType(XmlAccessType.FIELD)
public class XmlObject {

    @XmlAttribute
    public String name;

    @XmlAttribute
    public String access;

    @XmlAttribute
    public String minEntries;

    @XmlAttribute
    public String maxEntries;

    @XmlAttribute
    public String status;

    @XmlElement(name = "parameter")
    public List<XmlParameter> parameters = new ArrayList<>();
}
