package io.lodestar.acs.server.cli;

import io.lodestar.acs.server.cli.client.ApiClient;
import io.lodestar.acs.server.cli.client.ExitCode;
import io.lodestar.acs.server.cli.client.UriText;
import io.lodestar.acs.server.cli.output.DeviceViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code lodestar devices parameters DEVICE [--prefix P]}: the values the ACS holds for a device. */
@Command(name = "parameters", mixinStandardHelpOptions = true,
        description = "List a device's parameters as the ACS last learned them: value, type, writable, when.")
final class DeviceParametersCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "DEVICE")
    String deviceId;

    @Option(names = "--prefix", paramLabel = "PATH", description = "Only parameters under this path (e.g. Device.DeviceInfo.).")
    String prefix;

    @Override
    int run(ApiClient client, PrintWriter out, PrintWriter err) {
        var answer = client.get("/api/v1/devices/" + UriText.encode(deviceId) + "/parameters" + UriText.query("prefix", prefix));
        print(out, answer, DeviceViews.parameters(answer.path("items")));
        return ExitCode.OK;
    }
}
