package io.lodestar.acs.sim.rpc;

import io.lodestar.acs.core.rpc.AddObject;
import io.lodestar.acs.core.rpc.AddObjectResponse;
import io.lodestar.acs.core.rpc.CancelTransfer;
import io.lodestar.acs.core.rpc.CancelTransferResponse;
import io.lodestar.acs.core.rpc.ChangeDUState;
import io.lodestar.acs.core.rpc.ChangeDUStateResponse;
import io.lodestar.acs.core.rpc.DUStateChangeComplete;
import io.lodestar.acs.core.rpc.DeploymentUnitOperation;
import io.lodestar.acs.core.rpc.GetQueuedTransfers;
import io.lodestar.acs.core.rpc.GetQueuedTransfersResponse;
import io.lodestar.acs.core.rpc.OpResultStruct;
import io.lodestar.acs.core.rpc.ScheduleDownload;
import io.lodestar.acs.core.rpc.ScheduleDownloadResponse;
import io.lodestar.acs.core.rpc.TransferStateStruct;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.DeleteObject;
import io.lodestar.acs.core.rpc.DeleteObjectResponse;
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
import io.lodestar.acs.core.rpc.ParameterAttributeStruct;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.QueuedTransferStruct;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.RebootResponse;
import io.lodestar.acs.core.rpc.ScheduleInform;
import io.lodestar.acs.core.rpc.ScheduleInformResponse;
import io.lodestar.acs.core.rpc.SetParameterAttributes;
import io.lodestar.acs.core.rpc.SetParameterAttributesResponse;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.core.rpc.TransferComplete;
import io.lodestar.acs.core.rpc.Upload;
import io.lodestar.acs.core.rpc.UploadResponse;
import io.lodestar.acs.sim.model.Attributes;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.model.Node;
import io.lodestar.acs.sim.model.Paths;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated CPE's behaviour, free of any I/O: answers each ACS request against a {@link DataModel} with the
 * CPE's response record or a {@link CwmpFault} (9000 series), and keeps what a CPE remembers between
 * sessions: pending Inform events, reboot / factory reset / transfers to carry out when the session ends,
 * TransferCompletes to deliver.
 *
 * <p>Session lifecycle, as the HTTP client drives it:
 * <ol>
 *   <li>{@link #pendingEvents()} then {@link #inform(List, int)}: the Inform to send;</li>
 *   <li>{@link #informAccepted(Inform)} when the InformResponse arrives;</li>
 *   <li>{@link #requestsToSend(Inform)} / {@link #requestAccepted(CwmpMessage.CpeRequest)}: TransferCompletes;</li>
 *   <li>{@link #handle(CwmpMessage)} for each ACS request;</li>
 *   <li>{@link #endSession()} when the session is over (however it ended): reboot, factory reset and queued
 *       transfers happen now.</li>
 * </ol>
 * Not thread-safe: one session at a time drives it.
 */
public final class CpeRpcHandler {

    /** The RPCs this CPE answers (its GetRPCMethodsResponse). */
    public static final List<String> SUPPORTED_METHODS = List.of(
            "GetRPCMethods", "GetParameterNames", "GetParameterValues", "SetParameterValues",
            "GetParameterAttributes", "SetParameterAttributes", "AddObject", "DeleteObject",
            "Reboot", "FactoryReset", "Download", "Upload", "ScheduleInform",
            "GetAllQueuedTransfers", "CancelTransfer", "ScheduleDownload", "GetQueuedTransfers", "ChangeDUState");

    public static final String SCHEDULED = "3 SCHEDULED";
    public static final String M_SCHEDULE_INFORM = "M ScheduleInform";
    public static final String M_UPLOAD = "M Upload";
    public static final String M_SCHEDULE_DOWNLOAD = "M ScheduleDownload";
    public static final String M_CHANGE_DU_STATE = "M ChangeDUState";
    public static final String DU_STATE_CHANGE_COMPLETE = "11 DU STATE CHANGE COMPLETE";

    /**
     * The software version a simulated firmware image installs: its first line, {@code SoftwareVersion=<v>} (or
     * {@code SoftwareVersion: <v>}). An image without one leaves the version as it was.
     */
    public static final Pattern FIRMWARE_VERSION_LINE = Pattern.compile(
            "\\A\\s*SoftwareVersion\\s*[:=]\\s*(\\S{1,64})");

    private static final String FIRMWARE = "1 Firmware Upgrade Image";
    private static final Set<String> TRANSFER_SCHEMES = Set.of("http", "https", "ftp", "tftp");

    private final DataModel model;
    private final Clock clock;
    private final TransferAgent transfers;

    /**
     * How a CPE answers GetParameterNames with NextLevel=false on an object or {@code ""}: a deviation some CPEs
     * have, for testing an ACS's fallback to the level-by-level walk.
     */
    public enum FullTreeNames {
        /** TR-069 A.3.2.3: the object and everything below it. */
        ANSWERED,
        /** Fault 9004 Resources exceeded (a CPE that cannot build the whole answer). */
        FAULTED,
        /** Only the next level, as if NextLevel were true (a CPE that ignores the flag). */
        NEXT_LEVEL_ONLY
    }

    private volatile FullTreeNames fullTreeNames = FullTreeNames.ANSWERED;
    /** How many GetParameterNames asked for a whole subtree (NextLevel=false on an object or ""). */
    private int fullTreeNamesAsked;

    /** Fresh CPEs bootstrap: 0 BOOTSTRAP + 1 BOOT until an Inform with them is accepted. */
    private boolean bootstrapPending = true;
    private boolean bootPending = true;
    /** Single-shot events (M Reboot, 3 SCHEDULED, M ScheduleInform) waiting for an accepted Inform. */
    private final Set<EventStruct> queuedEvents = new LinkedHashSet<>();
    /** Requests a test made the CPE send ({@link #sendInNextSession}), until the ACS answers them. */
    private final List<CwmpMessage.CpeRequest> ownRequests = new ArrayList<>();
    /** Transfers done, their TransferComplete not yet accepted by the ACS. */
    private final List<Completed> completedTransfers = new ArrayList<>();

    // what this session asked for, carried out by endSession()
    private final List<String> rebootKeys = new ArrayList<>();
    private boolean factoryResetRequested;
    private final List<Transfer> queuedTransfers = new ArrayList<>();
    private final List<ScheduleInform> scheduleInforms = new ArrayList<>();
    /** Informs promised by a ScheduleInform, due at their instant, until an Inform with them is accepted. */
    private final List<DueInform> dueInforms = new ArrayList<>();
    /** When the informs scheduled by the last session are due, for the client to start those sessions. */
    private final List<Instant> newlyDue = new ArrayList<>();

    /** An Inform a ScheduleInform asked for: 3 SCHEDULED + M ScheduleInform with its CommandKey, from {@code due}. */
    private record DueInform(Instant due, String commandKey) {}
    private final List<ChangeDUState> duStateChanges = new ArrayList<>();

    public CpeRpcHandler(DataModel model) {
        this(model, Clock.systemUTC());
    }

    public CpeRpcHandler(DataModel model, Clock clock) {
        this(model, clock, TransferAgent.NONE);
    }

    /** A CPE whose transfers {@code transfers} carries out (real HTTP in the simulator). */
    public CpeRpcHandler(DataModel model, Clock clock, TransferAgent transfers) {
        this.model = Objects.requireNonNull(model, "model");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transfers = Objects.requireNonNull(transfers, "transfers");
    }

    public DataModel model() {
        return model;
    }

    // ------------------------------------------------------------------ session lifecycle

    /**
     * The events the next session reports unless the caller chooses others: {@code 0 BOOTSTRAP}, {@code 1 BOOT}
     * for a fresh or factory-reset CPE; {@code 1 BOOT} + {@code M Reboot} after a Reboot; {@code 7 TRANSFER
     * COMPLETE} + {@code M Download}/{@code M Upload} after a transfer; {@code 3 SCHEDULED} + {@code M
     * ScheduleInform} after a ScheduleInform; {@code 2 PERIODIC} when nothing else is due; {@code 4 VALUE
     * CHANGE} when parameters with notification on changed locally.
     */
    public List<EventStruct> pendingEvents() {
        return pendingEvents(null);
    }

    /**
     * The events of a session that {@code trigger} starts (e.g. {@code 6 CONNECTION REQUEST}): the trigger
     * instead of {@code 2 PERIODIC}, with everything else still pending. Null: {@link #pendingEvents()}.
     */
    public List<EventStruct> pendingEvents(String trigger) {
        Set<EventStruct> out = new LinkedHashSet<>();
        if (bootstrapPending) {
            out.add(EventStruct.of(EventStruct.BOOTSTRAP));
        }
        if (bootPending) {
            out.add(EventStruct.of(EventStruct.BOOT));
        }
        out.addAll(queuedEvents);
        Instant now = clock.instant();
        for (DueInform d : dueInforms) {
            if (!d.due().isAfter(now)) {
                out.add(EventStruct.of(SCHEDULED));
                out.add(new EventStruct(M_SCHEDULE_INFORM, d.commandKey()));
            }
        }
        if (!completedTransfers.isEmpty()) {
            out.add(EventStruct.of(EventStruct.TRANSFER_COMPLETE));
            for (Completed c : completedTransfers) {
                if (c.message instanceof TransferComplete tc) {
                    out.add(new EventStruct(c.methodEvent, tc.commandKey()));
                }
            }
        }
        if (completedTransfers.stream().anyMatch(c -> c.message instanceof DUStateChangeComplete)) {
            out.add(EventStruct.of(DU_STATE_CHANGE_COMPLETE));
            for (Completed c : completedTransfers) {
                if (c.message instanceof DUStateChangeComplete d) {
                    out.add(new EventStruct(M_CHANGE_DU_STATE, d.commandKey()));
                }
            }
        }
        if (trigger != null) {
            out.add(EventStruct.of(trigger));
        } else if (out.isEmpty()) {
            out.add(EventStruct.of(EventStruct.PERIODIC));
        }
        if (!model.pendingValueChanges().isEmpty()) {
            out.add(EventStruct.of(EventStruct.VALUE_CHANGE));
        }
        List<EventStruct> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingInt(CpeRpcHandler::eventRank));
        return sorted;
    }

    private static int eventRank(EventStruct e) {
        String code = e.eventCode();
        int space = code.indexOf(' ');
        String head = space < 0 ? code : code.substring(0, space);
        if (Paths.isNumber(head)) {
            return Integer.parseInt(head);
        }
        return head.equals("M") ? 1000 : 2000;
    }

    /**
     * The Inform opening a session with these events: the DeviceId, the model's forced-inform parameters and,
     * when the events include {@code 4 VALUE CHANGE}, the locally changed parameters.
     */
    public Inform inform(List<EventStruct> events, int retryCount) {
        Map<String, ParameterValueStruct> params = new LinkedHashMap<>();
        for (String path : model.informParameterNames()) {
            params.put(path, valueOf(path));
        }
        boolean valueChange = events.stream().anyMatch(e -> e.eventCode().equals(EventStruct.VALUE_CHANGE));
        if (valueChange) {
            for (String path : model.pendingValueChanges()) {
                params.putIfAbsent(path, valueOf(path));
            }
        }
        return new Inform(model.deviceId(), events, 1, now().toString(), retryCount, List.copyOf(params.values()));
    }

    private ParameterValueStruct valueOf(String path) {
        Node n = model.node(path).orElseThrow();
        return new ParameterValueStruct(path, model.readsBackEmpty(path) ? "" : n.value(), n.type());
    }

    /** The ACS accepted this Inform: the single-shot events it carried are delivered. */
    public void informAccepted(Inform inform) {
        Set<String> codes = new HashSet<>();
        for (EventStruct e : inform.events()) {
            codes.add(e.eventCode());
        }
        if (codes.contains(EventStruct.BOOTSTRAP)) {
            bootstrapPending = false;
        }
        if (codes.contains(EventStruct.BOOT)) {
            bootPending = false;
        }
        queuedEvents.removeAll(inform.events());
        dueInforms.removeIf(d -> inform.events().contains(new EventStruct(M_SCHEDULE_INFORM, d.commandKey())));
        if (codes.contains(EventStruct.VALUE_CHANGE)) {
            List<String> reported = new ArrayList<>();
            for (ParameterValueStruct p : inform.parameterList()) {
                reported.add(p.name());
            }
            model.clearValueChanges(reported);
        }
    }

    /**
     * Makes the CPE send {@code request} (an AutonomousTransferComplete, a RequestDownload, ...) in its next session,
     * announced by {@code eventCode} (e.g. {@code 10 AUTONOMOUS TRANSFER COMPLETE}, {@code 9 REQUEST DOWNLOAD}),
     * until the ACS answers it.
     */
    public void sendInNextSession(CwmpMessage.CpeRequest request, String eventCode) {
        ownRequests.add(request);
        queuedEvents.add(EventStruct.of(eventCode));
    }

    /** The requests the CPE sends after this Inform's InformResponse: TransferCompletes, when it announced them. */
    public List<CwmpMessage.CpeRequest> requestsToSend(Inform inform) {
        boolean transfer = inform.hasEvent(EventStruct.TRANSFER_COMPLETE);
        boolean du = inform.hasEvent(DU_STATE_CHANGE_COMPLETE);
        List<CwmpMessage.CpeRequest> out = new ArrayList<>(ownRequests);
        for (Completed c : completedTransfers) {
            if (c.message instanceof TransferComplete ? transfer : du) {
                out.add(c.message);
            }
        }
        return out;
    }

    /** The ACS answered one of {@link #requestsToSend(Inform)}: it is delivered. */
    public void requestAccepted(CwmpMessage.CpeRequest request) {
        completedTransfers.removeIf(c -> c.message.equals(request));
        ownRequests.remove(request);
    }

    /**
     * Carries out what the session asked for, once it is over: queued transfers finish (their TransferComplete
     * waits for the next session), a ScheduleInform's events are queued, then a FactoryReset restores the
     * initial tree (next events 0 BOOTSTRAP + 1 BOOT), or a Reboot (or a successful firmware download) queues
     * 1 BOOT (+ M Reboot with the CommandKey).
     */
    public void endSession() {
        boolean firmwareBoot = false;
        String newVersion = null;
        for (Transfer t : queuedTransfers) {
            Instant start = now();
            FaultStruct fault = outcome(t);
            byte[] file = new byte[0];
            if (!fault.isFault() && t.download) {
                TransferAgent.Fetched fetched = transfers.download(t.url, t.username, t.password, t.fileSize);
                fault = fetched.fault();
                file = fetched.body();
            } else if (!fault.isFault()) {
                fault = transfers.upload(t.url, t.username, t.password, "text/plain; charset=utf-8", uploadBody(t));
            }
            completedTransfers.add(new Completed(t.methodEvent,
                    new TransferComplete(t.commandKey, fault, start.toString(), now().toString())));
            if (t.download && !fault.isFault() && FIRMWARE.equals(t.fileType)) {
                firmwareBoot = true;
                newVersion = firmwareVersion(file, newVersion);
            }
        }
        queuedTransfers.clear();
        for (ChangeDUState c : duStateChanges) {
            completedTransfers.add(new Completed(M_CHANGE_DU_STATE, duStateChangeComplete(c)));
        }
        duStateChanges.clear();
        if (newVersion != null) {
            // the new image runs after the reboot the download causes
            setSoftwareVersion(newVersion);
        }
        for (ScheduleInform si : scheduleInforms) {
            Instant due = clock.instant().plusSeconds(si.delaySeconds());
            dueInforms.add(new DueInform(due, si.commandKey() == null ? "" : si.commandKey()));
            newlyDue.add(due);
        }
        scheduleInforms.clear();
        if (factoryResetRequested) {
            model.reset();
            bootstrapPending = true;
            bootPending = true;
            queuedEvents.clear();
            completedTransfers.clear();
            dueInforms.clear(); // TR-069: a bootstrap discards every other undelivered event
        } else if (!rebootKeys.isEmpty() || firmwareBoot) {
            bootPending = true;
            for (String key : rebootKeys) {
                queuedEvents.add(new EventStruct(EventStruct.M_REBOOT, key));
            }
        }
        factoryResetRequested = false;
        rebootKeys.clear();
    }

    /**
     * When the informs the last ended session's ScheduleInforms asked for are due (each once): the client opens a
     * session then, whose Inform carries 3 SCHEDULED and M ScheduleInform.
     */
    public List<Instant> takeNewlyDueInforms() {
        List<Instant> out = List.copyOf(newlyDue);
        newlyDue.clear();
        return out;
    }

    /** Whether the CPE will reboot (or factory-reset) when the session ends. */
    public boolean rebootPending() {
        return factoryResetRequested || !rebootKeys.isEmpty();
    }

    private FaultStruct outcome(Transfer t) {
        int failure = t.download ? CpeFaults.DOWNLOAD_FAILURE : CpeFaults.UPLOAD_FAILURE;
        URI uri;
        try {
            uri = new URI(t.url.trim());
        } catch (Exception e) {
            return new FaultStruct(failure, CpeFaults.text(failure) + ": malformed URL " + t.url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!TRANSFER_SCHEMES.contains(scheme)) {
            return new FaultStruct(CpeFaults.UNSUPPORTED_PROTOCOL, CpeFaults.text(CpeFaults.UNSUPPORTED_PROTOCOL)
                    + ": " + (scheme.isEmpty() ? t.url : scheme));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return new FaultStruct(failure, CpeFaults.text(failure) + ": no host in " + t.url);
        }
        return FaultStruct.NONE;
    }

    /** The version a firmware image names on its first line, or {@code fallback}. */
    static String firmwareVersion(byte[] image, String fallback) {
        String head = new String(image, 0, Math.min(image.length, 256), StandardCharsets.UTF_8);
        Matcher m = FIRMWARE_VERSION_LINE.matcher(head);
        return m.find() ? m.group(1) : fallback;
    }

    private void setSoftwareVersion(String version) {
        for (String path : model.informParameterNames()) {
            if (path.endsWith(".DeviceInfo.SoftwareVersion")) {
                model.set(path, version);
            }
        }
    }

    /** What an Upload sends: the configuration (every parameter, one {@code path=value} line) or a short log. */
    private byte[] uploadBody(Transfer t) {
        StringBuilder sb = new StringBuilder();
        if (t.fileType.contains("Log")) {
            sb.append(now()).append(" simulated CPE ").append(model.deviceId().serialNumber()).append(": log upload ")
                    .append(t.commandKey).append('\n');
        } else {
            for (Node n : model.nodes()) {
                if (!n.isObject() && !model.readsBackEmpty(n.path())) {
                    sb.append(n.path()).append('=').append(n.value()).append('\n');
                }
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Every operation done: installs and updates Installed, uninstalls Uninstalled. */
    private DUStateChangeComplete duStateChangeComplete(ChangeDUState c) {
        List<OpResultStruct> results = new ArrayList<>();
        String at = now().toString();
        for (DeploymentUnitOperation op : c.operations()) {
            String uuid = op instanceof DeploymentUnitOperation.Install i ? i.uuid()
                    : op instanceof DeploymentUnitOperation.Update u ? u.uuid()
                    : ((DeploymentUnitOperation.Uninstall) op).uuid();
            String version = op instanceof DeploymentUnitOperation.Update u ? u.version() : "";
            String state = op instanceof DeploymentUnitOperation.Uninstall ? "Uninstalled" : "Installed";
            results.add(new OpResultStruct(uuid, "", version, state, true, at, at, FaultStruct.NONE));
        }
        return new DUStateChangeComplete(nz(c.commandKey()), results);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Makes this CPE answer NextLevel=false GetParameterNames as {@code behaviour} says (default ANSWERED). */
    public void fullTreeNames(FullTreeNames behaviour) {
        this.fullTreeNames = Objects.requireNonNull(behaviour);
    }

    /** How many GetParameterNames with NextLevel=false on an object this CPE was asked. */
    public int fullTreeNamesAsked() {
        return fullTreeNamesAsked;
    }

    // ------------------------------------------------------------------ RPCs

    /** Answers one message the ACS sent: a response record, or a fault (9000 for anything unsupported). */
    public CwmpMessage handle(CwmpMessage message) {
        if (message instanceof CwmpMessage.AcsRequest request) {
            return handle(request);
        }
        return CpeFaults.of(CpeFaults.METHOD_NOT_SUPPORTED, message.methodName());
    }

    /** Answers one ACS request: a response record, or a fault. */
    public CwmpMessage handle(CwmpMessage.AcsRequest request) {
        if (request instanceof GetRPCMethods) {
            return new GetRPCMethodsResponse(SUPPORTED_METHODS);
        } else if (request instanceof GetParameterNames r) {
            return getParameterNames(r);
        } else if (request instanceof GetParameterValues r) {
            return getParameterValues(r);
        } else if (request instanceof SetParameterValues r) {
            return setParameterValues(r);
        } else if (request instanceof GetParameterAttributes r) {
            return getParameterAttributes(r);
        } else if (request instanceof SetParameterAttributes r) {
            return setParameterAttributes(r);
        } else if (request instanceof AddObject r) {
            return addObject(r);
        } else if (request instanceof DeleteObject r) {
            return deleteObject(r);
        } else if (request instanceof Reboot r) {
            rebootKeys.add(r.commandKey());
            return new RebootResponse();
        } else if (request instanceof FactoryReset) {
            factoryResetRequested = true;
            return new FactoryResetResponse();
        } else if (request instanceof Download r) {
            return download(r);
        } else if (request instanceof Upload r) {
            return upload(r);
        } else if (request instanceof ScheduleInform r) {
            if (r.delaySeconds() <= 0) {
                return CpeFaults.of(CpeFaults.INVALID_ARGUMENTS, "DelaySeconds must be greater than 0");
            }
            scheduleInforms.add(r);
            return new ScheduleInformResponse();
        } else if (request instanceof GetAllQueuedTransfers) {
            List<QueuedTransferStruct> list = new ArrayList<>();
            for (Transfer t : queuedTransfers) {
                list.add(new QueuedTransferStruct(t.commandKey, 1, t.download, t.fileType, t.fileSize, t.targetFileName));
            }
            return new GetAllQueuedTransfersResponse(list);
        } else if (request instanceof CancelTransfer r) {
            return cancelTransfer(r);
        } else if (request instanceof ScheduleDownload r) {
            return scheduleDownload(r);
        } else if (request instanceof GetQueuedTransfers) {
            return new GetQueuedTransfersResponse(queuedTransfers.stream()
                    .map(t -> new TransferStateStruct(t.commandKey, 1)).toList());
        } else if (request instanceof ChangeDUState r) {
            duStateChanges.add(r);
            return new ChangeDUStateResponse();
        }
        return CpeFaults.of(CpeFaults.METHOD_NOT_SUPPORTED, request.methodName());
    }

    /**
     * TR-069 A.3.2.3: {@code ""} + NextLevel true is the root object; an object + NextLevel true its direct
     * children; NextLevel false the object itself and everything below ({@code ""}: the whole tree); a
     * parameter + NextLevel false that parameter; a parameter + NextLevel true fault 9003; unknown 9005.
     */
    private CwmpMessage getParameterNames(GetParameterNames r) {
        String path = r.parameterPath() == null ? "" : r.parameterPath().trim();
        if (!r.nextLevel() && (path.isEmpty() || path.endsWith("."))) {
            fullTreeNamesAsked++;
            if (fullTreeNames == FullTreeNames.FAULTED) {
                return CpeFaults.of(CpeFaults.RESOURCES_EXCEEDED, "the whole tree under '" + path + "'");
            } else if (fullTreeNames == FullTreeNames.NEXT_LEVEL_ONLY) {
                r = new GetParameterNames(path, true);
            }
        }
        List<Node> nodes;
        if (path.isEmpty()) {
            nodes = r.nextLevel() ? model.children("") : model.subtree("");
        } else {
            Node n = model.node(path).orElse(null);
            if (n == null) {
                return CpeFaults.of(CpeFaults.INVALID_PARAMETER_NAME, path);
            }
            if (n.isObject()) {
                nodes = r.nextLevel() ? model.children(path) : model.subtree(path);
            } else if (r.nextLevel()) {
                return CpeFaults.of(CpeFaults.INVALID_ARGUMENTS, "NextLevel true with parameter " + path);
            } else {
                nodes = List.of(n);
            }
        }
        List<ParameterInfoStruct> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            out.add(new ParameterInfoStruct(n.path(), n.writable()));
        }
        return new GetParameterNamesResponse(out);
    }

    /** Parameters named, or every parameter below a partial path ({@code ""}: the whole tree); unknown 9005. */
    private CwmpMessage getParameterValues(GetParameterValues r) {
        Map<String, ParameterValueStruct> out = new LinkedHashMap<>();
        for (String raw : r.parameterNames()) {
            String name = raw == null ? "" : raw.trim();
            List<Node> nodes = resolve(name);
            if (nodes == null) {
                return CpeFaults.of(CpeFaults.INVALID_PARAMETER_NAME, name);
            }
            for (Node n : nodes) {
                out.putIfAbsent(n.path(), new ParameterValueStruct(n.path(),
                        model.readsBackEmpty(n.path()) ? "" : n.value(), n.type()));
            }
        }
        return new GetParameterValuesResponse(List.copyOf(out.values()));
    }

    /** The parameters (no objects) a name stands for: itself, or all below a partial path; null when unknown. */
    private List<Node> resolve(String name) {
        if (!name.isEmpty() && !model.contains(name)) {
            return null;
        }
        if (!name.isEmpty() && !name.endsWith(".")) {
            return List.of(model.node(name).orElseThrow());
        }
        List<Node> out = new ArrayList<>();
        for (Node n : model.subtree(name)) {
            if (!n.isObject()) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * All or nothing: each parameter must exist (9005), be writable (9008) and have a value valid for its type
     * (9007); otherwise fault 9003 with one SetParameterValuesFault per parameter in error and nothing changes.
     * A name given twice is fault 9003. The value is checked against the parameter's own type, whatever
     * xsi:type the ACS wrote. On success ParameterKey takes the request's key; status 0.
     */
    private CwmpMessage setParameterValues(SetParameterValues r) {
        List<CwmpFault.SetParameterValuesFault> faults = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ParameterValueStruct p : r.parameterList()) {
            if (!seen.add(p.name())) {
                return CpeFaults.of(CpeFaults.INVALID_ARGUMENTS, "parameter given twice: " + p.name());
            }
            Node n = model.node(p.name()).orElse(null);
            if (n == null || n.isObject()) {
                faults.add(CpeFaults.entry(p.name(), CpeFaults.INVALID_PARAMETER_NAME));
            } else if (!n.writable()) {
                faults.add(CpeFaults.entry(p.name(), CpeFaults.NON_WRITABLE_PARAMETER));
            } else if (!Values.isValid(n.type(), p.value())) {
                faults.add(CpeFaults.entry(p.name(), CpeFaults.INVALID_PARAMETER_VALUE));
            }
        }
        if (!faults.isEmpty()) {
            return CpeFaults.setParameterValues(faults);
        }
        for (ParameterValueStruct p : r.parameterList()) {
            model.set(p.name(), p.value());
        }
        setParameterKey(r.parameterKey());
        return new SetParameterValuesResponse(0);
    }

    private void setParameterKey(String key) {
        if (model.contains(model.parameterKeyPath())) {
            model.set(model.parameterKeyPath(), key == null ? "" : key);
        }
    }

    private CwmpMessage getParameterAttributes(GetParameterAttributes r) {
        Map<String, ParameterAttributeStruct> out = new LinkedHashMap<>();
        for (String raw : r.parameterNames()) {
            String name = raw == null ? "" : raw.trim();
            List<Node> nodes = resolve(name);
            if (nodes == null) {
                return CpeFaults.of(CpeFaults.INVALID_PARAMETER_NAME, name);
            }
            for (Node n : nodes) {
                Attributes a = model.attributes(n.path());
                out.putIfAbsent(n.path(), new ParameterAttributeStruct(n.path(), a.notification(), a.accessList()));
            }
        }
        return new GetParameterAttributesResponse(List.copyOf(out.values()));
    }

    /**
     * All or nothing. Unknown names 9005; notification outside 0..6 9003; turning off the forced active
     * notification of SoftwareVersion / ProvisioningCode, or asking active notification of a parameter named
     * explicitly that changes all the time (UpTime, anything under a Stats object), 9009. Inside a partial path
     * such parameters keep their attributes silently.
     */
    private CwmpMessage setParameterAttributes(SetParameterAttributes r) {
        Map<String, Attributes> changes = new LinkedHashMap<>();
        for (SetParameterAttributesStruct s : r.parameterList()) {
            String name = s.name() == null ? "" : s.name().trim();
            List<Node> nodes = resolve(name);
            if (nodes == null) {
                return CpeFaults.of(CpeFaults.INVALID_PARAMETER_NAME, name);
            }
            if (s.notificationChange() && (s.notification() < 0 || s.notification() > 6)) {
                return CpeFaults.of(CpeFaults.INVALID_ARGUMENTS, "notification " + s.notification());
            }
            boolean explicit = !name.isEmpty() && !name.endsWith(".");
            for (Node n : nodes) {
                Attributes current = changes.getOrDefault(n.path(), model.attributes(n.path()));
                int notification = current.notification();
                if (s.notificationChange() && s.notification() != notification) {
                    boolean rejected = (model.isForcedActive(n.path()) && s.notification() != 2)
                            || (s.notification() == 2 && changesConstantly(n.path()));
                    if (rejected && explicit) {
                        return CpeFaults.of(CpeFaults.NOTIFICATION_REQUEST_REJECTED, n.path());
                    }
                    if (!rejected) {
                        notification = s.notification();
                    }
                }
                List<String> access = s.accessListChange() ? s.accessList() : current.accessList();
                changes.put(n.path(), new Attributes(notification, access));
            }
        }
        changes.forEach(model::setAttributes);
        return new SetParameterAttributesResponse();
    }

    private static boolean changesConstantly(String path) {
        return path.endsWith(".UpTime") || path.contains(".Stats.") || path.endsWith(".CurrentLocalTime");
    }

    /**
     * The object must be an existing multi-instance table ({@code X.Y.}, 9005 otherwise) that allows AddObject
     * (writable, 9001 otherwise). Instance number: highest existing + 1; content cloned from an existing
     * instance with default values. ParameterKey set; status 0.
     */
    private CwmpMessage addObject(AddObject r) {
        String path = r.objectName() == null ? "" : r.objectName().trim();
        if (!path.endsWith(".") || !model.isTable(path)) {
            return CpeFaults.of(CpeFaults.INVALID_PARAMETER_NAME, path + " is no multi-instance object");
        }
        if (!model.node(path).orElseThrow().writable()) {
            return CpeFaults.of(CpeFaults.REQUEST_DENIED, path + " is read-only");
        }
        long number = model.addInstance(path);
        setParameterKey(r.parameterKey());
        return new AddObjectResponse(number, 0);
    }

    /** The instance must exist (9005 otherwise) in a writable table (9001 otherwise); its subtree goes. */
    private CwmpMessage deleteObject(DeleteObject r) {
        String path = r.objectName() == null ? "" : r.objectName().trim();
        if (!Paths.isInstance(path) || !model.contains(path)) {
            return CpeFaults.of(CpeFaults.INVALID_PARAMETER_NAME, path + " is no object instance");
        }
        Node table = model.node(Paths.parent(path)).orElse(null);
        if (table == null || !table.writable()) {
            return CpeFaults.of(CpeFaults.REQUEST_DENIED, Paths.parent(path) + " is read-only");
        }
        model.deleteInstance(path);
        setParameterKey(r.parameterKey());
        return new DeleteObjectResponse(0);
    }

    /** Queued (status 1): done when the session ends, reported by TransferComplete in the next session. */
    private CwmpMessage download(Download r) {
        if (r.url() == null || r.url().isBlank()) {
            return CpeFaults.of(CpeFaults.INVALID_ARGUMENTS, "empty URL");
        }
        queuedTransfers.add(new Transfer(true, EventStruct.M_DOWNLOAD, nz(r.commandKey()), nz(r.fileType()), r.url(),
                r.fileSize(), nz(r.targetFileName()), nz(r.username()), nz(r.password())));
        return new DownloadResponse(1, DataModel.UNKNOWN_TIME, DataModel.UNKNOWN_TIME);
    }

    private CwmpMessage upload(Upload r) {
        if (r.url() == null || r.url().isBlank()) {
            return CpeFaults.of(CpeFaults.INVALID_ARGUMENTS, "empty URL");
        }
        queuedTransfers.add(new Transfer(false, M_UPLOAD, nz(r.commandKey()), nz(r.fileType()), r.url(), 0, "",
                nz(r.username()), nz(r.password())));
        return new UploadResponse(1, DataModel.UNKNOWN_TIME, DataModel.UNKNOWN_TIME);
    }

    /** Queued like a Download (the simulated CPE takes the first window: the end of this session). */
    private CwmpMessage scheduleDownload(ScheduleDownload r) {
        if (r.url() == null || r.url().isBlank()) {
            return CpeFaults.of(CpeFaults.INVALID_ARGUMENTS, "empty URL");
        }
        if (r.timeWindows().isEmpty()) {
            return CpeFaults.of(CpeFaults.INVALID_ARGUMENTS, "no time window");
        }
        queuedTransfers.add(new Transfer(true, M_SCHEDULE_DOWNLOAD, nz(r.commandKey()), nz(r.fileType()), r.url(),
                r.fileSize(), nz(r.targetFileName()), nz(r.username()), nz(r.password())));
        return new ScheduleDownloadResponse();
    }

    /** A queued transfer is dropped; one already done cannot be (9021); an unknown key is 9003. */
    private CwmpMessage cancelTransfer(CancelTransfer r) {
        String key = nz(r.commandKey());
        if (queuedTransfers.removeIf(t -> t.commandKey.equals(key))) {
            return new CancelTransferResponse();
        }
        for (Completed c : completedTransfers) {
            if (c.message instanceof TransferComplete tc && tc.commandKey().equals(key)) {
                return CpeFaults.of(CpeFaults.CANCELATION_NOT_PERMITTED, key);
            }
        }
        return CpeFaults.of(CpeFaults.INVALID_ARGUMENTS, "no transfer with CommandKey " + key);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private record Transfer(boolean download, String methodEvent, String commandKey, String fileType, String url,
                            long fileSize, String targetFileName, String username, String password) {}

    /** A report awaiting delivery: TransferComplete (with its M event) or DUStateChangeComplete. */
    private record Completed(String methodEvent, CwmpMessage.CpeRequest message) {}
}
