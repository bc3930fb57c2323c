package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;
import io.lodestar.acs.core.rpc.AcsGetRPCMethodsResponse;
import io.lodestar.acs.core.rpc.AutonomousTransferComplete;
import io.lodestar.acs.core.rpc.AutonomousTransferCompleteResponse;
import io.lodestar.acs.core.rpc.CpeGetRPCMethods;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DUStateChangeComplete;
import io.lodestar.acs.core.rpc.DUStateChangeCompleteResponse;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.Kicked;
import io.lodestar.acs.core.rpc.KickedResponse;
import io.lodestar.acs.core.rpc.AutonomousDUStateChangeComplete;
import io.lodestar.acs.core.rpc.AutonomousDUStateChangeCompleteResponse;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.RequestDownload;
import io.lodestar.acs.core.rpc.RequestDownloadResponse;
import io.lodestar.acs.core.rpc.TransferComplete;
import io.lodestar.acs.core.rpc.TransferCompleteResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The session engine: one CWMP session of one device, as a deterministic state machine with no I/O.
 * It is opened by an Inform, then fed each message the CPE sends (null for an empty POST) and answers
 * with the next step. The work it does, in order: answer the CPE's own requests; learn the data model
 * when required (first contact, bootstrap); run the device's pending tasks in queue order, one RPC at a
 * time; note the operations the Inform reports ended and those the tasks start (a Reboot, a FactoryReset).
 * Everything it changes is collected for one atomic store write at the end ({@link #finish}).
 *
 * <p>What depends on a task's action (its request, its answer, what it teaches, the operation it starts) is
 * its {@link TaskHandler}'s; the session holds what is the same for every task.
 *
 * <p>Not thread-safe: a session is driven by one caller at a time.
 */
public final class CwmpSession {

    /** The CPE-initiated RPCs the ACS answers (its reply to the CPE's GetRPCMethods). */
    public static final List<String> ACS_METHODS = List.of("Inform", "GetRPCMethods", "TransferComplete",
            "AutonomousTransferComplete", "RequestDownload", "DUStateChangeComplete", "Kicked",
            "AutonomousDUStateChangeComplete");

    private final SessionPolicy policy;
    private final DeviceQuirks quirks;
    private final CwmpVersion version;
    private final Instant openedAt;
    private final SessionChanges.Builder changes;
    private final SessionParameters parameters;
    private final Deque<Task> queue;
    private final Deque<DataModelWalk> walks = new ArrayDeque<>();
    private final List<String> rpcs = new ArrayList<>();
    private final List<String> events;
    private final TransferLedger transfers;

    private Task taskInFlight;
    private RpcTaskHandler<?> handlerInFlight;
    /** The next step of the chain the task at the head of the queue is running, sent before anything else. */
    private ChainStep chained;
    private DataModelWalk walkInFlight;
    private CwmpMessage.AcsRequest requestInFlight;
    private WalkingTask walkingTask;
    /** Queue held by a task whose later tasks must wait for a later session whatever they are (a factory reset). */
    private boolean queueBlocked;
    /** Tasks not done in this session (backing off, or waiting for one that is): the tasks after them wait too. */
    private final Set<TaskId> heldBack = new HashSet<>();
    /** Tasks that ended without success in this session: the tasks after them fail without being sent. */
    private final Map<TaskId, Task> endedUnsuccessfully = new HashMap<>();
    private boolean ended;
    /** The methods the device listed in a GetRPCMethods answer of this session; null until one came. */
    private Set<String> deviceMethods;

    private CwmpSession(SessionPolicy policy, DeviceQuirks quirks, CwmpVersion version, Instant openedAt, Device device,
                        ParameterTree stored, List<Task> tasks, List<String> events, List<Operation> operations) {
        this.policy = policy.forDevice(quirks);
        this.quirks = quirks;
        this.version = version;
        this.openedAt = openedAt;
        this.changes = new SessionChanges.Builder(device);
        this.parameters = new SessionParameters(stored, changes, this.policy.maxParameters());
        this.queue = tasks.stream()
                .filter(t -> t.status() == TaskStatus.PENDING)
                .sorted(Comparator.comparing(Task::id))
                .collect(Collectors.toCollection(ArrayDeque::new));
        // prerequisites that ended without success in an earlier session: the tasks waiting for them fail
        tasks.stream().filter(t -> t.status().isFinal() && t.status() != TaskStatus.DONE)
                .forEach(t -> endedUnsuccessfully.put(t.id(), t));
        this.events = events;
        this.transfers = new TransferLedger(operations);
    }

    /**
     * Opens a session for an Inform.
     *
     * @param deviceId      the id the policy's identity scheme gives the Inform's DeviceId
     * @param known         the stored device, or empty when it was never seen
     * @param tasks         the device's queued tasks (any order; only pending ones are run), and the final
     *                      tasks that pending ones wait for ({@link Task#after()}): one that did not end DONE
     *                      makes the tasks waiting for it fail without being sent
     * @param operations    the device's operations (only those in progress matter: this Inform may end them)
     * @param remoteAddress where the session comes from
     */
    public static SessionOpening open(Inform inform, CwmpVersion version, DeviceId deviceId,
                                      Optional<DeviceSnapshot> known, List<Task> tasks, List<Operation> operations,
                                      String remoteAddress, SessionPolicy policy, Instant now) {
        if (known.isEmpty() && !policy.autoRegister()) {
            return new SessionOpening.Refused(CwmpFault.acs(CwmpFault.REQUEST_DENIED,
                    "Request denied: device " + deviceId + " is not registered"));
        }
        Device device = known.map(DeviceSnapshot::device).orElseGet(() -> Device.register(deviceId, now));
        // no copy: the session lays its changes over the stored tree
        ParameterTree params = known.map(DeviceSnapshot::tree).orElse(ParameterTree.empty());
        List<String> codes = inform.events().stream().map(EventStruct::eventCode).toList();
        // the device's known deviations, by the identity and software version it reports now
        DeviceQuirks quirks = policy.quirks().match(inform.deviceId(),
                informValue(inform, "DeviceInfo.SoftwareVersion", device.softwareVersion()));
        CwmpSession session = new CwmpSession(policy, quirks, version, now, device, params, tasks, codes, operations);
        session.rpcs.add(inform.methodName());
        session.acceptInform(inform, remoteAddress, now);
        session.endOperations(inform, operations, now);
        return new SessionOpening.Accepted(session, new InformResponse(1));
    }

    /**
     * Ends the operations this Inform reports, each by its kind's rule (M Reboot with the Reboot's CommandKey,
     * 0 BOOTSTRAP after a FactoryReset, M ScheduleInform with the ScheduleInform's CommandKey), and times out
     * those past their deadline that it does not report. A bootstrap also times out every other operation at
     * once: the device starts a new life that has forgotten the CommandKeys it was given, so their end would
     * never be reported.
     */
    private void endOperations(Inform inform, List<Operation> operations, Instant now) {
        boolean bootstrap = inform.hasEvent(EventStruct.BOOTSTRAP);
        for (Operation op : operations) {
            if (!op.isInProgress()) {
                continue;
            }
            Optional<Operation> byVersion = op.afterInform(changes.device().softwareVersion(),
                    inform.hasEvent(EventStruct.BOOT), now);
            if (op.isEndReportedBy(inform)) {
                changes.operation(op.completed(now));
            } else if (byVersion.isPresent()) {
                changes.operation(byVersion.get()); // a firmware awaiting its version, decided by this Inform
            } else if (bootstrap || !now.isBefore(op.deadline())) {
                changes.operation(op.timedOut(now));
            }
        }
    }

    private void acceptInform(Inform inform, String remoteAddress, Instant now) {
        Device device = changes.device();
        // an earlier session already began learning the tree and did not finish it (the whole-tree answer may be
        // more than the endpoint takes, or the CPE never answered it): this one walks level by level, which any
        // CPE copes with, instead of asking for the whole tree again and failing the same way for ever
        boolean unfinishedBefore = device.discoveryRequired() && device.lastInformAt() != null;
        boolean bootstrap = inform.hasEvent(EventStruct.BOOTSTRAP);
        if (bootstrap) {
            // what the device told us belongs to its previous life; tags and tasks are the operator's and stay
            parameters.forgetLearned();
        }
        String root = inform.parameterList().stream().map(p -> ParameterPaths.root(p.name()))
                .filter(r -> !r.isEmpty()).findFirst().orElse(device.dataModelRoot());
        device = device.toBuilder()
                .deviceIdStruct(inform.deviceId())
                .lastContact(new LastContact(now, inform.hasEvent(EventStruct.BOOT) ? now : device.lastBootAt(),
                        inform.events(), remoteAddress, version.label()))
                .reachability(new Reachability(
                        informValue(inform, "ManagementServer.ConnectionRequestURL", device.connectionRequestUrl())))
                .inventory(new Inventory(root,
                        informValue(inform, "DeviceInfo.SoftwareVersion", device.softwareVersion()),
                        informValue(inform, "DeviceInfo.HardwareVersion", device.hardwareVersion())))
                .discovery(new DiscoveryState(device.discoveryRequired() || bootstrap,
                        bootstrap ? null : device.discoveredAt()))
                .build();
        changes.device(device);
        for (ParameterValueStruct v : inform.parameterList()) {
            if (quirks.noParameterKeyEcho() && v.name().endsWith(".ManagementServer.ParameterKey")) {
                continue; // a key the device never updates: the one the ACS recorded stands
            }
            Parameter known = parameters.get(v.name());
            if (repeats(known, v)) {
                continue; // every periodic Inform repeats most of its values: rewriting them would be its largest write
            }
            learnValue(v, known, now);
        }
        changes.inform(new InformRecord(device.id(), now, inform.events(), remoteAddress, inform.retryCount()));
        if (device.discoveryRequired()) {
            walks.add(new DataModelWalk(root == null ? "" : root,
                    unfinishedBefore ? DiscoveryMode.LEVEL_BY_LEVEL : policy.discoveryMode(),
                    policy.valuesPerRequest(), policy.maxParameters()));
        } else if (inform.hasEvent(EventStruct.DIAGNOSTICS_COMPLETE)) {
            // the results are in the diagnostics objects: read those the device has (which one ran is not said)
            DiagnosticsObjects.present(root, parameters).forEach(path -> walks.add(newWalk(path)));
        }
    }

    /** The value of {@code relativePath} right under the root (Device. or InternetGatewayDevice.), if sent. */
    private static String informValue(Inform inform, String relativePath, String fallback) {
        return inform.parameterList().stream()
                .filter(p -> p.name().equals(ParameterPaths.root(p.name()) + relativePath))
                .map(ParameterValueStruct::value).findFirst().orElse(fallback);
    }

    private DataModelWalk newWalk(String path) {
        return new DataModelWalk(path, policy.discoveryMode(), policy.valuesPerRequest(), policy.maxParameters());
    }

    /**
     * Takes the CPE's next message and says what to do.
     *
     * @param fromCpe the decoded message, or null for an empty HTTP POST (the CPE has nothing more to send)
     */
    public SessionStep next(CwmpMessage fromCpe, Instant now) {
        if (ended) {
            throw new IllegalStateException("the session has ended");
        }
        if (fromCpe == null) {
            if (taskInFlight != null || walkInFlight != null) {
                // the CPE went quiet instead of answering: nothing more can happen in this session
                abandonInFlight("the CPE sent an empty message instead of an answer", now);
                return end();
            }
        } else if (fromCpe instanceof CwmpMessage.CpeRequest request) {
            rpcs.add(request.methodName());
            return new SessionStep.Send(answer(request, now));
        } else if (fromCpe instanceof CwmpMessage.CpeResponse || fromCpe instanceof CwmpFault) {
            takeAnswer(fromCpe, now);
        } else {
            rpcs.add(fromCpe.methodName());
            return new SessionStep.Send(CwmpFault.acs(CwmpFault.METHOD_NOT_SUPPORTED,
                    "Method not supported: " + fromCpe.methodName()));
        }
        return nextRequest(now);
    }

    private CwmpMessage answer(CwmpMessage.CpeRequest request, Instant now) {
        if (request instanceof Inform) {
            return CwmpFault.acs(CwmpFault.REQUEST_DENIED, "Request denied: Inform is only allowed to open a session");
        } else if (request instanceof TransferComplete report) {
            transfers.transferComplete(report, changes.device().softwareVersion(), events.contains(EventStruct.BOOT),
                    now).ifPresent(this::operation);
            return new TransferCompleteResponse();
        } else if (request instanceof AutonomousTransferComplete report) {
            // no task started it: kept as an ended operation, so operators see what the device fetched or sent
            operation(Operation.deviceInitiated(TaskId.create(now), changes.device().id(),
                    io.lodestar.acs.core.operation.OperationKind.AUTONOMOUS_TRANSFER,
                    new io.lodestar.acs.core.operation.DeviceInitiated(report.fileType(), report.transferUrl(),
                            report.isDownload(), report.fileSize(), report.targetFileName(), List.of()),
                    io.lodestar.acs.core.operation.ReportedTime.parse(report.startTime()),
                    io.lodestar.acs.core.operation.ReportedTime.parse(report.completeTime()), report.fault(), now));
            return new AutonomousTransferCompleteResponse();
        } else if (request instanceof RequestDownload ask) {
            operation(Operation.deviceInitiated(TaskId.create(now), changes.device().id(),
                    io.lodestar.acs.core.operation.OperationKind.REQUEST_DOWNLOAD,
                    new io.lodestar.acs.core.operation.DeviceInitiated(ask.fileType(), "", true, 0, "",
                            ask.fileTypeArg().stream().map(a -> a.name() + "=" + a.value()).toList()),
                    null, null, null, now));
            return new RequestDownloadResponse();
        } else if (request instanceof DUStateChangeComplete report) {
            transfers.duStateChangeComplete(report, now).ifPresent(this::operation);
            return new DUStateChangeCompleteResponse();
        } else if (request instanceof AutonomousDUStateChangeComplete) {
            return new AutonomousDUStateChangeCompleteResponse();
        } else if (request instanceof Kicked kicked) {
            return new KickedResponse(kicked.next()); // no portal of its own: the browser goes where it asked
        } else if (request instanceof CpeGetRPCMethods) {
            return new AcsGetRPCMethodsResponse(ACS_METHODS);
        }
        return CwmpFault.acs(CwmpFault.METHOD_NOT_SUPPORTED, "Method not supported: " + request.methodName());
    }

    private void takeAnswer(CwmpMessage answer, Instant now) {
        CwmpMessage.AcsRequest asked = requestInFlight;
        requestInFlight = null;
        if (walkInFlight != null) {
            DataModelWalk walk = walkInFlight;
            walkInFlight = null;
            CwmpFault fault = walk.onAnswer(answer, now);
            if (fault != null) {
                recordFault(isWalkingTasksWalk(walk) ? walkingTask.task() : null, asked.methodName(), fault, now);
            }
        } else if (taskInFlight != null) {
            Task task = taskInFlight;
            RpcTaskHandler<?> handler = handlerInFlight;
            taskInFlight = null;
            handlerInFlight = null;
            takeTaskAnswer(task, handler, answer, now);
        }
        // an answer to nothing is ignored: the CPE's problem, and harmless
    }

    /** The answer to a one-RPC task: done when it carries the task's result, a failed attempt otherwise. */
    private <R extends TaskResult> void takeTaskAnswer(Task task, RpcTaskHandler<R> handler, CwmpMessage answer,
                                                       Instant now) {
        Optional<R> result = handler.resultOf(answer);
        if (result.isPresent()) {
            handler.apply(result.get(), effectsAt(now));
            if (result.get() instanceof TaskResult.Methods methods && !methods.methods().isEmpty()) {
                deviceMethods = Set.copyOf(methods.methods());
            }
            if (quirks.noParameterKeyEcho() && changes.device().dataModelRoot() != null
                    && task.action() instanceof io.lodestar.acs.core.task.TaskAction.SetParameterValues set
                    && set.parameterKey() != null && !set.parameterKey().isEmpty()) {
                // the device keeps no ParameterKey of its own: what it accepted is recorded as if it had
                learnValue(new ParameterValueStruct(changes.device().dataModelRoot() + "ManagementServer.ParameterKey",
                        set.parameterKey(), "xsd:string"), now);
            }
            Optional<RpcTaskHandler<?>> next = handler.nextStep(result.get());
            if (next.isPresent()) {
                chained = new ChainStep(task, next.get()); // the task stays at the head of the queue
                return;
            }
            changes.task(task.done(result.get(), now));
            // what the device accepted may go on after the session (a reboot): its end is awaited
            handler.operationStarted(task, result.get(), now,
                    handler.isTransfer() ? policy.transferTimeout() : policy.operationTimeout())
                    .ifPresent(this::operation);
            queue.pollFirst();
            if (handler.holdsLaterTasks()) {
                queueBlocked = true;
            }
        } else {
            CwmpFault fault = answer instanceof CwmpFault f ? f : CwmpFault.acs(CwmpFault.INVALID_ARGUMENTS,
                    "unexpected answer " + answer.methodName() + " to " + task.action().name());
            recordFault(task, handler.request().methodName(), fault, now);
            failAttempt(task, new TaskFault(fault.faultCode(), handler.faultContext() + describe(fault), now), now,
                    handler.failsForGood(), fault.setParameterValuesFaults().isEmpty() ? null
                            : new TaskResult.ParameterFaults(fault.setParameterValuesFaults()));
        }
    }

    private void failAttempt(Task task, TaskFault fault, Instant now) {
        failAttempt(task, fault, now, false, null);
    }

    private void failAttempt(Task task, TaskFault fault, Instant now, boolean forGood) {
        failAttempt(task, fault, now, forGood, null);
    }

    /** A failed attempt; {@code faults}, when not null, kept as the task's result (each parameter's fault). */
    private void failAttempt(Task task, TaskFault fault, Instant now, boolean forGood, TaskResult faults) {
        Task after = forGood ? task.failedForGood(fault, now) : task.failedAttempt(fault, policy.retryPolicy(), now);
        if (faults != null) {
            after = after.withResult(faults);
        }
        changes.task(after);
        queue.pollFirst();
        // only the tasks that declared they wait for this one wait (or fail) with it; the others go on
        if (after.status() == TaskStatus.PENDING) {
            heldBack.add(task.id());
        } else {
            endedUnsuccessfully.put(task.id(), after);
        }
    }

    /** What a handler's result teaches, applied to this session's tree and changes at {@code now}. */
    private SessionEffects effectsAt(Instant now) {
        return new SessionEffects() {
            @Override
            public void learnValue(ParameterValueStruct value) {
                CwmpSession.this.learnValue(value, now);
            }

            @Override
            public void learnName(ParameterInfoStruct name) {
                CwmpSession.this.learnName(name, now);
            }

            @Override
            public void forget(String subtree) {
                CwmpSession.this.forget(subtree);
            }

            @Override
            public void walkFirst(String path) {
                walks.addFirst(newWalk(path));
            }

            @Override
            public void transferCancelled(String commandKey) {
                transfers.cancelled(commandKey, now).forEach(CwmpSession.this::operation);
            }
        };
    }

    private SessionStep nextRequest(Instant now) {
        if (chained != null) {
            // a chain's next step goes first, before the walk of what its first step created
            taskInFlight = chained.task();
            handlerInFlight = chained.handler();
            chained = null;
            return send(handlerInFlight.request());
        }
        while (!walks.isEmpty()) {
            DataModelWalk walk = walks.peekFirst();
            CwmpMessage.AcsRequest request = walk.next();
            if (request != null) {
                walkInFlight = walk;
                return send(request);
            }
            walks.pollFirst();
            finishWalk(walk, now);
        }
        while (!queue.isEmpty() && !queueBlocked) {
            Task task = queue.peekFirst();
            TaskId prerequisite = task.after();
            if (prerequisite != null && endedUnsuccessfully.containsKey(prerequisite)) {
                Task failed = task.prerequisiteFailed(endedUnsuccessfully.get(prerequisite), now);
                changes.task(failed);
                queue.pollFirst();
                endedUnsuccessfully.put(task.id(), failed);
            } else if (prerequisite != null && heldBack.contains(prerequisite)) {
                queue.pollFirst(); // it waits for a later session, and so do the tasks waiting for it
                heldBack.add(task.id());
            } else if (task.isExpiredAt(now)) {
                Task expired = task.expired(now);
                changes.task(expired);
                queue.pollFirst();
                endedUnsuccessfully.put(task.id(), expired);
            } else if (task.notBefore().isAfter(now)) {
                queue.pollFirst(); // backing off: it and the tasks waiting for it wait for a later session
                heldBack.add(task.id());
            } else {
                TaskHandler handler = TaskHandlers.of(task.action());
                if (handler instanceof WalkTaskHandler walkHandler) {
                    DataModelWalk walk = newWalk(walkHandler.path(changes.device().dataModelRoot()));
                    walks.add(walk);
                    walkingTask = new WalkingTask(task, walkHandler, walk);
                    return nextRequest(now);
                }
                // the sealed TaskHandler's only other kind
                RpcTaskHandler<?> rpcHandler = (RpcTaskHandler<?>) handler;
                String unsupported = unsupported(rpcHandler.request().methodName());
                if (unsupported != null) {
                    // sending it would only bring fault 9000 (or a parse error): fail it now, saying why
                    failAttempt(task, new TaskFault(RpcVersions.CPE_METHOD_NOT_SUPPORTED, unsupported, now), now);
                    continue;
                }
                taskInFlight = task;
                handlerInFlight = rpcHandler;
                return send(rpcHandler.request());
            }
        }
        return end();
    }

    /** Why the device cannot run {@code method} (its session's CWMP version, its own method list), or null. */
    private String unsupported(String method) {
        CwmpVersion since = RpcVersions.since(method);
        if (version.compareTo(since) < 0) {
            return method + " needs CWMP " + since.label() + " or later; the device speaks CWMP " + version.label()
                    + ": not sent";
        }
        if (deviceMethods != null && !deviceMethods.contains(method)) {
            return method + " is not among the methods the device's GetRPCMethods answer lists: not sent";
        }
        return null;
    }

    private void finishWalk(DataModelWalk walk, Instant now) {
        if (walk.complete()) {
            // the subtree is replaced by what was found; what could not be listed is unknown, not gone
            List<Parameter> kept = new ArrayList<>();
            Parameter self = parameters.get(walk.path());
            if (self != null && !walk.found().containsKey(self.path())) {
                kept.add(self); // the walked object itself (an AddObject's new instance, a refreshed object)
            } else if (self == null && !walk.path().isEmpty() && !walk.found().containsKey(walk.path())) {
                kept.add(new Parameter(walk.path(), null, null, null, now)); // the root object: it exists too
            }
            for (String skipped : walk.skipped()) {
                parameters.subtree(skipped).stream() // in path order
                        .filter(p -> !p.path().equals(skipped) && !walk.found().containsKey(p.path()))
                        .forEach(kept::add);
            }
            List<Parameter> found = walk.found().values().stream().map(this::mergedWithKnown).toList();
            forget(walk.path());
            found.forEach(this::learn);
            kept.forEach(this::learn);
            Device device = changes.device();
            boolean wholeModel = walk.path().isEmpty() || walk.path().equals(device.dataModelRoot());
            if (wholeModel) {
                device = device.withDiscovery(false, now);
                if (device.dataModelRoot() == null) {
                    // an Inform without parameters left the root unknown: the walk has found it
                    String root = walk.found().keySet().stream().map(ParameterPaths::root).filter(r -> !r.isEmpty())
                            .findFirst().orElse(null);
                    device = device.toBuilder().inventory(device.inventory().withDataModelRoot(root)).build();
                }
                changes.device(device);
            }
        } else {
            // a partial walk replaces nothing; what it did learn is kept
            learnPartial(walk);
        }
        if (isWalkingTasksWalk(walk)) {
            Task task = walkingTask.task();
            if (walk.rootFault() != null) {
                CwmpFault fault = walk.rootFault();
                failAttempt(task, new TaskFault(fault.faultCode(), describe(fault), now), now);
            } else {
                changes.task(task.done(walkingTask.handler().result(walk.found().size()), now));
                queue.pollFirst();
            }
            walkingTask = null;
        }
    }

    /** What a walk found, learned without replacing anything: for walks cut short or stopped at the limit. */
    private void learnPartial(DataModelWalk walk) {
        walk.found().values().stream().map(this::mergedWithKnown).toList().forEach(this::learn);
    }

    /** A parameter a walk found by name only (its value unread) keeps the value already known. */
    private Parameter mergedWithKnown(Parameter found) {
        Parameter known = parameters.get(found.path());
        if (found.value() == null && !found.isObject() && known != null && known.value() != null) {
            return known.withWritable(found.writable(), found.reportedAt());
        }
        return found;
    }

    /** Records an operation's new state, for the store and for correlating the device's later reports. */
    private void operation(Operation op) {
        changes.operation(op);
        transfers.track(op);
    }

    private SessionStep send(CwmpMessage.AcsRequest request) {
        rpcs.add(request.methodName());
        requestInFlight = request;
        return new SessionStep.Send(request);
    }

    private SessionStep end() {
        ended = true;
        return new SessionStep.End();
    }

    /**
     * Whether the session's tree already holds this value with this type: then the Inform leaves the parameter as
     * it is, its {@code reportedAt} included (the device's last Inform says when the device last sent it).
     */
    private static boolean repeats(Parameter known, ParameterValueStruct v) {
        return known != null && Objects.equals(known.value(), v.value()) && Objects.equals(known.type(), v.type());
    }

    private void learnValue(ParameterValueStruct v, Instant now) {
        learnValue(v, parameters.get(v.name()), now);
    }

    /** {@code known}: what the session's tree holds at the value's path, or null. */
    private void learnValue(ParameterValueStruct v, Parameter known, Instant now) {
        Boolean writable = known == null ? null : known.writable();
        learn(new Parameter(v.name(), v.value(), v.type(), writable, now));
    }

    private void learnName(ParameterInfoStruct n, Instant now) {
        Parameter known = parameters.get(n.name());
        learn(known == null ? new Parameter(n.name(), null, null, n.writable(), now)
                : known.withWritable(n.writable(), now));
    }

    private void learn(Parameter p) {
        if (quirks.writableFlagsUnreliable() && p.writable() != null) {
            // its Writable flags lie: unknown lets an operator's set through to the device, which decides
            p = new Parameter(p.path(), p.value(), p.type(), null, p.reportedAt());
        }
        parameters.upsert(p);
    }

    private void forget(String subtree) {
        parameters.deleteSubtree(subtree);
    }

    private void recordFault(Task task, String method, CwmpFault fault, Instant now) {
        DeviceId id = changes.device().id();
        changes.fault(new DeviceFault(id, task == null ? null : task.id(), method, fault.faultCode(),
                describe(fault), now));
    }

    private static String describe(CwmpFault fault) {
        if (fault.setParameterValuesFaults().isEmpty()) {
            return fault.faultString();
        }
        return fault.faultString() + fault.setParameterValuesFaults().stream()
                .map(f -> f.parameterName() + ": " + f.faultCode() + " " + f.faultString())
                .collect(Collectors.joining("; ", " (", ")"));
    }

    private void abandonInFlight(String reason, Instant now) {
        if (taskInFlight != null) {
            failAttempt(taskInFlight, new TaskFault(TaskFault.SESSION_ENDED, handlerInFlight.faultContext() + reason,
                    now), now, handlerInFlight.failsForGood());
            taskInFlight = null;
            handlerInFlight = null;
        }
        if (walkInFlight != null && isWalkingTasksWalk(walkInFlight)) {
            failAttempt(walkingTask.task(), new TaskFault(TaskFault.SESSION_ENDED, reason, now), now);
            walkingTask = null;
        }
        walkInFlight = null;
        requestInFlight = null;
        // walks that did not finish: keep what they learned, replace nothing (discovery stays required)
        walks.forEach(this::learnPartial);
        walks.clear();
    }

    /** The next step of a task's declared chain ({@link RpcTaskHandler#nextStep}), to send next. */
    private record ChainStep(Task task, RpcTaskHandler<?> handler) {}

    /** A task that runs as a walk ({@link WalkTaskHandler}), while its walk is queued or running. */
    private record WalkingTask(Task task, WalkTaskHandler handler, DataModelWalk walk) {}

    private boolean isWalkingTasksWalk(DataModelWalk walk) {
        return walkingTask != null && walk == walkingTask.walk();
    }

    /** The device's known deviations ({@link QuirkTable}), as matched at the Inform. */
    public DeviceQuirks quirks() {
        return quirks;
    }

    /** The changes of a session that ended normally, for the store's one atomic write. */
    public SessionChanges finish() {
        return changes.build();
    }

    /**
     * The changes of a session cut short (timeout, broken connection): what was learned is kept, the
     * task whose answer never came counts as a failed attempt, and discovery stays required.
     */
    public SessionChanges abandon(String reason, Instant now) {
        abandonInFlight(reason, now);
        ended = true;
        return changes.build();
    }

    public DeviceId deviceId() {
        return changes.device().id();
    }

    public CwmpVersion version() {
        return version;
    }

    public Instant openedAt() {
        return openedAt;
    }

    /** The Inform's event codes. */
    public List<String> events() {
        return events;
    }

    /** The RPCs of this session so far, in order: the CPE's requests (the opening Inform first) and the ACS's. */
    public List<String> rpcs() {
        return List.copyOf(rpcs);
    }

    /** How many RPCs this session has had so far (the Inform included), without copying them. */
    public int rpcCount() {
        return rpcs.size();
    }

    public boolean isEnded() {
        return ended;
    }

    /** How many parameters this session learned or changed so far. */
    public int parametersWritten() {
        return changes.upsertCount();
    }

    /**
     * How many new parameter paths this session did not keep because the device already holds
     * {@link SessionPolicy#maxParameters()} (its changes leave them out).
     */
    public int parametersRefused() {
        return parameters.refused();
    }
}
