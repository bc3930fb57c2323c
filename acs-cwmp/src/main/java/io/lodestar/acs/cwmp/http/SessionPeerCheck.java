package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.cwmp.auth.AllowAll;
import io.lodestar.acs.cwmp.auth.AuthenticationOutcome;
import io.lodestar.acs.cwmp.auth.AuthenticationRequest;
import io.lodestar.acs.cwmp.auth.CpeAuthenticator;
import io.lodestar.acs.cwmp.auth.CpeCredentials;
import io.lodestar.acs.cwmp.session.LiveSession;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * Binds a session to its authenticated peer, not only to its IP address (CPEs behind one NAT share that): a request
 * that reaches a session by its cookie on a connection that has not yet proven to be the device's must prove it
 * again with the credentials the Inform was authenticated with (Digest or Basic in {@code Authorization}, or the
 * TLS client certificate), checked by the same {@link CpeAuthenticator}. Without them it is answered 401 with
 * fresh challenges (an honest CPE that reconnected mid-session answers them and resends the request) and the
 * session is not touched. The connection the session was opened on, and any connection that proved itself, are
 * bound to it (the handler marks them). With {@link AllowAll} (authentication off) there is nothing to prove and
 * only the IP address binds.
 */
final class SessionPeerCheck {

    private final CpeAuthenticator authenticator;
    /** The Inform that opened each live session (without its parameters): the authenticator judges by it. */
    private final Map<LiveSession, Inform> openedBy = Collections.synchronizedMap(new WeakHashMap<>());

    SessionPeerCheck(CpeAuthenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator);
    }

    boolean enabled() {
        return authenticator != AllowAll.INSTANCE;
    }

    /** The session was opened by this (authenticated) Inform. */
    void opened(LiveSession session, Inform inform) {
        if (enabled()) {
            openedBy.put(session, new Inform(inform.deviceId(), inform.events(), inform.maxEnvelopes(),
                    inform.currentTime(), inform.retryCount(), List.of()));
        }
    }

    /**
     * The authenticator's verdict on a request that reached {@code session} from a connection not bound to it;
     * {@link AuthenticationOutcome#accepted()} when it proved to be the device's.
     */
    AuthenticationOutcome check(LiveSession session, String remoteAddress, CpeCredentials presented) {
        if (!enabled()) {
            return AuthenticationOutcome.accepted();
        }
        Inform inform = openedBy.get(session);
        if (inform == null) {
            // opened before this check knew of it (cannot happen once started): nothing to judge by, refuse
            return AuthenticationOutcome.challenge("Digest realm=\"Lodestar ACS\"");
        }
        return authenticator.authenticate(new AuthenticationRequest(inform, session.deviceId(), remoteAddress,
                presented));
    }
}
