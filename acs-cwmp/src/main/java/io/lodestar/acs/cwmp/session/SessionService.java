package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.session.CwmpSession;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.session.SessionOpening;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.core.session.SessionStep;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.cwmp.auth.AllowAll;
import io.lodestar.acs.cwmp.auth.AuthenticationOutcome;
import io.lodestar.acs.cwmp.auth.AuthenticationRequest;
import io.lodestar.acs.cwmp.auth.CpeAuthenticator;
import io.lodestar.acs.cwmp.auth.CpeCredentials;
import io.lodestar.acs.cwmp.event.SessionEvent.Outcome;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.SessionStart;
import io.lodestar.acs.store.StoreUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Drives CWMP sessions: turns each decoded CPE message into the ACS's reply, using the session engine
 * for every decision and the store for what the engine starts from and what it changed. It knows
 * nothing of HTTP or Netty; the endpoint hands it messages and turns its {@link CpeReply}s into HTTP.
 * Each Inform is first put to the {@link CpeAuthenticator}; what happens is told to the {@link SessionListener}
 * (see its promises), synchronously, on the thread that calls this service.
 */
public final class SessionService {

    /** Seconds a CPE is asked to wait before retrying when the store cannot serve it. */
    static final int STORE_RETRY_AFTER_SECONDS = 30;

    private final AcsStore store;
    private final SessionPolicy policy;
    private final SessionRegistry registry;
    /** The devices whose session is opening right now (as many as the workers, at most). */
    private final java.util.Set<DeviceId> opening = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final String nodeId;
    private final Duration leaseTtl;
    private final CpeAuthenticator authenticator;
    private final Duration stalledSessionTakeover;
    private final SessionAnnouncer announcer;
    private final SessionLog log = new SessionLog();

    /**
     * @param nodeId        this ACS node's identity in the store's session leases
     * @param leaseTtl      how long a session lease lives unless renewed; longer than the session idle timeout,
     *                      so that a living session never loses it between two messages
     * @param authenticator judges every Inform before anything is loaded or stored
     * @param listener      told what happens in sessions; its exceptions are logged and ignored
     * @param stalledSessionTakeover an accepted Inform of a device whose session has heard nothing for this long
     *                      ends that session and opens its own (a device whose session stalled is not locked out
     *                      until the idle timeout, and a host holding a session open cannot lock it out)
     */
    public SessionService(AcsStore store, SessionPolicy policy, SessionRegistry registry, Clock clock, String nodeId,
                          Duration leaseTtl, CpeAuthenticator authenticator, SessionListener listener,
                          Duration stalledSessionTakeover) {
        this.store = store;
        this.policy = policy;
        this.registry = registry;
        this.clock = clock;
        this.nodeId = nodeId;
        this.leaseTtl = leaseTtl;
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.stalledSessionTakeover = Objects.requireNonNull(stalledSessionTakeover, "stalledSessionTakeover");
        this.announcer = new SessionAnnouncer(Objects.requireNonNull(listener, "listener"), clock);
    }

    /** As the full constructor, a stalled session being taken over after the idle timeout only. */
    public SessionService(AcsStore store, SessionPolicy policy, SessionRegistry registry, Clock clock, String nodeId,
                          Duration leaseTtl, CpeAuthenticator authenticator, SessionListener listener) {
        this(store, policy, registry, clock, nodeId, leaseTtl, authenticator, listener, registry.idleTimeout());
    }

    /** A service that lets every CPE in and tells no one. */
    public SessionService(AcsStore store, SessionPolicy policy, SessionRegistry registry, Clock clock, String nodeId,
                          Duration leaseTtl) {
        this(store, policy, registry, clock, nodeId, leaseTtl, AllowAll.INSTANCE, SessionListener.NONE);
    }

    /** A service for a single node: its leases only have to exclude sessions of this node. */
    public SessionService(AcsStore store, SessionPolicy policy, SessionRegistry registry, Clock clock) {
        this(store, policy, registry, clock, "local", registry.idleTimeout().multipliedBy(2));
    }

    /** Answers one POST that carried no credentials. */
    public CpeReply handle(LiveSession current, CwmpEnvelope envelope, String remoteAddress) {
        return handle(current, envelope, remoteAddress, CpeCredentials.NONE);
    }

    /**
     * Answers one POST.
     *
     * @param current       the session the POST belongs to (found by cookie or connection), or null
     * @param envelope      the decoded message, or null for an empty POST
     * @param remoteAddress the CPE's IP address
     * @param credentials   what the HTTP request carried to authenticate the CPE (judged for an Inform)
     */
    public CpeReply handle(LiveSession current, CwmpEnvelope envelope, String remoteAddress,
                           CpeCredentials credentials) {
        if (envelope != null && !envelope.header().notUnderstood().isEmpty()) {
            // SOAP 1.1 section 4.2.3: a message with a mandatory header we do not understand is not processed
            // at all; a session in progress goes on (its request in flight still awaits its answer)
            LiveSession session = current == null || current.isClosed() ? null : current;
            if (session != null) {
                session.touch(now());
            }
            return new CpeReply.Message(reply(envelope, CwmpFault.mustUnderstand(envelope.header().notUnderstood())),
                    session, false);
        }
        if (current != null && !current.remoteAddress().equals(remoteAddress)) {
            // a session is bound to the peer whose Inform was authenticated: its cookie from elsewhere drives nothing
            log.foreignPeer(current, remoteAddress);
            current = null;
        }
        if (envelope != null && envelope.message() instanceof Inform inform) {
            return open(current, envelope, inform, remoteAddress, credentials);
        }
        if (current == null || current.isClosed()) {
            if (envelope == null) {
                return new CpeReply.HttpError(400, "no CWMP session in progress: a session starts with an Inform",
                        null);
            }
            return fault(envelope, null, CwmpFault.INVALID_ARGUMENTS,
                    "Invalid arguments: no CWMP session in progress, a session starts with an Inform");
        }
        return continueSession(current, envelope);
    }

    private CpeReply open(LiveSession current, CwmpEnvelope envelope, Inform inform, String remoteAddress,
                          CpeCredentials credentials) {
        if (inform.deviceId().oui().isEmpty() || inform.deviceId().serialNumber().isEmpty()) {
            return fault(envelope, null, CwmpFault.INVALID_ARGUMENTS,
                    "Invalid arguments: the Inform's DeviceId needs an OUI and a SerialNumber");
        }
        DeviceId deviceId = policy.identityScheme().idOf(inform.deviceId());
        // before anything is loaded, stored or ended: an unauthenticated Inform must not even end a session
        CpeReply authRefusal = authenticate(envelope, inform, deviceId, remoteAddress, credentials);
        if (authRefusal != null) {
            return authRefusal;
        }
        // one opening per device at a time on this node: the checks below, the lease and the reads are one step
        if (!opening.add(deviceId)) {
            announcer.turnedAway(deviceId, Outcome.REFUSED, "a session of the device is opening");
            return fault(envelope, null, CwmpFault.RETRY_REQUEST,
                    "Retry request: device " + deviceId + " already has a CWMP session in progress");
        }
        try {
            return openAlone(current, envelope, inform, deviceId, remoteAddress);
        } finally {
            opening.remove(deviceId);
        }
    }

    /** {@link #open} for a device no other session of this node is opening. */
    private CpeReply openAlone(LiveSession current, CwmpEnvelope envelope, Inform inform, DeviceId deviceId,
                               String remoteAddress) {
        if (current != null && current.deviceId().equals(deviceId)) {
            // the CPE starts over on a connection or cookie of its own earlier session: that one is over
            end(current, "restarted by a new Inform");
        }
        // a cookie of another device's session is ignored: an Inform never touches another device's session
        Optional<LiveSession> other = registry.byDevice(deviceId);
        if (other.isPresent() && other.get().lastActivity().isBefore(now().minus(registry.idleTimeout()))) {
            end(other.get(), "idle timeout");
            other = registry.byDevice(deviceId);
        } else if (other.isPresent()
                && !other.get().lastActivity().isAfter(now().minus(stalledSessionTakeover))) {
            end(other.get(), "stalled, replaced by a new authenticated Inform of the device");
            other = registry.byDevice(deviceId);
        }
        if (other.isPresent()) {
            announcer.turnedAway(deviceId, Outcome.REFUSED, "a session of the device is in progress");
            return fault(envelope, null, CwmpFault.RETRY_REQUEST,
                    "Retry request: device " + deviceId + " already has a CWMP session in progress");
        }
        // the lease first, then the reads (one store call: an engine may read both at once): a session that ends
        // on another node between this node's reads and its lease would otherwise leave this one working from what
        // that session had not yet written (a task it did, run again). Holding the lease, the reads see every
        // session of the device that ended before
        Optional<SessionStart> start;
        try {
            start = store.acquireLeaseAndLoadSessionStart(deviceId, nodeId, leaseTtl);
        } catch (StoreUnavailableException e) {
            return notLoaded(deviceId, e); // the store gave the lease back (or never took it)
        }
        if (start.isEmpty()) {
            announcer.turnedAway(deviceId, Outcome.REFUSED, "the device is in session on another ACS node");
            return fault(envelope, null, CwmpFault.RETRY_REQUEST, "Retry request: device " + deviceId
                    + " already has a CWMP session in progress on another ACS node");
        }
        Optional<DeviceSnapshot> known = start.get().snapshot();
        List<Operation> operations = start.get().operations();
        List<Task> tasks;
        try {
            tasks = withPrerequisites(start.get().pendingTasks());
        } catch (StoreUnavailableException e) {
            releaseLease(deviceId);
            return notLoaded(deviceId, e);
        }
        Instant now = now();
        SessionOpening opened = CwmpSession.open(inform, envelope.version(), deviceId, known, tasks, operations,
                remoteAddress, policy, now);
        if (opened instanceof SessionOpening.Refused refused) {
            releaseLease(deviceId);
            log.refused(deviceId, refused.fault());
            announcer.turnedAway(deviceId, Outcome.REFUSED, refused.fault().faultString());
            return new CpeReply.Message(reply(envelope, refused.fault()), null, false);
        }
        SessionOpening.Accepted accepted = (SessionOpening.Accepted) opened;
        Optional<LiveSession> session = registry.begin(accepted.session(), remoteAddress, now);
        if (session.isEmpty()) {
            // cannot happen while every session begins here, one opening per device at a time; kept as a guard
            releaseLease(deviceId);
            announcer.turnedAway(deviceId, Outcome.REFUSED, "a session of the device is in progress");
            return fault(envelope, null, CwmpFault.RETRY_REQUEST,
                    "Retry request: device " + deviceId + " already has a CWMP session in progress");
        }
        Integer sessionTimeout = envelope.header().sessionTimeout();
        if (sessionTimeout != null && sessionTimeout > 0) {
            // CWMP 1.3: the CPE gives up on a session idle for this long, so there is no point keeping it longer
            session.get().idleTimeout(Duration.ofSeconds(sessionTimeout), registry.idleTimeout());
        }
        announcer.opened(session.get(), inform);
        if (inform.hasEvent(EventStruct.BOOTSTRAP) && !checkpointBootstrap(session.get())) {
            return new CpeReply.HttpError(503, "the device store is unavailable: retry later",
                    STORE_RETRY_AFTER_SECONDS);
        }
        CwmpHeader header = CwmpHeader.withId(envelope.header().id());
        if (envelope.header().supportedCwmpVersions() != null) {
            header = header.withUseCwmpVersion(envelope.version().label());
        }
        return new CpeReply.Message(new CwmpEnvelope(envelope.version(), header, accepted.response()), session.get(),
                true);
    }

    /** The answer when the device could not be loaded: 503, the CPE retries later. */
    private CpeReply notLoaded(DeviceId deviceId, StoreUnavailableException e) {
        log.storeUnavailable(deviceId, e);
        announcer.turnedAway(deviceId, Outcome.STORE_UNAVAILABLE, "the device could not be loaded");
        return new CpeReply.HttpError(503, "the device store is unavailable: retry later", STORE_RETRY_AFTER_SECONDS);
    }

    /**
     * The pending tasks and the final tasks they wait for ({@code after}), so that the engine fails a task whose
     * prerequisite failed, expired or was cancelled in an earlier session instead of taking its absence from the
     * queue for success.
     */
    private List<Task> withPrerequisites(List<Task> pending) {
        java.util.Set<io.lodestar.acs.core.task.TaskId> ids = new java.util.HashSet<>();
        pending.forEach(t -> ids.add(t.id()));
        List<Task> out = new java.util.ArrayList<>(pending);
        for (Task t : pending) {
            if (t.after() != null && ids.add(t.after())) {
                store.findTask(t.after()).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * Puts the Inform to the authenticator; returns the refusal to answer with, or null when accepted. A
     * refusal writes nothing and leaves every session as it is.
     */
    private CpeReply authenticate(CwmpEnvelope envelope, Inform inform, DeviceId deviceId, String remoteAddress,
                                  CpeCredentials credentials) {
        AuthenticationOutcome outcome;
        try {
            outcome = Objects.requireNonNull(authenticator.authenticate(
                    new AuthenticationRequest(inform, deviceId, remoteAddress, credentials)),
                    "the CPE authenticator gave no outcome");
        } catch (StoreUnavailableException e) {
            log.storeUnavailable(deviceId, e);
            announcer.turnedAway(deviceId, Outcome.STORE_UNAVAILABLE, "the CPE's credentials could not be checked");
            return new CpeReply.HttpError(503, "the device store is unavailable: retry later",
                    STORE_RETRY_AFTER_SECONDS);
        }
        if (outcome instanceof AuthenticationOutcome.Challenged challenge) {
            log.challenged(deviceId, remoteAddress);
            announcer.turnedAway(deviceId, Outcome.REFUSED, "challenged to authenticate");
            return new CpeReply.Unauthorized(challenge.wwwAuthenticate(), "the CPE must authenticate");
        }
        if (outcome instanceof AuthenticationOutcome.Refused refused) {
            log.refused(deviceId, refused.fault());
            announcer.turnedAway(deviceId, Outcome.REFUSED, refused.fault().faultString());
            return new CpeReply.Message(reply(envelope, refused.fault()), null, false);
        }
        return null;
    }

    /**
     * Renews the lease once a third of its life has passed; false when it was lost (this node was cut off
     * from the store for longer than the lease lives, and another node may now serve the device).
     */
    private boolean keepLease(LiveSession session, Instant now) {
        if (Duration.between(session.leaseRenewedAt(), now).compareTo(leaseTtl.dividedBy(3)) < 0) {
            return true;
        }
        if (!store.renewLease(session.deviceId(), nodeId, leaseTtl)) {
            return false;
        }
        session.leaseRenewed(now);
        return true;
    }

    private void releaseLease(LiveSession session) {
        releaseLease(session.deviceId());
    }

    /**
     * Gives the device's lease back. Safe while opening a session: no other session of the device can hold this
     * node's lease then, since a session of the device in progress here is refused before the lease is taken and
     * {@link #opening} admits one opening per device at a time.
     */
    private void releaseLease(DeviceId deviceId) {
        try {
            store.releaseLease(deviceId, nodeId);
        } catch (StoreUnavailableException e) {
            // it expires by itself
        }
    }

    /**
     * A CPE considers its events delivered once it has the InformResponse, so a bootstrap must be stored
     * before that: were the session lost afterwards, the device would never announce it again and the ACS
     * would keep a stale tree. The session's final batch repeats these changes, so this write is only an
     * early copy of part of it.
     */
    private boolean checkpointBootstrap(LiveSession session) {
        SessionChanges checkpoint = session.engine().finish();
        try {
            store.commit(checkpoint);
        } catch (StoreUnavailableException e) {
            log.storeUnavailable(session.deviceId(), e);
            session.close();
            registry.remove(session);
            releaseLease(session);
            announcer.ended(session, Outcome.STORE_UNAVAILABLE, "the bootstrap could not be stored", 0);
            return false;
        }
        // e.g. the factory reset this bootstrap reports is now durably over: say so now, not only at the end
        announcer.stored(session, checkpoint);
        return true;
    }

    private CpeReply continueSession(LiveSession session, CwmpEnvelope envelope) {
        synchronized (session) {
            if (session.isClosed()) {
                return new CpeReply.HttpError(400, "the CWMP session has ended: start a new one with an Inform", null);
            }
            Instant now = now();
            session.touch(now);
            try {
                if (!keepLease(session, now)) {
                    session.close();
                    registry.remove(session);
                    log.leaseLost(session);
                    announcer.ended(session, Outcome.ABANDONED, "its lease was lost (changes not stored)", 0);
                    return new CpeReply.HttpError(503, "the session's lease was lost: retry later",
                            STORE_RETRY_AFTER_SECONDS);
                }
            } catch (StoreUnavailableException e) {
                end(session, "store unavailable");
                return new CpeReply.HttpError(503, "the device store is unavailable: retry later",
                        STORE_RETRY_AFTER_SECONDS);
            }
            CwmpMessage incoming = envelope == null ? null : envelope.message();
            boolean isAnswer = incoming instanceof CwmpMessage.CpeResponse || incoming instanceof CwmpFault;
            if (isAnswer) {
                incoming = matchedToRequest(session, envelope, incoming);
            }
            // an answer or an empty POST settles the request in flight; a CPE request in between does not
            String answered = incoming == null || isAnswer ? session.takeMethodInFlight() : null;
            SessionStep step;
            try {
                step = session.engine().next(incoming, now);
            } catch (RuntimeException e) {
                log.engineFailure(session, e);
                end(session, "internal error");
                return fault(envelope, session, CwmpFault.INTERNAL_ERROR, "Internal error");
            }
            if (answered != null && incoming != null) {
                announcer.rpcAnswered(session, answered, incoming instanceof CwmpFault f ? f : null);
            }
            if (step instanceof SessionStep.Send send) {
                CwmpMessage message = send.message();
                String id = message instanceof CwmpMessage.AcsRequest
                        ? session.nextMessageId()
                        : envelope == null ? null : envelope.header().id();
                if (message instanceof CwmpMessage.AcsRequest) {
                    session.requestSent(message.methodName(), id);
                    announcer.rpcSent(session, message.methodName());
                }
                CwmpVersion version = session.engine().version();
                return new CpeReply.Message(new CwmpEnvelope(version, CwmpHeader.withId(id), message), session, false);
            }
            return finish(session);
        }
    }

    /**
     * The answer as the engine should take it: the CPE's message when its cwmp:ID is the ID of the request in
     * flight (or it has none: some CPEs do not echo it, and there is only ever one request in flight), else a
     * fault, so that an answer to some other request is never taken for this one's (the task's attempt fails and
     * is retried).
     */
    private static CwmpMessage matchedToRequest(LiveSession session, CwmpEnvelope envelope, CwmpMessage answer) {
        String expected = session.idInFlight();
        String got = envelope.header().id();
        if (expected == null || got == null || got.equals(expected)) {
            return answer;
        }
        return CwmpFault.acs(CwmpFault.INVALID_ARGUMENTS, "Invalid arguments: the " + answer.methodName()
                + " has cwmp:ID '" + got + "', not the ID '" + expected + "' of the request it should answer");
    }

    private CpeReply finish(LiveSession session) {
        if (!session.close()) {
            return new CpeReply.HttpError(400, "the CWMP session has ended", null);
        }
        SessionChanges changes = session.engine().finish();
        boolean stored = false;
        try {
            store.commitAndReleaseLease(changes, nodeId);
            stored = true;
            log.ended(session, "ok", changes, now());
        } catch (StoreUnavailableException e) {
            log.ended(session, "store-unavailable", changes, now());
        } finally {
            registry.remove(session);
        }
        if (!stored) {
            announcer.ended(session, Outcome.STORE_UNAVAILABLE, "the session's changes could not be stored", 0);
            return new CpeReply.HttpError(503, "the device store is unavailable: the session's changes were not "
                    + "stored, retry later", STORE_RETRY_AFTER_SECONDS);
        }
        announcer.stored(session, changes);
        announcer.ended(session, Outcome.OK, null, changes.upserts().size());
        return new CpeReply.SessionEnded(session);
    }

    /** Ends a session that did not finish normally, keeping what it learned. */
    public void end(LiveSession session, String reason) {
        synchronized (session) {
            if (!session.close()) {
                return;
            }
            SessionChanges changes = session.engine().abandon(reason, now());
            boolean stored = false;
            try {
                store.commitAndReleaseLease(changes, nodeId);
                stored = true;
                log.ended(session, reason, changes, now());
            } catch (StoreUnavailableException e) {
                log.ended(session, reason + ", changes lost: store unavailable", changes, now());
            } finally {
                registry.remove(session);
            }
            if (stored) {
                announcer.stored(session, changes);
                announcer.ended(session, Outcome.ABANDONED, reason, changes.upserts().size());
            } else {
                announcer.ended(session, Outcome.STORE_UNAVAILABLE, reason + ", changes not stored", 0);
            }
        }
    }

    /** Ends the sessions idle for longer than the idle timeout; called periodically. */
    public void endIdleSessions() {
        for (LiveSession session : registry.idleAt(now())) {
            end(session, "idle timeout");
        }
    }

    /** Ends every session in progress (shutdown): what they learned is stored. */
    public void endAll(String reason) {
        for (LiveSession session : registry.idleAt(Instant.MAX)) {
            end(session, reason);
        }
    }

    private CpeReply fault(CwmpEnvelope request, LiveSession session, int code, String text) {
        CwmpFault fault = CwmpFault.acs(code, text);
        if (request == null) {
            CwmpVersion version = session == null ? CwmpVersion.V1_0 : session.engine().version();
            return new CpeReply.Message(new CwmpEnvelope(version, CwmpHeader.EMPTY, fault), session, false);
        }
        return new CpeReply.Message(reply(request, fault), session, false);
    }

    private static CwmpEnvelope reply(CwmpEnvelope request, CwmpMessage message) {
        return new CwmpEnvelope(request.version(), CwmpHeader.withId(request.header().id()), message);
    }

    private Instant now() {
        return clock.instant();
    }
}
