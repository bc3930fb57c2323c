package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.session.SessionChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One log line per session (device, events, RPCs, outcome, duration), and the few lines about refusals. */
final class SessionLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.lodestar.acs.session");

    /**
     * The session's line: INFO when it did something an operator may look for (ran RPCs besides the Inform,
     * touched tasks, stored faults, bootstrapped or booted, did not end "ok"), DEBUG for the plain periodic session
     * that only informed (at thousands of sessions a second a carrier ACS does not want a line for each: the
     * metrics count them). Nothing is formatted unless the line's level is enabled.
     */
    void ended(LiveSession session, String outcome, SessionChanges changes, Instant now) {
        int refused = session.engine().parametersRefused();
        if (refused > 0) {
            LOG.warn("session device={} {} new parameters not stored: a device keeps at most session.max-parameters",
                    session.deviceId(), refused);
        }
        boolean plain = isPlain(outcome, session.engine().events(), session.engine().rpcCount(), changes);
        if (plain ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        long millis = Duration.between(session.engine().openedAt(), now).toMillis();
        Object[] args = {session.deviceId(), session.remoteAddress(),
                session.engine().version().label(), session.engine().events(),
                summarize(session.engine().rpcs()), outcome, changes.upserts().size(), changes.tasks().size(),
                changes.faults().size(), millis};
        if (plain) {
            LOG.debug(LINE, args);
        } else {
            LOG.info(LINE, args);
        }
    }

    private static final String LINE = "session device={} from={} cwmp={} events={} rpcs=[{}] outcome={} params={} "
            + "tasks={} faults={} duration={}ms";

    /**
     * A session that ended "ok" with nothing but its Inform: no other RPC either way, no task, operation or fault
     * written, and neither a bootstrap nor a boot among its events.
     */
    static boolean isPlain(String outcome, List<String> events, int rpcCount, SessionChanges changes) {
        if (!"ok".equals(outcome) || rpcCount != 1 || !changes.tasks().isEmpty() || !changes.faults().isEmpty()
                || !changes.operations().isEmpty()) {
            return false;
        }
        for (String event : events) {
            if (event.equals("0 BOOTSTRAP") || event.equals("1 BOOT")) {
                return false;
            }
        }
        return true;
    }

    void refused(DeviceId deviceId, CwmpFault fault) {
        LOG.info("session device={} refused: {} {}", deviceId, fault.faultCode(), fault.faultString());
    }

    /** Debug only: a challenge is the normal first step of HTTP Digest, once per session. */
    void challenged(DeviceId deviceId, String remoteAddress) {
        LOG.debug("session device={} from={} challenged to authenticate", deviceId, remoteAddress);
    }

    /** A request named a session (by its cookie) from another address than the one the session was opened from. */
    void foreignPeer(LiveSession session, String remoteAddress) {
        LOG.warn("session device={} from={}: its cookie was presented from {}; ignored", session.deviceId(),
                session.remoteAddress(), remoteAddress);
    }

    void storeUnavailable(DeviceId deviceId, RuntimeException e) {
        LOG.warn("session device={} refused: store unavailable: {}", deviceId, e.getMessage());
    }

    void leaseLost(LiveSession session) {
        LOG.warn("session device={} dropped: its lease was lost (changes not stored)", session.deviceId());
    }

    void engineFailure(LiveSession session, RuntimeException e) {
        LOG.error("session device={} failed in the engine", session.deviceId(), e);
    }

    /** {@code [Inform, GPN, GPN, GPN, GPV]} becomes {@code Inform, GetParameterNames x3, GetParameterValues}. */
    static String summarize(List<String> rpcs) {
        List<String> parts = new ArrayList<>();
        String last = null;
        int count = 0;
        for (String rpc : rpcs) {
            if (rpc.equals(last)) {
                count++;
                continue;
            }
            if (last != null) {
                parts.add(count > 1 ? last + " x" + count : last);
            }
            last = rpc;
            count = 1;
        }
        if (last != null) {
            parts.add(count > 1 ? last + " x" + count : last);
        }
        return String.join(", ", parts);
    }
}
