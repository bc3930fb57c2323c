package io.lodestar.acs.server.cli;

import io.lodestar.acs.server.cli.client.ApiClient;
import io.lodestar.acs.server.cli.client.ExitCode;
import io.lodestar.acs.server.cli.client.UriText;
import io.lodestar.acs.server.cli.output.DeviceViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/** {@code lodestar devices untag DEVICE TAG}: takes a tag from a device. */
@Command(name = "untag", mixinStandardHelpOptions = true, description = "Take a tag from a device.")
final class DeviceUntagCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "DEVICE")
    String deviceId;

    @Parameters(index = "1", paramLabel = "TAG")
    String tag;

    @Override
    int run(ApiClient client, PrintWriter out, PrintWriter err) {
        var device = client.delete("/api/v1/devices/" + UriText.encode(deviceId) + "/tags/" + UriText.encode(tag));
        print(out, device, DeviceViews.list(List.of(device), List.of()));
        return ExitCode.OK;
    }
}
