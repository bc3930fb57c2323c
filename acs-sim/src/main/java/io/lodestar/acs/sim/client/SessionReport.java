package io.lodestar.acs.sim.client;

import io.lodestar.acs.core.rpc.EventStruct;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What happened in one CWMP session of a simulated CPE.
 *
 * @param ok           whether the session ran to its end (InformResponse, then the ACS's empty response)
 * @param failure      why it failed (HTTP status, ACS fault, timeout, closed connection, ...); null when ok
 * @param events       the event codes the Inform carried
 * @param rpcMethods   the method names of the requests the ACS sent, in order (e.g. GetParameterValues)
 * @param cpeRequests  the requests the CPE sent after its Inform (TransferComplete)
 * @param connections  how many TCP connections the session opened
 * @param httpStatuses the HTTP status of every response, in order (including 401 challenges)
 * @param duration     from the first connection attempt to the end
 */
public record SessionReport(boolean ok, String failure, List<EventStruct> events, List<String> rpcMethods,
                            List<String> cpeRequests, int connections, List<Integer> httpStatuses,
                            Duration duration) {

    public SessionReport {
        events = List.copyOf(events);
        rpcMethods = List.copyOf(rpcMethods);
        cpeRequests = List.copyOf(cpeRequests);
        httpStatuses = List.copyOf(httpStatuses);
    }

    public boolean failed() {
        return !ok;
    }

    /** The event codes alone, e.g. {@code [0 BOOTSTRAP, 1 BOOT]}. */
    public List<String> eventCodes() {
        return events.stream().map(EventStruct::eventCode).toList();
    }

    /** One line for logs and the command line. */
    public String summary() {
        String ev = events.stream().map(e -> e.commandKey().isEmpty() ? e.eventCode() : e.eventCode() + "(" + e.commandKey() + ")")
                .collect(Collectors.joining(","));
        StringBuilder sb = new StringBuilder(ok ? "ok" : "FAILED");
        sb.append(" events=[").append(ev).append(']');
        sb.append(" rpcs=").append(rpcMethods.isEmpty() ? "-" : compact(rpcMethods));
        if (!cpeRequests.isEmpty()) {
            sb.append(" sent=").append(compact(cpeRequests));
        }
        sb.append(" conns=").append(connections);
        sb.append(" http=").append(compact(httpStatuses.stream().map(String::valueOf).toList()));
        sb.append(' ').append(duration.toMillis()).append(" ms");
        if (!ok) {
            sb.append(": ").append(failure);
        }
        return sb.toString();
    }

    /** Runs of the same item shortened: {@code GetParameterNames x18,GetParameterValues}. */
    private static String compact(List<String> items) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < items.size()) {
            int j = i;
            while (j < items.size() && items.get(j).equals(items.get(i))) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(items.get(i));
            if (j - i > 1) {
                sb.append(" x").append(j - i);
            }
            i = j;
        }
        return sb.toString();
    }
}
