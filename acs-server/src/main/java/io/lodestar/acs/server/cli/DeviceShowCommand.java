package io.lodestar.acs.server.cli;

import io.lodestar.acs.server.cli.client.ApiClient;
import io.lodestar.acs.server.cli.client.ExitCode;
import io.lodestar.acs.server.cli.client.UriText;
import io.lodestar.acs.server.cli.output.DeviceViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code lodestar devices show DEVICE}: a device's summary, tags, reachability, operations and recent faults. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one device: summary, tags, reachability, operations in progress, recent faults.")
final class DeviceShowCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "DEVICE", description = "The device id, as shown by lodestar devices.")
    String deviceId;

    @Override
    int run(ApiClient client, PrintWriter out, PrintWriter err) {
        var device = client.get("/api/v1/devices/" + UriText.encode(deviceId));
        print(out, device, DeviceViews.details(device));
        return ExitCode.OK;
    }
}
