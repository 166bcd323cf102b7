package io.genfleet.standalone.cli;

import io.genfleet.common.client.ApiResponse;
import io.genfleet.common.client.GenfleetApi;
import io.genfleet.common.json.Json;
import io.genfleet.standalone.fleet.FleetApiKey;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code retry-failed BATCH_ID}: asks a running producer (or standalone) to requeue the batch's failed_permanent
 * items, {@code POST /api/batches/{id}/retry-failed}, and prints what it did.
 */
@Command(name = "retry-failed", mixinStandardHelpOptions = true,
        description = "Requeue every failed_permanent item of a batch from the dead-letter topic (epoch + 1).")
final class RetryFailedCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BATCH_ID", description = "The batch.")
    String batchId;

    @Option(names = "--url", defaultValue = "${env:GENFLEET_URL:-http://localhost:8080}",
            description = "Base URL of the producer or standalone (default: $GENFLEET_URL or ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--error-type", paramLabel = "TYPE",
            description = "Only items whose last error has this type (repeatable): transient, timeout, rate_limited, ...")
    List<String> errorTypes;

    @Option(names = "--item", paramLabel = "ITEM_KEY", description = "Only this item (repeatable), e.g. scene_0_shot_1.")
    List<String> items;

    @Option(names = "--api-key", defaultValue = "${env:GENFLEET_API_KEYS}",
            description = "API key of the producer, sent as Authorization: Bearer (default: the first of $GENFLEET_API_KEYS).")
    String apiKey;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "HTTP timeout (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> body = new LinkedHashMap<>();
        if (errorTypes != null && !errorTypes.isEmpty()) {
            body.put("errorTypes", errorTypes);
        }
        if (items != null && !items.isEmpty()) {
            body.put("items", items);
        }
        GenfleetApi api = new GenfleetApi(url, FleetApiKey.firstOf(apiKey).orElse(null), timeout);
        ApiResponse response;
        try {
            response = api.retryFailed(batchId, body);
        } catch (java.io.IOException e) {
            throw new CliFailure(ExitCode.UNREACHABLE, url + " did not answer ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); is serve or the producer running there? (--url, GENFLEET_URL)", e);
        }
        if (response.status() == 401 || response.status() == 403) {
            throw new CliFailure(ExitCode.REFUSED, "HTTP " + response.status() + " " + problem(response.body())
                    + " (pass a key of the producer with --api-key or GENFLEET_API_KEYS)");
        }
        if (response.status() != 202) {
            throw new CliFailure(ExitCode.FAILED, "HTTP " + response.status() + " " + problem(response.body()));
        }
        JsonNode result = response.json();
        int requeued = result.path("requeued").asInt();
        out.printf("requeued %d item%s of batch %s%s%n", requeued, requeued == 1 ? "" : "s", batchId,
                requeued == 0 ? "" : ": " + String.join(", ", strings(result.path("items"))));
        for (JsonNode skipped : result.path("skipped")) {
            out.printf("skipped %s: %s%n", skipped.path("itemKey").asString(), skipped.path("reason").asString());
        }
        out.flush();
        return 0;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }

    private static String problem(String body) {
        try {
            JsonNode problem = Json.mapper().readTree(body);
            return problem.path("title").asString("") + ": " + problem.path("detail").asString("");
        } catch (RuntimeException e) {
            return body == null ? "" : body.substring(0, Math.min(body.length(), 300));
        }
    }
}
