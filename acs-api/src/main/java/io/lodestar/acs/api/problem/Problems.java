package io.lodestar.acs.api.problem;

import io.lodestar.acs.service.ErrorCode;
import io.lodestar.acs.service.ServiceException;
import jakarta.ws.rs.core.Response;

/** Builds problem answers, and says which problem each refusal of the service layer is. */
public final class Problems {

    private Problems() {}

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Problem of(ServiceException e) {
        return switch (e.code()) {
            case DEVICE_NOT_FOUND -> Problem.of(404, "UNKNOWN_DEVICE", "Unknown device", e.getMessage());
            case TASK_NOT_FOUND -> Problem.of(404, "UNKNOWN_TASK", "Unknown task", e.getMessage());
            case TASK_NOT_CANCELLABLE -> Problem.of(409, "TASK_NOT_PENDING", "Task not pending", e.getMessage());
            case TASK_NOT_RETRYABLE -> Problem.of(409, "TASK_NOT_FAILED", "Task not failed", e.getMessage());
            case PATH_NOT_FOUND -> Problem.of(422, "UNKNOWN_PATH", "Unknown parameter path", e.getMessage());
            case NOT_WRITABLE -> Problem.of(422, "READ_ONLY", "Read-only parameter", e.getMessage());
            case BAD_VALUE -> Problem.of(422, "BAD_VALUE", "Value not allowed for the parameter", e.getMessage());
            case BAD_TYPE, TYPE_MISMATCH -> Problem.of(422, e.code().name(), "Bad parameter type", e.getMessage());
            case BAD_PATH -> Problem.of(422, "BAD_PATH", "Bad parameter path", e.getMessage());
            case PARAMETER_NOT_INDEXED -> Problem.of(422, "BAD_FILTER", "Filter the store cannot answer", e.getMessage());
            case BAD_TAG -> Problem.of(422, "BAD_TAG", "Bad tag", e.getMessage());
            case BAD_ARGUMENT -> Problem.of(422, "BAD_ARGUMENT", "Bad argument", e.getMessage());
        };
    }

    /** The problem of a refused task: an unknown device is then a fault of the request body's target (422). */
    public static Problem ofTaskRequest(ServiceException e) {
        if (e.code() == ErrorCode.DEVICE_NOT_FOUND) {
            return Problem.of(422, "UNKNOWN_DEVICE", "Unknown device", e.getMessage());
        }
        return of(e);
    }
}
