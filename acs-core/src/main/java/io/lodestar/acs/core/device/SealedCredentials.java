package io.lodestar.acs.core.device;

import java.util.Arrays;
import java.util.Objects;

/**
 * A device's connection request credentials (ManagementServer.ConnectionRequestUsername and Password) as stored:
 * the password encrypted by the ACS (the store never sees it in clear).
 *
 * @param username       the user name (not secret), may be empty
 * @param sealedPassword the password encrypted (AES-GCM: nonce then ciphertext and tag); the store keeps it as is
 * @param applied        true once the device is known to use them (set by an operator, or the ACS's
 *                       SetParameterValues done); false while the ACS's own are still on their way to the device
 */
public record SealedCredentials(String username, byte[] sealedPassword, boolean applied) {

    public SealedCredentials {
        Objects.requireNonNull(username, "username");
        sealedPassword = Objects.requireNonNull(sealedPassword, "sealedPassword").clone();
    }

    @Override
    public byte[] sealedPassword() {
        return sealedPassword.clone();
    }

    public SealedCredentials asApplied() {
        return new SealedCredentials(username, sealedPassword, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedCredentials s && s.username.equals(username) && s.applied == applied
                && Arrays.equals(s.sealedPassword, sealedPassword);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, applied, Arrays.hashCode(sealedPassword));
    }

    @Override
    public String toString() {
        return "SealedCredentials[username=" + username + ", applied=" + applied + "]";
    }
}
