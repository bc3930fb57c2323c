package io.lodestar.acs.datamodel;

import io.lodestar.acs.datamodel.xml.XmlDataType;
import io.lodestar.acs.datamodel.xml.XmlDocument;
import io.lodestar.acs.datamodel.xml.XmlFacets;
import io.lodestar.acs.datamodel.xml.XmlModel;
import io.lodestar.acs.datamodel.xml.XmlObject;
import io.lodestar.acs.datamodel.xml.XmlParameter;
import io.lodestar.acs.datamodel.xml.XmlSyntax;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a BBF data-model document (a flattened "-full" DM Instance) with JAXB and indexes its models. The XML is
 * read through a StAX reader with DTDs and external entities off, so a document cannot make the reader fetch or
 * expand anything. Deleted objects and parameters are left out; deprecated and obsoleted ones stay (devices still
 * have them).
 */
public final class DataModelReader {

    private static final JAXBContext CONTEXT;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(XmlDocument.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Map<String, Pattern> patternCache = new HashMap<>();

    /** Binds the document read from {@code in} (not closed here). */
    public static XmlDocument bind(InputStream in) {
        // the JDK's parser by name: an XML library on the classpath (the codec brings Woodstox) must not replace it
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(in);
            try {
                Unmarshaller unmarshaller = CONTEXT.createUnmarshaller();
                return unmarshaller.unmarshal(reader, XmlDocument.class).getValue();
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | JAXBException e) {
            throw new IllegalArgumentException("not a readable BBF data-model document: " + e, e);
        }
    }

    /** The models of the document at {@code in}, indexed. */
    public List<DataModel> read(InputStream in) {
        XmlDocument doc = bind(in);
        Map<String, XmlDataType> types = new HashMap<>();
        doc.dataTypes.forEach(t -> types.put(t.name, t));
        List<DataModel> models = new ArrayList<>();
        for (XmlModel model : doc.models) {
            models.add(index(model, types));
        }
        return models;
    }

    /** Reads a document from the class path. */
    public List<DataModel> readResource(String resource) {
        try (InputStream in = DataModelReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DataModel index(XmlModel model, Map<String, XmlDataType> types) {
        Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
        Map<String, ObjectSpec> objects = new LinkedHashMap<>();
        int[] unresolved = {0};
        for (XmlObject object : model.objects) {
            if ("deleted".equals(object.status) || object.name == null) {
                continue;
            }
            objects.put(object.name, new ObjectSpec(object.name, model.name, "readWrite".equals(object.access),
                    object.maxEntries == null || "unbounded".equals(object.maxEntries) ? -1
                            : Long.parseLong(object.maxEntries)));
            for (XmlParameter p : object.parameters) {
                if ("deleted".equals(p.status) || p.name == null || p.syntax == null) {
                    continue;
                }
                Facets facets = new Facets();
                if (!resolve(p.syntax, types, facets, 0)) {
                    unresolved[0]++;
                }
                String path = object.name + p.name;
                boolean writable = "readWrite".equals(p.access) || "writeOnceReadOnly".equals(p.access);
                parameters.put(path, facets.spec(path, model.name, writable, p.syntax.list != null,
                        p.syntax.list == null ? null : p.syntax.list.sizes, this));
            }
        }
        return new DataModel(model.name, parameters, objects, unresolved[0]);
    }

    /** Collects a syntax's base type and facets into {@code out}; false when a data type it names is unknown. */
    private static boolean resolve(XmlSyntax syntax, Map<String, XmlDataType> types, Facets out, int depth) {
        if (depth > 8) {
            return false; // a data type deriving from itself: no sane document has one
        }
        boolean resolved = true;
        if (syntax instanceof XmlDataType derived && derived.base != null) {
            XmlDataType base = types.get(derived.base);
            resolved = base != null && resolve(base, types, out, depth + 1);
        }
        XmlFacets typed = null;
        BaseType type = null;
        if (syntax.stringType != null) { typed = syntax.stringType; type = BaseType.STRING; }
        else if (syntax.booleanType != null) { typed = syntax.booleanType; type = BaseType.BOOLEAN; }
        else if (syntax.intType != null) { typed = syntax.intType; type = BaseType.INT; }
        else if (syntax.unsignedIntType != null) { typed = syntax.unsignedIntType; type = BaseType.UNSIGNED_INT; }
        else if (syntax.longType != null) { typed = syntax.longType; type = BaseType.LONG; }
        else if (syntax.unsignedLongType != null) { typed = syntax.unsignedLongType; type = BaseType.UNSIGNED_LONG; }
        else if (syntax.dateTimeType != null) { typed = syntax.dateTimeType; type = BaseType.DATE_TIME; }
        else if (syntax.base64Type != null) { typed = syntax.base64Type; type = BaseType.BASE64; }
        else if (syntax.hexBinaryType != null) { typed = syntax.hexBinaryType; type = BaseType.HEX_BINARY; }
        else if (syntax.decimalType != null) { typed = syntax.decimalType; type = BaseType.DECIMAL; }
        if (type != null) {
            out.type = type;
            out.refine(typed);
        } else if (syntax.dataTypeRef != null) {
            String ref = syntax.dataTypeRef.ref != null ? syntax.dataTypeRef.ref : syntax.dataTypeRef.base;
            XmlDataType named = ref == null ? null : types.get(ref);
            if (named == null) {
                resolved = false;
            } else {
                out.dataType = out.dataType == null ? named.name : out.dataType;
                resolved &= resolve(named, types, out, depth + 1);
            }
            out.refine(syntax.dataTypeRef); // a reference may narrow the type (a shorter size, a range)
        }
        if (syntax instanceof XmlDataType) {
            out.refine(syntax); // a derived type's own facets stand directly in it
        }
        return resolved;
    }

    Pattern pattern(String regex) {
        return patternCache.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                return null; // an XML-Schema regex Java does not read: the pattern is not checked
            }
        });
    }

    /** Facets collected from a parameter's syntax and the data types it derives from; narrower ones replace wider. */
    private static final class Facets {
        BaseType type = BaseType.STRING;
        String dataType;
        List<XmlFacets.Range> ranges = List.of();
        List<XmlFacets.Value> enumerations = List.of();
        boolean openEnumeration;
        List<XmlFacets.Size> sizes = List.of();
        List<XmlFacets.Value> patterns = List.of();

        void refine(XmlFacets f) {
            if (!f.ranges.isEmpty()) ranges = f.ranges;
            if (!f.enumerations.isEmpty()) enumerations = f.enumerations;
            if (!f.enumerationRefs.isEmpty()) openEnumeration = true;
            if (!f.sizes.isEmpty()) sizes = f.sizes;
            if (!f.patterns.isEmpty()) patterns = f.patterns;
        }

        ParameterSpec spec(String path, String model, boolean writable, boolean list, List<XmlFacets.Size> listSizes,
                           DataModelReader reader) {
            List<NumberRange> numberRanges = new ArrayList<>();
            for (XmlFacets.Range r : ranges) {
                numberRanges.add(new NumberRange(number(r.minInclusive), number(r.maxInclusive), number(r.step)));
            }
            Set<String> values = new HashSet<>();
            Set<String> readOnly = new HashSet<>();
            if (!openEnumeration) {
                for (XmlFacets.Value e : enumerations) {
                    if (e.value != null && !"deleted".equals(e.status)) {
                        values.add(e.value);
                        if ("readOnly".equals(e.access)) {
                            readOnly.add(e.value);
                        }
                    }
                }
            }
            List<Pattern> compiled = new ArrayList<>();
            for (XmlFacets.Value p : patterns) {
                Pattern c = p.value == null ? null : reader.pattern(p.value);
                if (c == null) {
                    compiled = List.of(); // one unreadable alternative: checking the others would refuse its values
                    break;
                }
                compiled.add(c);
            }
            List<XmlFacets.Size> lengths = list ? (listSizes == null ? List.of() : listSizes) : sizes;
            long min = -1;
            long max = -1;
            for (XmlFacets.Size s : lengths) {
                if (s.minLength != null) min = min < 0 ? s.minLength : Math.min(min, s.minLength);
                if (s.maxLength != null) max = Math.max(max, s.maxLength);
            }
            return new ParameterSpec(path, model, type, dataType, writable, list, numberRanges, values, readOnly, min,
                    max, compiled);
        }

        private static BigDecimal number(String text) {
            return text == null || text.isBlank() ? null : new BigDecimal(text.strip());
        }
    }
}
