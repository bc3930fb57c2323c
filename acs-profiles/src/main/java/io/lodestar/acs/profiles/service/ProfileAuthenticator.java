package io.lodestar.acs.profiles.service;

import io.lodestar.acs.profiles.identify.Identified;

import java.util.List;

/**
 * The seam where phones' credentials are checked, once the phone is identified and before anything is built. acs-http-auth
 * holds only the client side of Basic and Digest today; the merger implements this with its server-side check
 * (per-device credentials from the CPE credential store) when that lands. Until then {@link #NONE} accepts all,
 * which is acceptable only because encrypted profiles are useless without their key.
 */
public interface ProfileAuthenticator {

    Decision check(ProfileRequest request, Identified phone);

    sealed interface Decision {
    }

    record Allow() implements Decision {
    }

    /** Answer 401 with these WWW-Authenticate values (Digest and/or Basic challenges). */
    record Challenge(List<String> wwwAuthenticate) implements Decision {
        public Challenge {
            wwwAuthenticate = List.copyOf(wwwAuthenticate);
        }
    }

    ProfileAuthenticator NONE = (request, phone) -> new Allow();
}
