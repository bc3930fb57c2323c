package io.lodestar.acs.profiles.service;

import io.lodestar.acs.profiles.crypto.EncodedProfile;
import io.lodestar.acs.profiles.template.RenderProblem;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to answer a phone; the file server's Netty handler maps each to HTTP ({@link #status()} and the headers each
 * names). For HEAD the handler sends the headers of {@link Ok} without its body.
 */
public sealed interface ProfileReply {

    int status();

    /** 200: the profile. Headers: Content-Type, Content-Encoding when not null, ETag, Cache-Control: no-store. */
    record Ok(EncodedProfile profile, String etag) implements ProfileReply {
        public Ok {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(etag, "etag");
        }

        @Override
        public int status() {
            return 200;
        }
    }

    /** 304: the phone's If-None-Match names the current profile. Header: ETag. */
    record NotModified(String etag) implements ProfileReply {
        @Override
        public int status() {
            return 304;
        }
    }

    /** 404: no template serves the path, or the device is unknown (and not registered). Never sent with the reason. */
    record NotFound(String reason) implements ProfileReply {
        @Override
        public int status() {
            return 404;
        }
    }

    /**
     * 404 to the phone (it keeps its configuration and retries after its Resync_Error_Retry_Delay), and an error for
     * operators: the template needs a value, parameter or key the device lacks. The handler logs it; the service has
     * already told its {@link ProfileListener}.
     */
    record Incomplete(String template, String deviceId, List<RenderProblem> problems) implements ProfileReply {
        public Incomplete {
            problems = List.copyOf(problems);
        }

        @Override
        public int status() {
            return 404;
        }
    }

    /**
     * 301 (permanent) or 302 (temporary) with {@code Location}: an operator moved this device's profile elsewhere
     * ({@link ProfileRedirects}); the location has its macros expanded for the device.
     */
    record Redirect(String location, boolean permanent) implements ProfileReply {
        public Redirect {
            Objects.requireNonNull(location, "location");
        }

        @Override
        public int status() {
            return permanent ? 301 : 302;
        }
    }

    /** 401 with one WWW-Authenticate header per challenge. */
    record Challenge(List<String> wwwAuthenticate) implements ProfileReply {
        public Challenge {
            wwwAuthenticate = List.copyOf(wwwAuthenticate);
            if (wwwAuthenticate.isEmpty()) {
                throw new IllegalArgumentException("a challenge names at least one scheme");
            }
        }

        @Override
        public int status() {
            return 401;
        }
    }

    /** 503 with Retry-After in whole seconds: too many profiles are being built at once. */
    record Busy(Duration retryAfter) implements ProfileReply {
        @Override
        public int status() {
            return 503;
        }

        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /** 405 with {@code Allow: GET, HEAD, POST}. */
    record MethodNotAllowed(String method) implements ProfileReply {
        public static final String ALLOW = "GET, HEAD, POST";

        @Override
        public int status() {
            return 405;
        }
    }

    /** 413: a POSTed status report longer than the limit. */
    record TooLarge(int limit) implements ProfileReply {
        @Override
        public int status() {
            return 413;
        }
    }
}
