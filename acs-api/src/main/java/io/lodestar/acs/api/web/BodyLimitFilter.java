package io.lodestar.acs.api.web;

import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.api.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies of at most {@code max} bytes: a larger Content-Length is refused before anything is read, and a
 * chunked body is cut off once it passes the limit; both get 413.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class BodyLimitFilter implements ContainerRequestFilter {

    private final int max;

    public BodyLimitFilter(int max) {
        this.max = max;
    }

    /** Operators' file uploads: streamed to storage with a limit of their own ({@code files.max-upload-bytes}). */
    private static final String FILE_UPLOADS = "/api/v1/files";

    @Override
    public void filter(ContainerRequestContext request) {
        if ("POST".equals(request.getMethod()) && FILE_UPLOADS.equals(request.getUriInfo().getRequestUri().getPath())) {
            return;
        }
        if (request.getLength() > max) {
            throw tooLarge(max);
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), max));
    }

    static ApiException tooLarge(int max) {
        return new ApiException(Problem.of(413, "TOO_LARGE", "Request body too large",
                "the request body is larger than " + max + " bytes (api.max-body-bytes)"));
    }

    private static final class Bounded extends FilterInputStream {
        private final int max;
        private long read;

        Bounded(InputStream in, int max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw tooLarge(max);
            }
        }
    }
}
