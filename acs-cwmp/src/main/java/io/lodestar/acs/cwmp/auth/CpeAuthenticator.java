package io.lodestar.acs.cwmp.auth;

/**
 * Decides whether the CPE that sent an Inform is the device it claims to be (HTTP Basic or Digest
 * credentials per device, a TLS client certificate, ...). The session service calls it for every Inform,
 * after decoding it and deriving the device id, and before it loads, stores or ends anything: a refused
 * Inform writes nothing, opens no session and leaves any session in progress alone.
 *
 * <p>Why a package of its own ({@code io.lodestar.acs.cwmp.auth}): authenticators will be written against
 * this contract by whoever owns device credentials, and need neither the session machinery nor Netty; the
 * HTTP layer fills {@link CpeCredentials}, the session service asks, and this package's types depend on
 * acs-core only.
 *
 * <p>It runs synchronously on a CWMP worker thread. It may read credentials from the store; a
 * {@link io.lodestar.acs.store.StoreUnavailableException} it throws answers the CPE with 503 (retry later).
 * Any other exception fails the request (503 with Retry-After, not a 500 without a fault): an authenticator that
 * cannot decide does not let in.
 */
@FunctionalInterface
public interface CpeAuthenticator {

    AuthenticationOutcome authenticate(AuthenticationRequest request);
}
