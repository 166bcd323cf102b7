package io.genfleet.worker.provider.httpjob;

import io.genfleet.common.json.Json;
import io.genfleet.common.request.GenerationRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The submit body and the paths of a job API, with {@code {{name}}} placeholders. The body is parsed once (a
 * template that is not JSON stops the start-up) and filled per request inside its string values, so a prompt
 * with quotes or newlines can never break the JSON; values in paths are URL-encoded ({@code /} kept, so a
 * model such as {@code minimax/video-01} stays a path).
 */
final class JobTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private final JsonNode body;
    private final String model;

    JobTemplate(String bodyTemplate, String model) {
        try {
            this.body = Json.mapper().readTree(bodyTemplate);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("http-job.body-template is not JSON: " + e.getOriginalMessage(), e);
        }
        this.model = model == null ? "" : model;
    }

    /** The values a template may use for one call. */
    Map<String, String> values(GenerationRequest request, String idempotencyKey) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("prompt", request.prompt());
        values.put("model", model);
        values.put("batchId", request.batchId());
        values.put("itemKey", request.itemKey());
        values.put("epoch", Integer.toString(request.epoch()));
        values.put("idempotencyKey", idempotencyKey);
        return values;
    }

    byte[] body(Map<String, String> values) {
        return Json.write(fill(body, values));
    }

    static String path(String template, Map<String, String> values) {
        return substitute(template, values, value -> URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%2F", "/"));
    }

    private static JsonNode fill(JsonNode node, Map<String, String> values) {
        if (node.isString()) {
            return StringNode.valueOf(substitute(node.stringValue(), values, value -> value));
        }
        if (node.isObject()) {
            ObjectNode copy = Json.mapper().createObjectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(field.getKey(), fill(field.getValue(), values));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.mapper().createArrayNode();
            for (JsonNode element : node) {
                copy.add(fill(element, values));
            }
            return copy;
        }
        return node;
    }

    /** Unknown placeholders are left as they are: a literal {@code {{x}}} in a prompt template stays. */
    private static String substitute(String text, Map<String, String> values,
                                     java.util.function.UnaryOperator<String> encode) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : encode.apply(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
