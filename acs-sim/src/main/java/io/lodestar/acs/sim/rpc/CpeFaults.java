package io.lodestar.acs.sim.rpc;

import io.lodestar.acs.core.rpc.CwmpFault;

import java.util.List;

/** The CPE fault codes of TR-069 (9000 series) and the SOAP fault code each goes with. */
public final class CpeFaults {

    public static final int METHOD_NOT_SUPPORTED = 9000;
    public static final int REQUEST_DENIED = 9001;
    public static final int INTERNAL_ERROR = 9002;
    public static final int INVALID_ARGUMENTS = 9003;
    public static final int RESOURCES_EXCEEDED = 9004;
    public static final int INVALID_PARAMETER_NAME = 9005;
    public static final int INVALID_PARAMETER_TYPE = 9006;
    public static final int INVALID_PARAMETER_VALUE = 9007;
    public static final int NON_WRITABLE_PARAMETER = 9008;
    public static final int NOTIFICATION_REQUEST_REJECTED = 9009;
    public static final int DOWNLOAD_FAILURE = 9010;
    public static final int UPLOAD_FAILURE = 9011;
    public static final int FILE_SERVER_AUTHENTICATION = 9012;
    public static final int UNSUPPORTED_PROTOCOL = 9013;
    public static final int CANNOT_CONTACT_SERVER = 9015;
    public static final int CANNOT_ACCESS_FILE = 9016;
    public static final int CANNOT_COMPLETE = 9017;
    public static final int FILE_CORRUPTED = 9018;
    public static final int CANCELATION_NOT_PERMITTED = 9021;

    private CpeFaults() {}

    /** The fault's standard text, e.g. "Invalid parameter name" for 9005. */
    public static String text(int code) {
        return switch (code) {
            case METHOD_NOT_SUPPORTED -> "Method not supported";
            case REQUEST_DENIED -> "Request denied";
            case INTERNAL_ERROR -> "Internal error";
            case INVALID_ARGUMENTS -> "Invalid arguments";
            case RESOURCES_EXCEEDED -> "Resources exceeded";
            case INVALID_PARAMETER_NAME -> "Invalid parameter name";
            case INVALID_PARAMETER_TYPE -> "Invalid parameter type";
            case INVALID_PARAMETER_VALUE -> "Invalid parameter value";
            case NON_WRITABLE_PARAMETER -> "Attempt to set a non-writable parameter";
            case NOTIFICATION_REQUEST_REJECTED -> "Notification request rejected";
            case DOWNLOAD_FAILURE -> "File transfer failure";
            case UPLOAD_FAILURE -> "Upload failure";
            case UNSUPPORTED_PROTOCOL -> "Unsupported protocol for file transfer";
            case FILE_SERVER_AUTHENTICATION -> "File transfer server authentication failure";
            case CANNOT_CONTACT_SERVER -> "Download failure: unable to contact file server";
            case CANNOT_ACCESS_FILE -> "Download failure: unable to access file";
            case CANNOT_COMPLETE -> "Download failure: unable to complete download";
            case FILE_CORRUPTED -> "Download failure: file corrupted";
            case CANCELATION_NOT_PERMITTED -> "Cancelation of file transfer not permitted in current transfer state";
            default -> "Fault " + code;
        };
    }

    /** "Client" for faults caused by the request's content (9003, 9005-9008, 9021+), "Server" otherwise. */
    public static String soapFaultCode(int code) {
        return switch (code) {
            case INVALID_ARGUMENTS, INVALID_PARAMETER_NAME, INVALID_PARAMETER_TYPE, INVALID_PARAMETER_VALUE,
                 NON_WRITABLE_PARAMETER -> "Client";
            default -> code >= CANCELATION_NOT_PERMITTED ? "Client" : "Server";
        };
    }

    /** A CPE fault with the standard text followed by a detail, e.g. "Invalid parameter name: Device.Foo". */
    public static CwmpFault of(int code, String detail) {
        String text = detail == null || detail.isEmpty() ? text(code) : text(code) + ": " + detail;
        return new CwmpFault(soapFaultCode(code), code, text, List.of());
    }

    /** The fault of a failed SetParameterValues: 9003 with one entry per parameter in error. */
    public static CwmpFault setParameterValues(List<CwmpFault.SetParameterValuesFault> entries) {
        return new CwmpFault("Client", INVALID_ARGUMENTS, text(INVALID_ARGUMENTS), entries);
    }

    public static CwmpFault.SetParameterValuesFault entry(String name, int code) {
        return new CwmpFault.SetParameterValuesFault(name, code, text(code));
    }
}
