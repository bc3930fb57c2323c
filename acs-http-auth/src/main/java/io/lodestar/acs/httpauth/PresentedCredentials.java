package io.lodestar.acs.httpauth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * What a client put in its {@code Authorization} header, parsed: Basic (RFC 7617) or a Digest response
 * (RFC 7616). Parsing judges only the form; {@link DigestVerifier} and {@link BasicVerifier} judge the secret.
 */
public sealed interface PresentedCredentials {

    String username();

    /**
     * Parses an {@code Authorization} header value.
     *
     * @throws IllegalArgumentException naming what is wrong when the header is no well-formed Basic or Digest
     *                                  credential (an unknown scheme included)
     */
    static PresentedCredentials parse(String header) {
        Objects.requireNonNull(header, "header");
        if (header.length() > AuthParams.MAX_LENGTH) {
            throw new IllegalArgumentException("Authorization header longer than " + AuthParams.MAX_LENGTH + " characters");
        }
        String scheme = AuthParams.schemeOf(header);
        return switch (scheme) {
            case "basic" -> Basic.parse(header.trim().substring(scheme.length()).trim());
            case "digest" -> DigestResponse.of(AuthParams.paramsOf(header));
            default -> throw new IllegalArgumentException("unsupported authentication scheme '" + scheme + "'");
        };
    }

    /** Basic: the user and the password in clear (only safe over TLS). */
    record Basic(String username, String password) implements PresentedCredentials {

        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        static Basic parse(String token68) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(token68);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Basic credentials that are not base64");
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                // RFC 7617 leaves the charset open; old clients send ISO-8859-1
                text = new String(raw, StandardCharsets.ISO_8859_1);
            }
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("Basic credentials without a ':' between user and password");
            }
            return new Basic(text.substring(0, colon), text.substring(colon + 1));
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=<hidden>]";
        }
    }

    /**
     * A Digest response's parameters (RFC 7616 section 3.4).
     *
     * @param algorithm absent in the header means MD5
     * @param qop       {@code auth}, or null for the RFC 2069 form without qop
     * @param nc        the nonce count, 8 hex digits as sent (null without qop)
     */
    record DigestResponse(String username, String realm, String nonce, String uri, String response,
                          DigestAlgorithm algorithm, String qop, String nc, String cnonce, String opaque)
            implements PresentedCredentials {

        static DigestResponse of(Map<String, String> p) {
            for (String required : new String[] {"username", "realm", "nonce", "uri", "response"}) {
                if (!p.containsKey(required)) {
                    throw new IllegalArgumentException("Digest credentials without " + required);
                }
            }
            if ("true".equalsIgnoreCase(p.get("userhash")) || p.containsKey("username*")) {
                throw new IllegalArgumentException("Digest credentials with a hashed or encoded username are not supported");
            }
            DigestAlgorithm algorithm = DigestAlgorithm.fromToken(p.get("algorithm")).orElseThrow(
                    () -> new IllegalArgumentException("unsupported Digest algorithm '" + p.get("algorithm") + "'"));
            String qop = p.get("qop");
            String nc = p.get("nc");
            String cnonce = p.get("cnonce");
            if (qop != null) {
                if (nc == null || cnonce == null) {
                    throw new IllegalArgumentException("Digest credentials with qop need nc and cnonce");
                }
                if (!isEightHexDigits(nc)) {
                    throw new IllegalArgumentException("Digest nonce count is not 8 hex digits");
                }
            }
            return new DigestResponse(p.get("username"), p.get("realm"), p.get("nonce"), p.get("uri"),
                    p.get("response"), algorithm, qop, nc, cnonce, p.get("opaque"));
        }

        private static boolean isEightHexDigits(String s) {
            if (s.length() != 8) {
                return false;
            }
            for (int i = 0; i < 8; i++) {
                if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                    return false;
                }
            }
            return true;
        }

        /** The nonce count as a number; 0 without qop. */
        public long nonceCount() {
            return nc == null ? 0 : Long.parseLong(nc, 16);
        }
    }
}
