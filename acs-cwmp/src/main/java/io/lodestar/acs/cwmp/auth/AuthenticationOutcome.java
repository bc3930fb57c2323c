package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.rpc.CwmpFault;

import java.util.List;
import java.util.Objects;

/** A {@link CpeAuthenticator}'s verdict on an Inform. */
public sealed interface AuthenticationOutcome {

    static AuthenticationOutcome accepted() {
        return Accepted.INSTANCE;
    }

    /** Refuses with HTTP 401 and these {@code WWW-Authenticate} challenges (e.g. a Digest challenge). */
    static AuthenticationOutcome challenge(String... wwwAuthenticate) {
        return new Challenged(List.of(wwwAuthenticate));
    }

    /** Refuses with a CWMP fault (e.g. 8001 Request denied), sent as a SOAP fault. */
    static AuthenticationOutcome refused(CwmpFault fault) {
        return new Refused(fault);
    }

    /** The CPE is who it claims to be: the session may open. */
    record Accepted() implements AuthenticationOutcome {
        private static final Accepted INSTANCE = new Accepted();
    }

    /**
     * The CPE must (re)try with credentials: HTTP 401 with one {@code WWW-Authenticate} header per challenge,
     * so that the CPE can answer a Digest or Basic challenge on its next POST.
     */
    record Challenged(List<String> wwwAuthenticate) implements AuthenticationOutcome {
        public Challenged {
            wwwAuthenticate = List.copyOf(wwwAuthenticate);
            if (wwwAuthenticate.isEmpty()) {
                throw new IllegalArgumentException("a 401 needs at least one WWW-Authenticate challenge");
            }
        }
    }

    /** The CPE is turned away with this CWMP fault. */
    record Refused(CwmpFault fault) implements AuthenticationOutcome {
        public Refused {
            Objects.requireNonNull(fault, "fault");
        }
    }
}
