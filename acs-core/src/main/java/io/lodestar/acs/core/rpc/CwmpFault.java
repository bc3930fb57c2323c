package io.lodestar.acs.core.rpc;

import java.util.List;

/**
 * A SOAP fault carrying a CWMP fault: 8000-series codes from the ACS, 9000-series from the CPE.
 *
 * @param soapFaultCode        "Client" or "Server" (the SOAP faultcode, without prefix)
 * @param faultCode            the CWMP fault code, e.g. 9005 Invalid parameter name
 * @param faultString          its human-readable text
 * @param setParameterValuesFaults per-parameter faults of a failed SetParameterValues
 */
public record CwmpFault(String soapFaultCode, int faultCode, String faultString,
                        List<SetParameterValuesFault> setParameterValuesFaults) implements CwmpMessage {

    public static final int METHOD_NOT_SUPPORTED = 8000;
    public static final int REQUEST_DENIED = 8001;
    public static final int INTERNAL_ERROR = 8002;
    public static final int INVALID_ARGUMENTS = 8003;
    public static final int RESOURCES_EXCEEDED = 8004;
    public static final int RETRY_REQUEST = 8005;

    public CwmpFault {
        soapFaultCode = soapFaultCode == null || soapFaultCode.isEmpty() ? "Client" : soapFaultCode;
        faultString = faultString == null ? "" : faultString;
        setParameterValuesFaults = List.copyOf(setParameterValuesFaults);
    }

    /** A fault the ACS raises about the CPE's message. */
    public static CwmpFault acs(int code, String text) {
        return new CwmpFault(code == INTERNAL_ERROR ? "Server" : "Client", code, text, List.of());
    }

    /**
     * The SOAP 1.1 MustUnderstand fault (section 4.4.1) for header elements marked {@code mustUnderstand="1"}
     * that were not understood: a SOAP-only fault, without a CWMP detail.
     */
    public static CwmpFault mustUnderstand(List<String> headerElements) {
        return new CwmpFault("MustUnderstand", 0, "Header elements not understood: "
                + String.join(", ", headerElements), List.of());
    }

    /** Whether this is a plain SOAP fault without a CWMP fault detail (its code is 0). */
    public boolean isSoapOnly() {
        return faultCode == 0;
    }

    @Override
    public String methodName() {
        return "Fault";
    }

    /** One parameter's fault inside a SetParameterValues fault. */
    public record SetParameterValuesFault(String parameterName, int faultCode, String faultString) {}
}
