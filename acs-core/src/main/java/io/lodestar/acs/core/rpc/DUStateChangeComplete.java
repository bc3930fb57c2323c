package io.lodestar.acs.core.rpc;
import java.util.List;

/** Reports the outcome of a ChangeDUState. */
public record DUStateChangeComplete(String commandKey, List<OpResultStruct> results) implements CwmpMessage.CpeRequest {

    public DUStateChangeComplete {
        results = List.copyOf(results);
    }

    @Override
    public String methodName() {
        return "DUStateChangeComplete";
    }
}
