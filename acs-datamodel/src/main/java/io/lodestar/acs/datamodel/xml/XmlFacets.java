package io.lodestar.acs.datamodel.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;

import java.util.ArrayList;
import java.util.List;

/**
 * The facets of a type element: sizes, ranges, enumerations, patterns. {@code ref} is set on a reference to a named
 * data type ({@code <dataType ref="IPAddress"/>}); {@code enumerationRef} (values taken from another parameter at run
 * time) makes the enumeration open.
 */
@XmlAccessorType(XmlAccessType.FIELD)
public class XmlFacets {

    @XmlAttribute
    public String ref;

    /** A data type this one derives from: on a named type, or on an anonymous {@code <dataType base="..">}. */
    @XmlAttribute
    public String base;

    @XmlElement(name = "size")
    public List<Size> sizes = new ArrayList<>();

    @XmlElement(name = "range")
    public List<Range> ranges = new ArrayList<>();

    @XmlElement(name = "enumeration")
    public List<Value> enumerations = new ArrayList<>();

    @XmlElement(name = "pattern")
    public List<Value> patterns = new ArrayList<>();

    @XmlElement(name = "enumerationRef")
    public List<Value> enumerationRefs = new ArrayList<>();

    /** {@code <size minLength=".." maxLength=".."/>}. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Size {
        @XmlAttribute
        public Long minLength;
        @XmlAttribute
        public Long maxLength;
    }

    /** {@code <range minInclusive=".." maxInclusive=".." step=".."/>}: numbers as written (may exceed a long). */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Range {
        @XmlAttribute
        public String minInclusive;
        @XmlAttribute
        public String maxInclusive;
        @XmlAttribute
        public String step;
    }

    /** An enumeration or pattern value. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Value {
        @XmlAttribute
        public String value;
        @XmlAttribute
        public String access;
        @XmlAttribute
        public String status;
    }
}
