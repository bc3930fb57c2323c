package io.lodestar.acs.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.lodestar.acs.api.LogSafe;
import io.lodestar.acs.service.ServiceException;
import io.lodestar.acs.store.StoreUnavailableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every exception a request can end in, answered as a problem: bad input never gets a 500. */
public final class ExceptionMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ExceptionMappers.class);

    private ExceptionMappers() {}

    public static Object[] all() {
        return new Object[] {new Api(), new Service(), new Json(), new Web(), new StoreDown(), new Bug()};
    }

    public static final class Api implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            Response.ResponseBuilder b = Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(e.problem());
            e.headers().forEach(b::header);
            return b.build();
        }
    }

    public static final class Service implements ExceptionMapper<ServiceException> {
        @Override
        public Response toResponse(ServiceException e) {
            return Problems.response(Problems.of(e));
        }
    }

    public static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            String detail;
            if (e instanceof InvalidTypeIdException t) {
                detail = "unknown or missing \"type\"" + (t.getTypeId() == null ? "" : " '" + t.getTypeId() + "'")
                        + ": one of getParameterValues, setParameterValues, getParameterNames, addObject, "
                        + "deleteObject, reboot, factoryReset, refresh";
            } else if (e instanceof UnrecognizedPropertyException u) {
                detail = "unknown field \"" + u.getPropertyName() + "\"";
            } else {
                detail = e.getOriginalMessage();
            }
            if (e.getLocation() != null) {
                detail += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            }
            return Problems.response(Problem.of(400, "BAD_JSON", "Malformed JSON body", detail));
        }
    }

    /** Jersey's own refusals (404 no such route, 405, 406, 415, a bad query parameter) and ours as problems. */
    public static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            if (e.getCause() instanceof JsonProcessingException json) {
                return new Json().toResponse(json);
            }
            String code = switch (status) {
                case 404 -> "NOT_FOUND";
                case 405 -> "METHOD_NOT_ALLOWED";
                case 406 -> "NOT_ACCEPTABLE";
                case 413 -> "TOO_LARGE";
                case 415 -> "UNSUPPORTED_MEDIA_TYPE";
                default -> status >= 500 ? "SERVER_ERROR" : "BAD_REQUEST";
            };
            String detail = switch (status) {
                case 404 -> "no such resource";
                case 405 -> "method not allowed here" + (e instanceof NotAllowedException
                        ? "; allowed: " + original.getAllowedMethods() : "");
                case 406 -> "cannot answer in the media type asked for";
                case 415 -> "send the body as application/json";
                default -> e.getMessage();
            };
            Response.ResponseBuilder b = Response.status(status).type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(status, code, Response.Status.fromStatusCode(status) == null ? "Error"
                            : Response.Status.fromStatusCode(status).getReasonPhrase(), detail));
            if (status == 405) {
                b.allow(original.getAllowedMethods());
            }
            return b.build();
        }
    }

    public static final class StoreDown implements ExceptionMapper<StoreUnavailableException> {
        @Override
        public Response toResponse(StoreUnavailableException e) {
            LOG.warn("store unavailable: {}", LogSafe.escape(e.getMessage()));
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(Problem.of(503, "STORE_UNAVAILABLE", "Store unavailable", e.getMessage())).build();
        }
    }

    /** A real bug: logged with its stack, answered without it. */
    public static final class Bug implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            LOG.error("request failed", e);
            return Problems.response(Problem.of(500, "SERVER_ERROR", "Internal server error",
                    "the ACS failed to answer; its log says why"));
        }
    }
}
