package io.lodestar.acs.codec;

import io.lodestar.acs.core.rpc.AcsGetRPCMethodsResponse;
import io.lodestar.acs.core.rpc.AddObject;
import io.lodestar.acs.core.rpc.AddObjectResponse;
import io.lodestar.acs.core.rpc.AutonomousTransferComplete;
import io.lodestar.acs.core.rpc.AutonomousTransferCompleteResponse;
import io.lodestar.acs.core.rpc.CancelTransfer;
import io.lodestar.acs.core.rpc.CancelTransferResponse;
import io.lodestar.acs.core.rpc.CpeGetRPCMethods;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.DUStateChangeComplete;
import io.lodestar.acs.core.rpc.DUStateChangeCompleteResponse;
import io.lodestar.acs.core.rpc.DeleteObject;
import io.lodestar.acs.core.rpc.DeleteObjectResponse;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.Download;
import io.lodestar.acs.core.rpc.DownloadResponse;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.FactoryReset;
import io.lodestar.acs.core.rpc.FactoryResetResponse;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.rpc.GetAllQueuedTransfers;
import io.lodestar.acs.core.rpc.GetAllQueuedTransfersResponse;
import io.lodestar.acs.core.rpc.GetParameterAttributes;
import io.lodestar.acs.core.rpc.GetParameterAttributesResponse;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.GetRPCMethods;
import io.lodestar.acs.core.rpc.GetRPCMethodsResponse;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.OpResultStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.RebootResponse;
import io.lodestar.acs.core.rpc.RequestDownload;
import io.lodestar.acs.core.rpc.RequestDownloadResponse;
import io.lodestar.acs.core.rpc.ScheduleInform;
import io.lodestar.acs.core.rpc.ScheduleInformResponse;
import io.lodestar.acs.core.rpc.SetParameterAttributes;
import io.lodestar.acs.core.rpc.SetParameterAttributesResponse;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.core.rpc.TransferComplete;
import io.lodestar.acs.core.rpc.TransferCompleteResponse;
import io.lodestar.acs.core.rpc.Upload;
import io.lodestar.acs.core.rpc.UploadResponse;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * Turns the one element inside a SOAP Body into its message record, by the element's local name. Knows
 * every RPC of the records in {@code io.lodestar.acs.core.rpc}; for any other name it returns null and the
 * caller reports an {@link io.lodestar.acs.core.rpc.UnknownMethod}.
 *
 * <p>Fields are matched by local name in any order, unknown ones skipped, missing ones neutral ("" or 0),
 * for the reasons given on {@link StructDecoder}. Names, paths, numbers and flags are trimmed; free text
 * (CommandKey, ParameterKey, FaultString, Value, URLs, credentials) is kept exactly as sent, since it is
 * echoed back or compared byte for byte.
 */
final class MessageDecoder {

    private final CodecSide side;

    MessageDecoder(CodecSide side) {
        this.side = side;
    }

    /** The message for {@code name}, the cursor on its start tag; null (cursor unmoved) if unknown. */
    CwmpMessage decode(String name, XmlCursor c) throws XMLStreamException, MalformedMessageException {
        return switch (name) {
            // messages both ends send under the same name
            case "GetRPCMethods" -> empty(c, side == CodecSide.ACS ? new CpeGetRPCMethods() : new GetRPCMethods());
            case "GetRPCMethodsResponse" -> methodList(c);
            // ACS requests
            case "GetParameterNames" -> getParameterNames(c);
            case "GetParameterValues" -> new GetParameterValues(names(c));
            case "SetParameterValues" -> setParameterValues(c);
            case "GetParameterAttributes" -> new GetParameterAttributes(names(c));
            case "SetParameterAttributes" -> new SetParameterAttributes(
                    listField(c, "ParameterList", StructDecoder::setParameterAttributes));
            case "AddObject" -> addObject(c);
            case "DeleteObject" -> deleteObject(c);
            case "Reboot" -> new Reboot(stringField(c, "CommandKey"));
            case "FactoryReset" -> empty(c, new FactoryReset());
            case "Download" -> download(c);
            case "Upload" -> upload(c);
            case "ScheduleInform" -> scheduleInform(c);
            case "GetAllQueuedTransfers" -> empty(c, new GetAllQueuedTransfers());
            case "CancelTransfer" -> new CancelTransfer(stringField(c, "CommandKey"));
            // CPE responses
            case "GetParameterNamesResponse" -> new GetParameterNamesResponse(
                    listField(c, "ParameterList", StructDecoder::parameterInfo));
            case "GetParameterValuesResponse" -> new GetParameterValuesResponse(
                    listField(c, "ParameterList", StructDecoder::parameterValue));
            case "SetParameterValuesResponse" -> new SetParameterValuesResponse(intField(c, "Status"));
            case "GetParameterAttributesResponse" -> new GetParameterAttributesResponse(
                    listField(c, "ParameterList", StructDecoder::parameterAttribute));
            case "SetParameterAttributesResponse" -> empty(c, new SetParameterAttributesResponse());
            case "AddObjectResponse" -> addObjectResponse(c);
            case "DeleteObjectResponse" -> new DeleteObjectResponse(intField(c, "Status"));
            case "RebootResponse" -> empty(c, new RebootResponse());
            case "FactoryResetResponse" -> empty(c, new FactoryResetResponse());
            case "DownloadResponse" -> {
                TransferResult r = transferResult(c);
                yield new DownloadResponse(r.status, r.start, r.complete);
            }
            case "UploadResponse" -> {
                TransferResult r = transferResult(c);
                yield new UploadResponse(r.status, r.start, r.complete);
            }
            case "ScheduleInformResponse" -> empty(c, new ScheduleInformResponse());
            case "GetAllQueuedTransfersResponse" -> new GetAllQueuedTransfersResponse(
                    listField(c, "TransferList", StructDecoder::queuedTransfer));
            case "CancelTransferResponse" -> empty(c, new CancelTransferResponse());
            // CPE requests
            case "Inform" -> inform(c);
            case "TransferComplete" -> transferComplete(c);
            case "AutonomousTransferComplete" -> autonomousTransferComplete(c);
            case "RequestDownload" -> requestDownload(c);
            case "DUStateChangeComplete" -> duStateChangeComplete(c);
            // ACS responses
            case "InformResponse" -> new InformResponse(intField(c, "MaxEnvelopes"));
            case "TransferCompleteResponse" -> empty(c, new TransferCompleteResponse());
            case "AutonomousTransferCompleteResponse" -> empty(c, new AutonomousTransferCompleteResponse());
            case "RequestDownloadResponse" -> empty(c, new RequestDownloadResponse());
            case "DUStateChangeCompleteResponse" -> empty(c, new DUStateChangeCompleteResponse());
            default -> TransferMessageCodec.read(name, c);
        };
    }

    private static <T extends CwmpMessage> T empty(XmlCursor c, T message)
            throws XMLStreamException, MalformedMessageException {
        c.skip();
        return message;
    }

    private CwmpMessage methodList(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        List<String> methods = listField(c, "MethodList", XmlCursor::token);
        return side == CodecSide.ACS ? new GetRPCMethodsResponse(methods) : new AcsGetRPCMethodsResponse(methods);
    }

    private static List<String> names(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        return listField(c, "ParameterNames", XmlCursor::token);
    }

    /** The array in child element {@code field}; other children are skipped; absent means empty. */
    private static <T> List<T> listField(XmlCursor c, String field, StructDecoder.Item<T> item)
            throws XMLStreamException, MalformedMessageException {
        List<T> result = List.of();
        while (c.nextChild()) {
            if (c.localName().equals(field)) {
                result = StructDecoder.list(c, item);
            } else {
                c.skip();
            }
        }
        return result;
    }

    /** The text of child element {@code field}, kept as sent; "" when absent. */
    private static String stringField(XmlCursor c, String field) throws XMLStreamException, MalformedMessageException {
        String result = "";
        while (c.nextChild()) {
            if (c.localName().equals(field)) {
                result = c.text();
            } else {
                c.skip();
            }
        }
        return result;
    }

    private static int intField(XmlCursor c, String field) throws XMLStreamException, MalformedMessageException {
        int result = 0;
        while (c.nextChild()) {
            if (c.localName().equals(field)) {
                result = Lexical.parseInt(field, c.text());
            } else {
                c.skip();
            }
        }
        return result;
    }

    private static GetParameterNames getParameterNames(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String path = "";
        boolean nextLevel = false;
        while (c.nextChild()) {
            switch (c.localName()) {
                case "ParameterPath" -> path = c.token();
                case "NextLevel" -> nextLevel = Lexical.parseBoolean(c.text());
                default -> c.skip();
            }
        }
        return new GetParameterNames(path, nextLevel);
    }

    private static SetParameterValues setParameterValues(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        List<ParameterValueStruct> params = List.of();
        String key = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "ParameterList" -> params = StructDecoder.list(c, StructDecoder::parameterValue);
                case "ParameterKey" -> key = c.text();
                default -> c.skip();
            }
        }
        return new SetParameterValues(params, key);
    }

    private static AddObject addObject(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String[] f = objectAndKey(c);
        return new AddObject(f[0], f[1]);
    }

    private static DeleteObject deleteObject(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String[] f = objectAndKey(c);
        return new DeleteObject(f[0], f[1]);
    }

    private static String[] objectAndKey(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String[] f = {"", ""};
        while (c.nextChild()) {
            switch (c.localName()) {
                case "ObjectName" -> f[0] = c.token();
                case "ParameterKey" -> f[1] = c.text();
                default -> c.skip();
            }
        }
        return f;
    }

    private static Download download(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String key = "";
        String fileType = "";
        String url = "";
        String user = "";
        String password = "";
        long size = 0;
        String target = "";
        int delay = 0;
        String success = "";
        String failure = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "CommandKey" -> key = c.text();
                case "FileType" -> fileType = c.token();
                case "URL" -> url = c.token();
                case "Username" -> user = c.text();
                case "Password" -> password = c.text();
                case "FileSize" -> size = Lexical.parseLong("FileSize", c.text());
                case "TargetFileName" -> target = c.text();
                case "DelaySeconds" -> delay = Lexical.parseInt("DelaySeconds", c.text());
                case "SuccessURL" -> success = c.token();
                case "FailureURL" -> failure = c.token();
                default -> c.skip();
            }
        }
        return new Download(key, fileType, url, user, password, size, target, delay, success, failure);
    }

    private static Upload upload(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String key = "";
        String fileType = "";
        String url = "";
        String user = "";
        String password = "";
        int delay = 0;
        while (c.nextChild()) {
            switch (c.localName()) {
                case "CommandKey" -> key = c.text();
                case "FileType" -> fileType = c.token();
                case "URL" -> url = c.token();
                case "Username" -> user = c.text();
                case "Password" -> password = c.text();
                case "DelaySeconds" -> delay = Lexical.parseInt("DelaySeconds", c.text());
                default -> c.skip();
            }
        }
        return new Upload(key, fileType, url, user, password, delay);
    }

    private static ScheduleInform scheduleInform(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        int delay = 0;
        String key = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "DelaySeconds" -> delay = Lexical.parseInt("DelaySeconds", c.text());
                case "CommandKey" -> key = c.text();
                default -> c.skip();
            }
        }
        return new ScheduleInform(delay, key);
    }

    private static AddObjectResponse addObjectResponse(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        long instance = 0;
        int status = 0;
        while (c.nextChild()) {
            switch (c.localName()) {
                case "InstanceNumber" -> instance = Lexical.parseLong("InstanceNumber", c.text());
                case "Status" -> status = Lexical.parseInt("Status", c.text());
                default -> c.skip();
            }
        }
        return new AddObjectResponse(instance, status);
    }

    /** Status, StartTime and CompleteTime of DownloadResponse and UploadResponse. */
    private record TransferResult(int status, String start, String complete) {}

    private static TransferResult transferResult(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        int status = 0;
        String start = "";
        String complete = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Status" -> status = Lexical.parseInt("Status", c.text());
                case "StartTime" -> start = c.token();
                case "CompleteTime" -> complete = c.token();
                default -> c.skip();
            }
        }
        return new TransferResult(status, start, complete);
    }

    private static Inform inform(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        DeviceIdStruct deviceId = new DeviceIdStruct("", "", "", "");
        List<EventStruct> events = List.of();
        int maxEnvelopes = 0;
        String currentTime = "";
        int retryCount = 0;
        List<ParameterValueStruct> params = List.of();
        while (c.nextChild()) {
            switch (c.localName()) {
                case "DeviceId" -> deviceId = StructDecoder.deviceId(c);
                case "Event" -> events = StructDecoder.list(c, StructDecoder::event);
                case "MaxEnvelopes" -> maxEnvelopes = Lexical.parseInt("MaxEnvelopes", c.text());
                case "CurrentTime" -> currentTime = c.token();
                case "RetryCount" -> retryCount = Lexical.parseInt("RetryCount", c.text());
                case "ParameterList" -> params = StructDecoder.list(c, StructDecoder::parameterValue);
                default -> c.skip();
            }
        }
        return new Inform(deviceId, events, maxEnvelopes, currentTime, retryCount, params);
    }

    private static TransferComplete transferComplete(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String key = "";
        FaultStruct fault = FaultStruct.NONE;
        String start = "";
        String complete = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "CommandKey" -> key = c.text();
                case "FaultStruct" -> fault = StructDecoder.fault(c);
                case "StartTime" -> start = c.token();
                case "CompleteTime" -> complete = c.token();
                default -> c.skip();
            }
        }
        return new TransferComplete(key, fault, start, complete);
    }

    private static AutonomousTransferComplete autonomousTransferComplete(XmlCursor c)
            throws XMLStreamException, MalformedMessageException {
        String announce = "";
        String transfer = "";
        boolean isDownload = false;
        String fileType = "";
        long size = 0;
        String target = "";
        FaultStruct fault = FaultStruct.NONE;
        String start = "";
        String complete = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "AnnounceURL" -> announce = c.token();
                case "TransferURL" -> transfer = c.token();
                case "IsDownload" -> isDownload = Lexical.parseBoolean(c.text());
                case "FileType" -> fileType = c.token();
                case "FileSize" -> size = Lexical.parseLong("FileSize", c.text());
                case "TargetFileName" -> target = c.text();
                case "FaultStruct" -> fault = StructDecoder.fault(c);
                case "StartTime" -> start = c.token();
                case "CompleteTime" -> complete = c.token();
                default -> c.skip();
            }
        }
        return new AutonomousTransferComplete(announce, transfer, isDownload, fileType, size, target, fault,
                start, complete);
    }

    private static RequestDownload requestDownload(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        String fileType = "";
        List<io.lodestar.acs.core.rpc.ArgStruct> args = List.of();
        while (c.nextChild()) {
            switch (c.localName()) {
                case "FileType" -> fileType = c.token();
                case "FileTypeArg" -> args = StructDecoder.list(c, StructDecoder::arg);
                default -> c.skip();
            }
        }
        return new RequestDownload(fileType, args);
    }

    private static DUStateChangeComplete duStateChangeComplete(XmlCursor c)
            throws XMLStreamException, MalformedMessageException {
        List<OpResultStruct> results = new ArrayList<>();
        String key = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Results" -> StructDecoder.opResults(c, results);
                case "CommandKey" -> key = c.text();
                default -> c.skip();
            }
        }
        return new DUStateChangeComplete(key, results);
    }
}
