package io.lodestar.acs.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lodestar.acs.server.cli.client.ApiClient;
import io.lodestar.acs.server.cli.client.ApiException;
import io.lodestar.acs.server.cli.client.ExitCode;
import io.lodestar.acs.server.cli.client.UriText;
import io.lodestar.acs.server.cli.output.DeviceViews;
import io.lodestar.acs.server.cli.output.JsonText;
import io.lodestar.acs.server.cli.output.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code lodestar devices}: lists or searches the running ACS's devices through its API. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List or search the devices of the running ACS (through its API), or act on one device.",
                "Filter examples: 'productClass = \"CP-8851-3PCC\"', 'tag = \"lab\" AND lastInform < now-30m',",
                "'Device.DeviceInfo.SerialNumber = \"SIM000003\"' (an indexed parameter)."},
        subcommands = {DeviceShowCommand.class, DeviceParametersCommand.class, DeviceTagCommand.class,
                DeviceUntagCommand.class, DeviceDeleteCommand.class},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "1:the ACS did not answer or failed, or no such device",
                "2:refused as invalid (e.g. a bad filter)", "3:no token, a refused token or a missing scope"})
final class DevicesCommand extends ApiCommand {

    /** Pages followed by {@code --all} at most, a bound against an API that never ends its cursor chain. */
    private static final int MAX_PAGES = 100_000;

    @Option(names = "--filter", paramLabel = "FILTER", description = "Only the devices this filter matches.")
    String filter;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Devices per page (1..1000, default 100); without --all only the first page is shown.")
    int limit;

    @Option(names = "--all", description = "Follow the pages to the last device.")
    boolean all;

    @Option(names = "--parameters", paramLabel = "PATH", split = ",",
            description = "Parameters to show as columns (comma-separated).")
    List<String> parameters = new ArrayList<>();

    @Override
    int run(ApiClient client, PrintWriter out, PrintWriter err) {
        List<JsonNode> devices = new ArrayList<>();
        JsonNode firstPage = null;
        String cursor = null;
        Set<String> seenCursors = new HashSet<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = client.get("/api/v1/devices" + query(cursor));
            firstPage = firstPage == null ? answer : firstPage;
            answer.path("items").forEach(devices::add);
            cursor = answer.path("next").isTextual() ? answer.path("next").asText() : null;
            if (!all || cursor == null) {
                break;
            }
            if (!seenCursors.add(cursor)) {
                throw new ApiException(ExitCode.FAILED, "the API gave the cursor " + cursor + " twice; stopped paging");
            }
        }
        if (format() == OutputFormat.JSON) {
            out.print(JsonText.pretty(all ? everything(client, devices) : firstPage));
        } else if (format() == OutputFormat.CSV) {
            out.print(DeviceViews.export(devices, parameters).csv());
        } else {
            out.print(DeviceViews.list(devices, parameters).text());
            out.printf("%d device(s)%s%n", devices.size(), cursor != null && !all ? "; more with --all" : "");
        }
        return ExitCode.OK;
    }

    private String query(String cursor) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("filter", filter);
        query.put("limit", limit);
        query.put("cursor", cursor);
        query.put("parameters", parameters.isEmpty() ? null : String.join(",", parameters));
        return UriText.query(query);
    }

    private static JsonNode everything(ApiClient client, List<JsonNode> devices) {
        ObjectNode page = client.json().createObjectNode();
        ArrayNode items = page.putArray("items");
        devices.forEach(items::add);
        page.putNull("next");
        return page;
    }
}
