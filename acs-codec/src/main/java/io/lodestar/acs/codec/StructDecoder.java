package io.lodestar.acs.codec;

import io.lodestar.acs.core.rpc.ArgStruct;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.rpc.OpResultStruct;
import io.lodestar.acs.core.rpc.ParameterAttributeStruct;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.QueuedTransferStruct;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * Reads the structures several messages share (ParameterValueStruct, EventStruct, FaultStruct, ...) and
 * SOAP arrays of them.
 *
 * <p>Arrays are read by their children, whatever those are called and whatever {@code soapenc:arrayType}
 * claims: devices write counts like {@code [0008]}, wrong counts, no arrayType at all, or
 * {@code xsi:type="SOAP-ENC:Array"}. Fields are matched by local name in any order; unknown fields are
 * skipped; missing fields take their neutral value ("" or 0), so that one vendor's omission does not make
 * a whole message unreadable.
 */
final class StructDecoder {

    /** Reads one item of an array, the cursor on its start tag; must consume it through its end tag. */
    @FunctionalInterface
    interface Item<T> {
        T read(XmlCursor c) throws XMLStreamException, MalformedMessageException;
    }

    private StructDecoder() {}

    static <T> List<T> list(XmlCursor c, Item<T> item) throws XMLStreamException, MalformedMessageException {
        List<T> items = new ArrayList<>();
        while (c.nextChild()) {
            items.add(item.read(c));
        }
        return items;
    }

    /** An array of xsd:string (ParameterNames, MethodList, AccessList), each trimmed. */
    static List<String> strings(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        return list(c, XmlCursor::token);
    }

    static ParameterValueStruct parameterValue(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String name = "";
        String value = "";
        String type = ParameterValueStruct.STRING;
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Name" -> name = c.token();
                case "Value" -> {
                    type = normaliseType(c.typeAttribute(), c);
                    value = c.text();
                }
                default -> c.skip();
            }
        }
        return new ParameterValueStruct(name, value, type);
    }

    /**
     * The xsi:type of a Value as {@code xsd:<local>}, whatever prefix the document bound to XML Schema
     * (xs:, xsd:, none at all, or the SOAP encoding namespace, whose simple types mirror XML Schema's).
     * A prefix bound to some other namespace is kept as written; no type means xsd:string.
     */
    static String normaliseType(String raw, XmlCursor c) {
        if (raw == null) {
            return ParameterValueStruct.STRING;
        }
        String t = raw.trim();
        if (t.isEmpty()) {
            return ParameterValueStruct.STRING;
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            return "xsd:" + t;
        }
        String ns = c.namespaceOf(t.substring(0, colon));
        if (ns == null || CwmpNames.isXsd(ns) || CwmpNames.SOAP_ENC.equals(ns)) {
            return colon == 3 && t.startsWith("xsd") ? t : "xsd:" + t.substring(colon + 1);
        }
        return t;
    }

    static ParameterInfoStruct parameterInfo(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String name = "";
        boolean writable = false;
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Name" -> name = c.token();
                case "Writable" -> writable = Lexical.parseBoolean(c.text());
                default -> c.skip();
            }
        }
        return new ParameterInfoStruct(name, writable);
    }

    static ParameterAttributeStruct parameterAttribute(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String name = "";
        int notification = 0;
        List<String> access = List.of();
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Name" -> name = c.token();
                case "Notification" -> notification = Lexical.parseInt("Notification", c.text());
                case "AccessList" -> access = strings(c);
                default -> c.skip();
            }
        }
        return new ParameterAttributeStruct(name, notification, access);
    }

    static SetParameterAttributesStruct setParameterAttributes(XmlCursor c)
            throws XMLStreamException, MalformedMessageException {
        String name = "";
        boolean notificationChange = false;
        int notification = 0;
        boolean accessListChange = false;
        List<String> access = List.of();
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Name" -> name = c.token();
                case "NotificationChange" -> notificationChange = Lexical.parseBoolean(c.text());
                case "Notification" -> notification = Lexical.parseInt("Notification", c.text());
                case "AccessListChange" -> accessListChange = Lexical.parseBoolean(c.text());
                case "AccessList" -> access = strings(c);
                default -> c.skip();
            }
        }
        return new SetParameterAttributesStruct(name, notificationChange, notification, accessListChange, access);
    }

    static DeviceIdStruct deviceId(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String manufacturer = "";
        String oui = "";
        String productClass = "";
        String serial = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Manufacturer" -> manufacturer = c.text();
                case "OUI" -> oui = c.text();
                case "ProductClass" -> productClass = c.text();
                case "SerialNumber" -> serial = c.text();
                default -> c.skip();
            }
        }
        return new DeviceIdStruct(manufacturer, oui, productClass, serial);
    }

    static EventStruct event(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String code = "";
        String key = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "EventCode" -> code = c.text();
                case "CommandKey" -> key = c.text();
                default -> c.skip();
            }
        }
        return new EventStruct(code, key);
    }

    /** FaultStruct of TransferComplete, Fault of OpResultStruct: code 0 means success. */
    static FaultStruct fault(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        int code = 0;
        String text = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "FaultCode" -> code = Lexical.parseInt("FaultCode", c.text());
                case "FaultString" -> text = c.text();
                default -> c.skip();
            }
        }
        return new FaultStruct(code, text);
    }

    static ArgStruct arg(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String name = "";
        String value = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Name" -> name = c.token();
                case "Value" -> value = c.text();
                default -> c.skip();
            }
        }
        return new ArgStruct(name, value);
    }

    /** An AllQueuedTransferStruct (or the 1.0 QueuedTransferStruct, whose extra fields are then absent). */
    static QueuedTransferStruct queuedTransfer(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String key = "";
        int state = 0;
        boolean isDownload = false;
        String fileType = "";
        long fileSize = 0;
        String target = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "CommandKey" -> key = c.text();
                case "State" -> state = Lexical.parseInt("State", c.text());
                case "IsDownload" -> isDownload = Lexical.parseBoolean(c.text());
                case "FileType" -> fileType = c.token();
                case "FileSize" -> fileSize = Lexical.parseLong("FileSize", c.text());
                case "TargetFileName" -> target = c.text();
                default -> c.skip();
            }
        }
        return new QueuedTransferStruct(key, state, isDownload, fileType, fileSize, target);
    }

    /**
     * DUStateChangeComplete's Results in both forms found in the field: the XSD's repeated
     * {@code <Results>} elements that are each one OpResultStruct, and TR-069's SOAP array
     * {@code <Results soapenc:arrayType="cwmp:OpResultStruct[n]"><OpResultStruct>...}. Adds what it reads.
     */
    static void opResults(XmlCursor c, List<OpResultStruct> into) throws XMLStreamException, MalformedMessageException {
        OpResultFields direct = null;
        while (c.nextChild()) {
            if (OpResultFields.isField(c.localName())) {
                if (direct == null) {
                    direct = new OpResultFields();
                }
                direct.read(c);
            } else {
                OpResultFields item = new OpResultFields();
                while (c.nextChild()) {
                    item.read(c);
                }
                into.add(item.build());
            }
        }
        if (direct != null) {
            into.add(direct.build());
        }
    }

    /** Collects the fields of one OpResultStruct, wherever they come from. */
    private static final class OpResultFields {
        String uuid = "";
        String unitRef = "";
        String version = "";
        String state = "";
        boolean resolved;
        String start = "";
        String complete = "";
        FaultStruct fault = FaultStruct.NONE;

        static boolean isField(String name) {
            return switch (name) {
                case "UUID", "DeploymentUnitRef", "Version", "CurrentState", "Resolved", "ExecutionUnitRefList",
                        "StartTime", "CompleteTime", "Fault" -> true;
                default -> false;
            };
        }

        void read(XmlCursor c) throws XMLStreamException, MalformedMessageException {
            switch (c.localName()) {
                case "UUID" -> uuid = c.token();
                case "DeploymentUnitRef" -> unitRef = c.token();
                case "Version" -> version = c.text();
                case "CurrentState" -> state = c.token();
                case "Resolved" -> resolved = Lexical.parseBoolean(c.text());
                case "StartTime" -> start = c.token();
                case "CompleteTime" -> complete = c.token();
                case "Fault" -> fault = fault(c);
                default -> c.skip();
            }
        }

        OpResultStruct build() {
            return new OpResultStruct(uuid, unitRef, version, state, resolved, start, complete, fault);
        }
    }
}
