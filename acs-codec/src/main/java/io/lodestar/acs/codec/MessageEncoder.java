package io.lodestar.acs.codec;

import static io.lodestar.acs.codec.CwmpNames.P_CWMP;
import static io.lodestar.acs.codec.CwmpNames.P_ENC;
import static io.lodestar.acs.codec.CwmpNames.P_ENV;
import static io.lodestar.acs.codec.CwmpNames.P_XSI;

import io.lodestar.acs.core.rpc.AcsGetRPCMethodsResponse;
import io.lodestar.acs.core.rpc.AddObject;
import io.lodestar.acs.core.rpc.AddObjectResponse;
import io.lodestar.acs.core.rpc.ArgStruct;
import io.lodestar.acs.core.rpc.AutonomousTransferComplete;
import io.lodestar.acs.core.rpc.CancelTransfer;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.DUStateChangeComplete;
import io.lodestar.acs.core.rpc.DeleteObject;
import io.lodestar.acs.core.rpc.DeleteObjectResponse;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.Download;
import io.lodestar.acs.core.rpc.DownloadResponse;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.rpc.GetAllQueuedTransfersResponse;
import io.lodestar.acs.core.rpc.GetParameterAttributes;
import io.lodestar.acs.core.rpc.GetParameterAttributesResponse;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.GetRPCMethodsResponse;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.OpResultStruct;
import io.lodestar.acs.core.rpc.ParameterAttributeStruct;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.QueuedTransferStruct;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.RequestDownload;
import io.lodestar.acs.core.rpc.ScheduleInform;
import io.lodestar.acs.core.rpc.SetParameterAttributes;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.core.rpc.TransferComplete;
import io.lodestar.acs.core.rpc.UnknownMethod;
import io.lodestar.acs.core.rpc.Upload;
import io.lodestar.acs.core.rpc.UploadResponse;
import java.util.List;

/**
 * Writes the Body's message in the shape the CWMP schemas require (checked against cwmp-1-0 ... 1-4.xsd by
 * the tests): every schema-required field present, even when the record holds nothing (an empty element,
 * or for dateTime fields the TR-069 "unknown time" {@code 0001-01-01T00:00:00Z}); arrays with
 * {@code soapenc:arrayType} and their true count; xsi:type only on {@code Value} (on other elements the
 * schemas name their own types and a mismatching xsi:type makes the message invalid); booleans as 1/0.
 *
 * <p>DUStateChangeComplete's Results are written the schema's way, one {@code <Results>} element per
 * OpResultStruct; the decoder also reads TR-069's array form.
 */
final class MessageEncoder {

    /** TR-069's value for "time not known", used where the schema needs a dateTime and the record has none. */
    static final String UNKNOWN_TIME = "0001-01-01T00:00:00Z";

    private MessageEncoder() {}

    static void write(CwmpMessage m, XmlSink out) {
        if (m instanceof CwmpFault f) {
            fault(f, out);
            return;
        }
        if (m instanceof UnknownMethod u) {
            unknown(u, out);
            return;
        }
        out.start(P_CWMP, m.methodName());
        fields(m, out);
        out.end();
    }

    private static void fields(CwmpMessage m, XmlSink out) {
        if (m instanceof Inform i) {
            inform(i, out);
        } else if (m instanceof InformResponse r) {
            out.leaf("MaxEnvelopes", Integer.toString(r.maxEnvelopes()));
        } else if (m instanceof GetParameterValues g) {
            strings("ParameterNames", g.parameterNames(), out);
        } else if (m instanceof GetParameterValuesResponse g) {
            parameterValues(g.parameterList(), out);
        } else if (m instanceof SetParameterValues s) {
            parameterValues(s.parameterList(), out);
            out.leaf("ParameterKey", s.parameterKey());
        } else if (m instanceof SetParameterValuesResponse s) {
            out.leaf("Status", Integer.toString(s.status()));
        } else if (m instanceof GetParameterNames g) {
            out.leaf("ParameterPath", g.parameterPath());
            out.leaf("NextLevel", flag(g.nextLevel()));
        } else if (m instanceof GetParameterNamesResponse g) {
            parameterInfos(g.parameterList(), out);
        } else if (m instanceof GetParameterAttributes g) {
            strings("ParameterNames", g.parameterNames(), out);
        } else if (m instanceof GetParameterAttributesResponse g) {
            parameterAttributes(g.parameterList(), out);
        } else if (m instanceof SetParameterAttributes s) {
            setParameterAttributes(s.parameterList(), out);
        } else if (m instanceof AddObject a) {
            out.leaf("ObjectName", a.objectName());
            out.leaf("ParameterKey", a.parameterKey());
        } else if (m instanceof AddObjectResponse a) {
            out.leaf("InstanceNumber", Long.toString(a.instanceNumber()));
            out.leaf("Status", Integer.toString(a.status()));
        } else if (m instanceof DeleteObject d) {
            out.leaf("ObjectName", d.objectName());
            out.leaf("ParameterKey", d.parameterKey());
        } else if (m instanceof DeleteObjectResponse d) {
            out.leaf("Status", Integer.toString(d.status()));
        } else if (m instanceof GetRPCMethodsResponse g) {
            strings("MethodList", g.methodList(), out);
        } else if (m instanceof AcsGetRPCMethodsResponse g) {
            strings("MethodList", g.methodList(), out);
        } else if (m instanceof Reboot r) {
            out.leaf("CommandKey", r.commandKey());
        } else if (m instanceof Download d) {
            download(d, out);
        } else if (m instanceof DownloadResponse d) {
            transferResult(d.status(), d.startTime(), d.completeTime(), out);
        } else if (m instanceof Upload u) {
            upload(u, out);
        } else if (m instanceof UploadResponse u) {
            transferResult(u.status(), u.startTime(), u.completeTime(), out);
        } else if (m instanceof ScheduleInform s) {
            out.leaf("DelaySeconds", Integer.toString(s.delaySeconds()));
            out.leaf("CommandKey", text(s.commandKey()));
        } else if (m instanceof CancelTransfer c) {
            out.leaf("CommandKey", text(c.commandKey()));
        } else if (m instanceof GetAllQueuedTransfersResponse g) {
            queuedTransfers(g.transferList(), out);
        } else if (m instanceof TransferComplete t) {
            out.leaf("CommandKey", text(t.commandKey()));
            faultStruct("FaultStruct", t.fault(), out);
            out.leaf("StartTime", time(t.startTime()));
            out.leaf("CompleteTime", time(t.completeTime()));
        } else if (m instanceof AutonomousTransferComplete a) {
            autonomousTransferComplete(a, out);
        } else if (m instanceof RequestDownload r) {
            requestDownload(r, out);
        } else if (m instanceof DUStateChangeComplete d) {
            duStateChangeComplete(d, out);
        } else {
            TransferMessageCodec.writeFields(m, out);
        }
        // every other message (GetRPCMethods, FactoryReset, the empty responses, ...) has no fields
    }

    static String text(String s) {
        return s == null ? "" : s;
    }

    static String time(String s) {
        return s == null || s.isBlank() ? UNKNOWN_TIME : s;
    }

    static String flag(boolean b) {
        return b ? "1" : "0";
    }

    static void array(String name, String itemType, int count, XmlSink out) {
        out.start(null, name);
        out.attribute(P_ENC, "arrayType", itemType + "[" + count + "]");
    }

    private static void strings(String name, List<String> values, XmlSink out) {
        array(name, "xsd:string", values.size(), out);
        for (String v : values) {
            out.leaf("string", v);
        }
        out.end();
    }

    private static void inform(Inform i, XmlSink out) {
        DeviceIdStruct id = i.deviceId() == null ? new DeviceIdStruct("", "", "", "") : i.deviceId();
        out.start(null, "DeviceId");
        out.leaf("Manufacturer", id.manufacturer());
        out.leaf("OUI", id.oui());
        out.leaf("ProductClass", id.productClass());
        out.leaf("SerialNumber", id.serialNumber());
        out.end();
        array("Event", "cwmp:EventStruct", i.events().size(), out);
        for (EventStruct e : i.events()) {
            out.start(null, "EventStruct");
            out.leaf("EventCode", e.eventCode());
            out.leaf("CommandKey", e.commandKey());
            out.end();
        }
        out.end();
        out.leaf("MaxEnvelopes", Integer.toString(i.maxEnvelopes()));
        out.leaf("CurrentTime", time(i.currentTime()));
        out.leaf("RetryCount", Integer.toString(i.retryCount()));
        parameterValues(i.parameterList(), out);
    }

    private static void parameterValues(List<ParameterValueStruct> params, XmlSink out) {
        array("ParameterList", "cwmp:ParameterValueStruct", params.size(), out);
        for (ParameterValueStruct p : params) {
            out.start(null, "ParameterValueStruct");
            out.leaf("Name", p.name());
            out.start(null, "Value");
            out.attribute(P_XSI, "type", p.type().indexOf(':') < 0 ? "xsd:" + p.type() : p.type());
            out.text(p.value());
            out.end();
            out.end();
        }
        out.end();
    }

    private static void parameterInfos(List<ParameterInfoStruct> infos, XmlSink out) {
        array("ParameterList", "cwmp:ParameterInfoStruct", infos.size(), out);
        for (ParameterInfoStruct p : infos) {
            out.start(null, "ParameterInfoStruct");
            out.leaf("Name", p.name());
            out.leaf("Writable", flag(p.writable()));
            out.end();
        }
        out.end();
    }

    private static void parameterAttributes(List<ParameterAttributeStruct> attrs, XmlSink out) {
        array("ParameterList", "cwmp:ParameterAttributeStruct", attrs.size(), out);
        for (ParameterAttributeStruct a : attrs) {
            out.start(null, "ParameterAttributeStruct");
            out.leaf("Name", a.name());
            out.leaf("Notification", Integer.toString(a.notification()));
            strings("AccessList", a.accessList(), out);
            out.end();
        }
        out.end();
    }

    private static void setParameterAttributes(List<SetParameterAttributesStruct> attrs, XmlSink out) {
        array("ParameterList", "cwmp:SetParameterAttributesStruct", attrs.size(), out);
        for (SetParameterAttributesStruct a : attrs) {
            out.start(null, "SetParameterAttributesStruct");
            out.leaf("Name", a.name());
            out.leaf("NotificationChange", flag(a.notificationChange()));
            out.leaf("Notification", Integer.toString(a.notification()));
            out.leaf("AccessListChange", flag(a.accessListChange()));
            strings("AccessList", a.accessList(), out);
            out.end();
        }
        out.end();
    }

    private static void download(Download d, XmlSink out) {
        out.leaf("CommandKey", text(d.commandKey()));
        out.leaf("FileType", text(d.fileType()));
        out.leaf("URL", text(d.url()));
        out.leaf("Username", text(d.username()));
        out.leaf("Password", text(d.password()));
        out.leaf("FileSize", Long.toString(d.fileSize()));
        out.leaf("TargetFileName", text(d.targetFileName()));
        out.leaf("DelaySeconds", Integer.toString(d.delaySeconds()));
        out.leaf("SuccessURL", text(d.successUrl()));
        out.leaf("FailureURL", text(d.failureUrl()));
    }

    private static void upload(Upload u, XmlSink out) {
        out.leaf("CommandKey", text(u.commandKey()));
        out.leaf("FileType", text(u.fileType()));
        out.leaf("URL", text(u.url()));
        out.leaf("Username", text(u.username()));
        out.leaf("Password", text(u.password()));
        out.leaf("DelaySeconds", Integer.toString(u.delaySeconds()));
    }

    private static void transferResult(int status, String start, String complete, XmlSink out) {
        out.leaf("Status", Integer.toString(status));
        out.leaf("StartTime", time(start));
        out.leaf("CompleteTime", time(complete));
    }

    private static void queuedTransfers(List<QueuedTransferStruct> transfers, XmlSink out) {
        array("TransferList", "cwmp:AllQueuedTransferStruct", transfers.size(), out);
        for (QueuedTransferStruct t : transfers) {
            out.start(null, "AllQueuedTransferStruct");
            out.leaf("CommandKey", text(t.commandKey()));
            out.leaf("State", Integer.toString(t.state()));
            out.leaf("IsDownload", flag(t.isDownload()));
            out.leaf("FileType", text(t.fileType()));
            out.leaf("FileSize", Long.toString(t.fileSize()));
            out.leaf("TargetFileName", text(t.targetFileName()));
            out.end();
        }
        out.end();
    }

    static void faultStruct(String name, FaultStruct fault, XmlSink out) {
        FaultStruct f = fault == null ? FaultStruct.NONE : fault;
        out.start(null, name);
        out.leaf("FaultCode", Integer.toString(f.faultCode()));
        out.leaf("FaultString", f.faultString());
        out.end();
    }

    private static void autonomousTransferComplete(AutonomousTransferComplete a, XmlSink out) {
        out.leaf("AnnounceURL", text(a.announceUrl()));
        out.leaf("TransferURL", text(a.transferUrl()));
        out.leaf("IsDownload", flag(a.isDownload()));
        out.leaf("FileType", text(a.fileType()));
        out.leaf("FileSize", Long.toString(a.fileSize()));
        out.leaf("TargetFileName", text(a.targetFileName()));
        faultStruct("FaultStruct", a.fault(), out);
        out.leaf("StartTime", time(a.startTime()));
        out.leaf("CompleteTime", time(a.completeTime()));
    }

    private static void requestDownload(RequestDownload r, XmlSink out) {
        out.leaf("FileType", text(r.fileType()));
        array("FileTypeArg", "cwmp:ArgStruct", r.fileTypeArg().size(), out);
        for (ArgStruct a : r.fileTypeArg()) {
            out.start(null, "ArgStruct");
            out.leaf("Name", text(a.name()));
            out.leaf("Value", text(a.value()));
            out.end();
        }
        out.end();
    }

    private static void duStateChangeComplete(DUStateChangeComplete d, XmlSink out) {
        for (OpResultStruct r : d.results()) {
            out.start(null, "Results");
            out.leaf("UUID", text(r.uuid()));
            out.leaf("DeploymentUnitRef", text(r.deploymentUnitRef()));
            out.leaf("Version", text(r.version()));
            out.leaf("CurrentState", text(r.currentState()));
            out.leaf("Resolved", flag(r.resolved()));
            out.leaf("ExecutionUnitRefList", "");
            out.leaf("StartTime", time(r.startTime()));
            out.leaf("CompleteTime", time(r.completeTime()));
            faultStruct("Fault", r.fault(), out);
            out.end();
        }
        out.leaf("CommandKey", text(d.commandKey()));
    }

    private static void fault(CwmpFault f, XmlSink out) {
        out.start(P_ENV, "Fault");
        String code = f.soapFaultCode();
        out.leaf("faultcode", P_ENV + ":" + code.substring(code.indexOf(':') + 1));
        if (f.isSoapOnly()) {
            // SOAP 1.1 section 4.4: no detail for a fault about the header (MustUnderstand)
            out.leaf("faultstring", f.faultString());
            out.end();
            return;
        }
        out.leaf("faultstring", "CWMP fault");
        out.start(null, "detail");
        out.start(P_CWMP, "Fault");
        out.leaf("FaultCode", Integer.toString(f.faultCode()));
        out.leaf("FaultString", f.faultString());
        for (CwmpFault.SetParameterValuesFault s : f.setParameterValuesFaults()) {
            out.start(null, "SetParameterValuesFault");
            out.leaf("ParameterName", text(s.parameterName()));
            out.leaf("FaultCode", Integer.toString(s.faultCode()));
            out.leaf("FaultString", text(s.faultString()));
            out.end();
        }
        out.end();
        out.end();
        out.end();
    }

    /** An unknown method is written as an empty element in its own namespace (for tests and the simulator). */
    private static void unknown(UnknownMethod u, XmlSink out) {
        String ns = u.namespace() == null ? "" : u.namespace();
        if (ns.isEmpty()) {
            out.start(null, u.methodName());
        } else {
            out.start("m", u.methodName());
            out.namespace("m", ns);
        }
        out.end();
    }
}
