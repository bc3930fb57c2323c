package io.lodestar.acs.codec;

import static io.lodestar.acs.codec.CwmpNames.P_CWMP;
import static io.lodestar.acs.codec.CwmpNames.P_XSI;

import io.lodestar.acs.core.rpc.AutonOpResultStruct;
import io.lodestar.acs.core.rpc.AutonomousDUStateChangeComplete;
import io.lodestar.acs.core.rpc.AutonomousDUStateChangeCompleteResponse;
import io.lodestar.acs.core.rpc.ChangeDUState;
import io.lodestar.acs.core.rpc.ChangeDUStateResponse;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.DeploymentUnitOperation;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.rpc.GetQueuedTransfers;
import io.lodestar.acs.core.rpc.GetQueuedTransfersResponse;
import io.lodestar.acs.core.rpc.Kicked;
import io.lodestar.acs.core.rpc.KickedResponse;
import io.lodestar.acs.core.rpc.OpResultStruct;
import io.lodestar.acs.core.rpc.ScheduleDownload;
import io.lodestar.acs.core.rpc.ScheduleDownloadResponse;
import io.lodestar.acs.core.rpc.TimeWindowStruct;
import io.lodestar.acs.core.rpc.TransferStateStruct;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * The transfer and deployment-unit RPCs that arrived with CWMP 1.1/1.2 and the Kicked pair: ScheduleDownload,
 * GetQueuedTransfers, ChangeDUState, Kicked, AutonomousDUStateChangeComplete and their responses. Kept apart from
 * {@link MessageEncoder}/{@link MessageDecoder}, which hand over every name they do not know, in the same style:
 * fields by local name in any order on reading, the schema's order and every required field on writing.
 *
 * <p>ChangeDUState's {@code Operations} are of the schema's abstract {@code OperationStruct}, so each carries
 * {@code xsi:type} ({@code cwmp:InstallOpStruct}, ...); a reader without it is told the kind by the fields present.
 */
final class TransferMessageCodec {

    private TransferMessageCodec() {}

    /** Writes the fields of {@code m} if it is one of this class's messages; the empty ones have none. */
    static void writeFields(CwmpMessage m, XmlSink out) {
        if (m instanceof ScheduleDownload s) {
            scheduleDownload(s, out);
        } else if (m instanceof GetQueuedTransfersResponse g) {
            MessageEncoder.array("TransferList", "cwmp:QueuedTransferStruct", g.transferList().size(), out);
            for (TransferStateStruct t : g.transferList()) {
                out.start(null, "QueuedTransferStruct");
                out.leaf("CommandKey", MessageEncoder.text(t.commandKey()));
                out.leaf("State", Integer.toString(t.state()));
                out.end();
            }
            out.end();
        } else if (m instanceof ChangeDUState c) {
            for (DeploymentUnitOperation op : c.operations()) {
                operation(op, out);
            }
            out.leaf("CommandKey", MessageEncoder.text(c.commandKey()));
        } else if (m instanceof Kicked k) {
            out.leaf("Command", MessageEncoder.text(k.command()));
            out.leaf("Referer", MessageEncoder.text(k.referer()));
            out.leaf("Arg", MessageEncoder.text(k.arg()));
            out.leaf("Next", MessageEncoder.text(k.next()));
        } else if (m instanceof KickedResponse k) {
            out.leaf("NextURL", MessageEncoder.text(k.nextUrl()));
        } else if (m instanceof AutonomousDUStateChangeComplete a) {
            for (AutonOpResultStruct r : a.results()) {
                out.start(null, "Results");
                opResultFields(r.result(), out);
                out.leaf("OperationPerformed", MessageEncoder.text(r.operationPerformed()));
                out.end();
            }
        }
    }

    private static void scheduleDownload(ScheduleDownload s, XmlSink out) {
        out.leaf("CommandKey", MessageEncoder.text(s.commandKey()));
        out.leaf("FileType", MessageEncoder.text(s.fileType()));
        out.leaf("URL", MessageEncoder.text(s.url()));
        out.leaf("Username", MessageEncoder.text(s.username()));
        out.leaf("Password", MessageEncoder.text(s.password()));
        out.leaf("FileSize", Long.toString(s.fileSize()));
        out.leaf("TargetFileName", MessageEncoder.text(s.targetFileName()));
        MessageEncoder.array("TimeWindowList", "cwmp:TimeWindowStruct", s.timeWindows().size(), out);
        for (TimeWindowStruct w : s.timeWindows()) {
            out.start(null, "TimeWindowStruct");
            out.leaf("WindowStart", Long.toString(w.windowStart()));
            out.leaf("WindowEnd", Long.toString(w.windowEnd()));
            out.leaf("WindowMode", w.windowMode());
            out.leaf("UserMessage", w.userMessage());
            out.leaf("MaxRetries", Integer.toString(w.maxRetries()));
            out.end();
        }
        out.end();
    }

    /** One Operations element; optional fields that are empty are left out (an empty UUID is not a UUID). */
    private static void operation(DeploymentUnitOperation op, XmlSink out) {
        out.start(null, "Operations");
        out.attribute(P_XSI, "type", P_CWMP + ":" + op.operationName() + "OpStruct");
        if (op instanceof DeploymentUnitOperation.Install i) {
            out.leaf("URL", MessageEncoder.text(i.url()));
            optional("UUID", i.uuid(), out);
            optional("Username", i.username(), out);
            optional("Password", i.password(), out);
            optional("ExecutionEnvRef", i.executionEnvRef(), out);
        } else if (op instanceof DeploymentUnitOperation.Update u) {
            optional("UUID", u.uuid(), out);
            optional("Version", u.version(), out);
            optional("URL", u.url(), out);
            optional("Username", u.username(), out);
            optional("Password", u.password(), out);
        } else if (op instanceof DeploymentUnitOperation.Uninstall u) {
            out.leaf("UUID", MessageEncoder.text(u.uuid()));
            optional("Version", u.version(), out);
            optional("ExecutionEnvRef", u.executionEnvRef(), out);
        }
        out.end();
    }

    private static void optional(String name, String value, XmlSink out) {
        if (value != null && !value.isEmpty()) {
            out.leaf(name, value);
        }
    }

    private static void opResultFields(OpResultStruct r, XmlSink out) {
        out.leaf("UUID", MessageEncoder.text(r.uuid()));
        out.leaf("DeploymentUnitRef", MessageEncoder.text(r.deploymentUnitRef()));
        out.leaf("Version", MessageEncoder.text(r.version()));
        out.leaf("CurrentState", MessageEncoder.text(r.currentState()));
        out.leaf("Resolved", MessageEncoder.flag(r.resolved()));
        out.leaf("ExecutionUnitRefList", "");
        out.leaf("StartTime", MessageEncoder.time(r.startTime()));
        out.leaf("CompleteTime", MessageEncoder.time(r.completeTime()));
        MessageEncoder.faultStruct("Fault", r.fault(), out);
    }

    // ---- reading ------------------------------------------------------------------------------------------

    /** The message for {@code name}, the cursor on its start tag; null (cursor unmoved) if not one of these. */
    static CwmpMessage read(String name, XmlCursor c) throws XMLStreamException, MalformedMessageException {
        return switch (name) {
            case "ScheduleDownload" -> scheduleDownload(c);
            case "ScheduleDownloadResponse" -> empty(c, new ScheduleDownloadResponse());
            case "GetQueuedTransfers" -> empty(c, new GetQueuedTransfers());
            case "GetQueuedTransfersResponse" -> queuedTransfers(c);
            case "ChangeDUState" -> changeDuState(c);
            case "ChangeDUStateResponse" -> empty(c, new ChangeDUStateResponse());
            case "Kicked" -> kicked(c);
            case "KickedResponse" -> kickedResponse(c);
            case "AutonomousDUStateChangeComplete" -> autonomousDuStateChangeComplete(c);
            case "AutonomousDUStateChangeCompleteResponse" -> empty(c, new AutonomousDUStateChangeCompleteResponse());
            default -> null;
        };
    }

    private static <T extends CwmpMessage> T empty(XmlCursor c, T message)
            throws XMLStreamException, MalformedMessageException {
        c.skip();
        return message;
    }

    private static ScheduleDownload scheduleDownload(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String key = "";
        String fileType = "";
        String url = "";
        String user = "";
        String password = "";
        long size = 0;
        String target = "";
        List<TimeWindowStruct> windows = List.of();
        while (c.nextChild()) {
            switch (c.localName()) {
                case "CommandKey" -> key = c.text();
                case "FileType" -> fileType = c.token();
                case "URL" -> url = c.token();
                case "Username" -> user = c.text();
                case "Password" -> password = c.text();
                case "FileSize" -> size = Lexical.parseLong("FileSize", c.text());
                case "TargetFileName" -> target = c.text();
                case "TimeWindowList" -> windows = StructDecoder.list(c, TransferMessageCodec::timeWindow);
                default -> c.skip();
            }
        }
        return new ScheduleDownload(key, fileType, url, user, password, size, target, windows);
    }

    private static TimeWindowStruct timeWindow(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        long start = 0;
        long end = 0;
        String mode = "";
        String message = "";
        int retries = 0;
        while (c.nextChild()) {
            switch (c.localName()) {
                case "WindowStart" -> start = Lexical.parseLong("WindowStart", c.text());
                case "WindowEnd" -> end = Lexical.parseLong("WindowEnd", c.text());
                case "WindowMode" -> mode = c.token();
                case "UserMessage" -> message = c.text();
                case "MaxRetries" -> retries = Lexical.parseInt("MaxRetries", c.text());
                default -> c.skip();
            }
        }
        return new TimeWindowStruct(start, end, mode, message, retries);
    }

    private static GetQueuedTransfersResponse queuedTransfers(XmlCursor c)
            throws XMLStreamException, MalformedMessageException {
        List<TransferStateStruct> transfers = List.of();
        while (c.nextChild()) {
            if (c.localName().equals("TransferList")) {
                transfers = StructDecoder.list(c, TransferMessageCodec::transferState);
            } else {
                c.skip();
            }
        }
        return new GetQueuedTransfersResponse(transfers);
    }

    private static TransferStateStruct transferState(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String key = "";
        int state = 0;
        while (c.nextChild()) {
            switch (c.localName()) {
                case "CommandKey" -> key = c.text();
                case "State" -> state = Lexical.parseInt("State", c.text());
                default -> c.skip();
            }
        }
        return new TransferStateStruct(key, state);
    }

    private static ChangeDUState changeDuState(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        List<DeploymentUnitOperation> operations = new ArrayList<>();
        String key = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Operations" -> operations.add(operation(c));
                case "CommandKey" -> key = c.text();
                default -> c.skip();
            }
        }
        return new ChangeDUState(operations, key);
    }

    private static DeploymentUnitOperation operation(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String type = c.typeAttribute();
        String kind = type == null ? "" : type.substring(type.indexOf(':') + 1);
        String url = "";
        String uuid = "";
        String user = "";
        String password = "";
        String env = "";
        String version = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "URL" -> url = c.token();
                case "UUID" -> uuid = c.token();
                case "Username" -> user = c.text();
                case "Password" -> password = c.text();
                case "ExecutionEnvRef" -> env = c.text();
                case "Version" -> version = c.text();
                default -> c.skip();
            }
        }
        if (kind.isEmpty()) {
            // no xsi:type: an install names a URL and no version, an uninstall no URL
            kind = url.isEmpty() ? "UninstallOpStruct" : version.isEmpty() ? "InstallOpStruct" : "UpdateOpStruct";
        }
        return switch (kind) {
            case "InstallOpStruct" -> new DeploymentUnitOperation.Install(url, uuid, user, password, env);
            case "UpdateOpStruct" -> new DeploymentUnitOperation.Update(uuid, version, url, user, password);
            case "UninstallOpStruct" -> new DeploymentUnitOperation.Uninstall(uuid, version, env);
            default -> throw new MalformedMessageException("unknown ChangeDUState operation type " + type);
        };
    }

    private static Kicked kicked(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String command = "";
        String referer = "";
        String arg = "";
        String next = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Command" -> command = c.token();
                case "Referer" -> referer = c.text();
                case "Arg" -> arg = c.text();
                case "Next" -> next = c.text();
                default -> c.skip();
            }
        }
        return new Kicked(command, referer, arg, next);
    }

    private static KickedResponse kickedResponse(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String next = "";
        while (c.nextChild()) {
            if (c.localName().equals("NextURL")) {
                next = c.text();
            } else {
                c.skip();
            }
        }
        return new KickedResponse(next);
    }

    private static AutonomousDUStateChangeComplete autonomousDuStateChangeComplete(XmlCursor c)
            throws XMLStreamException, MalformedMessageException {
        List<AutonOpResultStruct> results = new ArrayList<>();
        while (c.nextChild()) {
            if (c.localName().equals("Results")) {
                results.add(autonOpResult(c));
            } else {
                c.skip();
            }
        }
        return new AutonomousDUStateChangeComplete(results);
    }

    private static AutonOpResultStruct autonOpResult(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String uuid = "";
        String unitRef = "";
        String version = "";
        String state = "";
        boolean resolved = false;
        String start = "";
        String complete = "";
        FaultStruct fault = FaultStruct.NONE;
        String performed = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "UUID" -> uuid = c.token();
                case "DeploymentUnitRef" -> unitRef = c.token();
                case "Version" -> version = c.text();
                case "CurrentState" -> state = c.token();
                case "Resolved" -> resolved = Lexical.parseBoolean(c.text());
                case "StartTime" -> start = c.token();
                case "CompleteTime" -> complete = c.token();
                case "Fault" -> fault = StructDecoder.fault(c);
                case "OperationPerformed" -> performed = c.token();
                default -> c.skip();
            }
        }
        return new AutonOpResultStruct(new OpResultStruct(uuid, unitRef, version, state, resolved, start, complete,
                fault), performed);
    }
}
