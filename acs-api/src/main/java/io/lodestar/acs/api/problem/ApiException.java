package io.lodestar.acs.api.problem;

import java.util.Map;
import java.util.Objects;

/** A request the API refuses, with the problem to answer and any headers that go with it. */
public final class ApiException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ApiException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = Objects.requireNonNull(problem);
        this.headers = Map.copyOf(headers);
    }

    public ApiException(Problem problem) {
        this(problem, Map.of());
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(Problem.of(400, code, "Bad request", detail));
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(Problem.of(422, code, "Unprocessable request", detail));
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(Problem.of(404, code, "Not found", detail));
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
