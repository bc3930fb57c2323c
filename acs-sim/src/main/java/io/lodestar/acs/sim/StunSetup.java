package io.lodestar.acs.sim;

import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.model.StunParameters;
import picocli.CommandLine;

/** The command line's {@code --stun} and {@code --stun-server}: each CPE's model made ready for STUN. */
final class StunSetup {

    private StunSetup() {
    }

    /** {@code HOST:PORT} with a port 1..65535, or a parameter error naming the option. */
    static void checkServer(CommandLine cl, String server) {
        int colon = server.lastIndexOf(':');
        boolean ok = colon > 0;
        if (ok) {
            try {
                int port = Integer.parseInt(server.substring(colon + 1));
                ok = port >= 1 && port <= 65535;
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new CommandLine.ParameterException(cl, "--stun-server must be HOST:PORT, not '" + server + "'");
        }
    }

    /**
     * The model with the STUN parameters; with a server, STUN is on from the start against it, the serial number
     * as STUNUsername (no STUNPassword: the ACS's STUN server must not require integrity for it).
     */
    static DataModel model(DataModel model, String server) {
        DataModel m = StunParameters.withStun(model);
        if (server != null) {
            int colon = server.lastIndexOf(':');
            String host = server.substring(0, colon);
            m.set(StunParameters.managementServer(m, "STUNEnable"), "true");
            m.set(StunParameters.managementServer(m, "STUNServerAddress"),
                    host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host);
            m.set(StunParameters.managementServer(m, "STUNServerPort"), server.substring(colon + 1));
            m.set(StunParameters.managementServer(m, "STUNUsername"), m.deviceId().serialNumber());
        }
        return m;
    }
}
