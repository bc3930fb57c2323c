package io.lodestar.acs.cwmp.auth;

/** Accepts every CPE: the default until CPE authentication is configured. */
public final class AllowAll implements CpeAuthenticator {

    public static final AllowAll INSTANCE = new AllowAll();

    private AllowAll() {}

    @Override
    public AuthenticationOutcome authenticate(AuthenticationRequest request) {
        return AuthenticationOutcome.accepted();
    }
}
