package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import io.lodestar.acs.store.StoreUnavailableException;

/**
 * How the driver's failures reach the store's callers. Everything that says "Cassandra cannot serve this now"
 * becomes {@link StoreUnavailableException}: no node reachable ({@code NoNodeAvailableException},
 * {@code AllNodesFailedException}), the request timed out in the driver ({@code DriverTimeoutException}) or in
 * Cassandra ({@code ReadTimeoutException}, {@code WriteTimeoutException}, {@code CASWriteUnknownException}), not
 * enough replicas ({@code UnavailableException}), overload, bootstrapping, lost connections, a closed session.
 * A statement Cassandra refuses as invalid ({@link QueryValidationException}: syntax, invalid query, missing
 * table, unauthorized) is a bug or a broken schema, not an outage: {@link IllegalStateException}.
 */
final class StoreErrors {

    private StoreErrors() {}

    static RuntimeException translate(RuntimeException e, String what) {
        if (e instanceof StoreUnavailableException) {
            return e;
        }
        if (e instanceof QueryValidationException q) {
            return new IllegalStateException("Cassandra refused " + what + ": " + q.getMessage(), q);
        }
        if (e instanceof DriverException d) {
            return new StoreUnavailableException("Cassandra store unavailable (" + what + "): " + d.getMessage(), d);
        }
        if (e instanceof IllegalStateException s && s.getMessage() != null && s.getMessage().contains("closed")) {
            return new StoreUnavailableException("Cassandra store closed (" + what + ")", s);
        }
        return e;
    }
}
