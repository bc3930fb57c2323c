package io.lodestar.acs.server.cli;

import io.lodestar.acs.server.cli.client.ApiClient;
import io.lodestar.acs.server.cli.client.ExitCode;
import io.lodestar.acs.server.cli.client.UriText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code lodestar devices delete DEVICE}: forgets a device (it registers again at its next Inform, if allowed). */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a device with its parameters and tasks (it registers again at its next Inform when auto-register is on).")
final class DeviceDeleteCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "DEVICE")
    String deviceId;

    @Override
    int run(ApiClient client, PrintWriter out, PrintWriter err) {
        client.delete("/api/v1/devices/" + UriText.encode(deviceId));
        out.println("deleted " + deviceId);
        return ExitCode.OK;
    }
}
