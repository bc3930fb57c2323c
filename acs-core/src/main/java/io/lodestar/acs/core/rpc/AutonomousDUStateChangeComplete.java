package io.lodestar.acs.core.rpc;

import java.util.List;

/** Reports deployment-unit changes the CPE made on its own initiative (CWMP 1.2). */
public record AutonomousDUStateChangeComplete(List<AutonOpResultStruct> results) implements CwmpMessage.CpeRequest {

    public AutonomousDUStateChangeComplete {
        results = List.copyOf(results);
    }

    @Override
    public String methodName() {
        return "AutonomousDUStateChangeComplete";
    }
}
