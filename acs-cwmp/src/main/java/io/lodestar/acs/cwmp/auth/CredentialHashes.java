package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.httpauth.Digest;
import io.lodestar.acs.httpauth.DigestAlgorithm;

import java.time.Instant;

/** A password made into what the store keeps of it: the MD5 and SHA-256 HA1 for a realm, never the password. */
public final class CredentialHashes {

    private CredentialHashes() {
    }

    public static CpeCredential of(String username, String realm, String password, Instant setAt) {
        return new CpeCredential(username, realm, Digest.ha1(DigestAlgorithm.MD5, username, realm, password),
                Digest.ha1(DigestAlgorithm.SHA_256, username, realm, password), setAt);
    }
}
