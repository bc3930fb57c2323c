package io.lodestar.acs.httpauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks Basic credentials against a stored Digest HA1 instead of a password: the HA1 of the presented user,
 * realm and password is computed and compared with the stored one in constant time, so a server keeps one
 * secret form for both schemes and never the password.
 */
public final class BasicVerifier {

    private BasicVerifier() {
    }

    /**
     * @param algorithm  the algorithm of {@code storedHa1} (MD5 or SHA-256)
     * @param storedUser the user the HA1 was computed for
     */
    public static boolean verify(PresentedCredentials.Basic presented, DigestAlgorithm algorithm, String realm,
                                 String storedUser, String storedHa1) {
        boolean userMatches = MessageDigest.isEqual(presented.username().getBytes(StandardCharsets.UTF_8),
                storedUser.getBytes(StandardCharsets.UTF_8));
        String ha1 = Digest.ha1(algorithm.base(), presented.username(), realm, presented.password());
        boolean secretMatches = MessageDigest.isEqual(ha1.getBytes(StandardCharsets.US_ASCII),
                storedHa1.getBytes(StandardCharsets.US_ASCII));
        return userMatches & secretMatches;
    }
}
