package io.lodestar.acs.codec;

/** The namespace URIs and prefixes the codec reads and writes, in one place so reader and writer agree. */
final class CwmpNames {

    static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP_ENC = "http://schemas.xmlsoap.org/soap/encoding/";
    static final String XSD = "http://www.w3.org/2001/XMLSchema";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    /** Every CWMP namespace starts with this; the suffix is the namespace's version, e.g. {@code 1-2}. */
    static final String CWMP_PREFIX = "urn:dslforum-org:cwmp-";

    static final String P_ENV = "soapenv";
    static final String P_ENC = "soapenc";
    static final String P_XSD = "xsd";
    static final String P_XSI = "xsi";
    static final String P_CWMP = "cwmp";

    private CwmpNames() {}

    static boolean isCwmp(String namespace) {
        return namespace != null && namespace.startsWith(CWMP_PREFIX);
    }

    /** XML Schema namespaces as written by old and new toolkits; all name the same built-in types. */
    static boolean isXsd(String namespace) {
        return XSD.equals(namespace) || "http://www.w3.org/1999/XMLSchema".equals(namespace)
                || "http://www.w3.org/2000/10/XMLSchema".equals(namespace);
    }
}
