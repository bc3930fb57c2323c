package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Waiting for the driver's asynchronous results; the request timeout bounds every wait. */
final class Async {

    private Async() {}

    /** The result, or the failure as it was thrown (unwrapped from the future's wrapper). */
    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Cassandra", e);
        }
    }

    /** Waits for all of them; the first failure is thrown once every one has finished. */
    static <T> List<T> joinAll(List<? extends CompletionStage<T>> stages) {
        List<T> out = new ArrayList<>(stages.size());
        RuntimeException failure = null;
        for (CompletionStage<T> s : stages) {
            try {
                out.add(join(s));
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    /** Runs the statements in parallel, at most {@code inFlight} at a time; the results in order. */
    static List<AsyncResultSet> executeAll(CqlSession session, List<? extends Statement<?>> statements, int inFlight) {
        List<AsyncResultSet> out = new ArrayList<>(statements.size());
        for (int from = 0; from < statements.size(); from += inFlight) {
            List<CompletionStage<AsyncResultSet>> chunk = new ArrayList<>();
            for (Statement<?> s : statements.subList(from, Math.min(statements.size(), from + inFlight))) {
                chunk.add(session.executeAsync(s));
            }
            out.addAll(joinAll(chunk));
        }
        return out;
    }

    /** Every row of a result, fetching the following pages. */
    static CompletionStage<List<Row>> rows(CompletionStage<AsyncResultSet> first) {
        CompletableFuture<List<Row>> done = new CompletableFuture<>();
        List<Row> rows = new ArrayList<>();
        first.whenComplete((rs, e) -> collect(rs, e, rows, done));
        return done;
    }

    private static void collect(AsyncResultSet rs, Throwable e, List<Row> rows, CompletableFuture<List<Row>> done) {
        if (e != null) {
            done.completeExceptionally(e);
            return;
        }
        for (Row r : rs.currentPage()) {
            rows.add(r);
        }
        if (rs.hasMorePages()) {
            rs.fetchNextPage().whenComplete((next, e2) -> collect(next, e2, rows, done));
        } else {
            done.complete(rows);
        }
    }
}
