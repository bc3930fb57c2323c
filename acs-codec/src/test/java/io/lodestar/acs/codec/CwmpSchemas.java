package io.lodestar.acs.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.catalog.CatalogFeatures;
import javax.xml.catalog.CatalogManager;
import javax.xml.catalog.CatalogResolver;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates envelopes against soap-envelope.xsd plus the CWMP schema of their namespace (cwmp-1-4.xsd for
 * cwmp-1-2, as xsd/README.md says), offline: every remote schemaLocation is resolved through xsd/catalog.xml
 * and only file: access is allowed.
 *
 * <p>One tolerance: the JDK's Xerces checks the {@code fixed} value of the {@code mustUnderstand} attribute
 * uses (fixed="1" on cwmp:ID, fixed="0" on SessionTimeout) in canonical form ("true"/"false") against the
 * attribute type's pattern {@code 0|1} and reports a schema error, which libxml2 does not. Those compile
 * errors, and only those, are ignored; the pattern itself still applies to instance documents.
 */
final class CwmpSchemas {

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private CwmpSchemas() {}

    /** Throws SAXException with the validator's message when {@code xml} is invalid. */
    static void validate(String cwmpNamespace, byte[] xml) throws SAXException, IOException {
        schema(cwmpNamespace).newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    static Schema schema(String cwmpNamespace) {
        String file = switch (cwmpNamespace) {
            case "urn:dslforum-org:cwmp-1-0" -> "cwmp-1-0.xsd";
            case "urn:dslforum-org:cwmp-1-1" -> "cwmp-1-1.xsd";
            case "urn:dslforum-org:cwmp-1-2" -> "cwmp-1-4.xsd";
            default -> throw new IllegalArgumentException(cwmpNamespace);
        };
        return SCHEMAS.computeIfAbsent(file, CwmpSchemas::compile);
    }

    private static Schema compile(String cwmpFile) {
        var xsd = Conformance.xsd();
        CatalogResolver resolver = CatalogManager.catalogResolver(
                CatalogFeatures.builder().with(CatalogFeatures.Feature.RESOLVE, "strict").build(),
                xsd.resolve("catalog.xml").toUri());
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setResourceResolver(resolver);
            factory.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {}

                @Override
                public void error(SAXParseException e) throws SAXException {
                    if (!e.getMessage().contains("mustUnderstand")) {
                        throw e;
                    }
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return factory.newSchema(new Source[] {
                new StreamSource(xsd.resolve("soap-envelope.xsd").toFile()),
                new StreamSource(xsd.resolve(cwmpFile).toFile())
            });
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + cwmpFile, e);
        }
    }
}
