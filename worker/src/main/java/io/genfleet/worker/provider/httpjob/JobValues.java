package io.genfleet.worker.provider.httpjob;

import io.genfleet.common.json.Json;
import io.genfleet.common.request.GenerationRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * The values a {@link JobTemplate} may use for one call, as JSON so that a number stays a number and a list a list:
 * {@code prompt}, {@code model}, {@code batchId}, {@code itemKey}, {@code epoch}, {@code idempotencyKey}, {@code id}
 * (once the job is submitted), {@code imageUri} (the storyboard's, else the first of {@code inputs}), {@code inputs}
 * (the results a video waited for), {@code params} and {@code params.<name>}.
 *
 * <p>A name can be known but without a value (no image, no such param): the template then drops what it was for. A
 * name that is not known at all is left in place by the template, so a literal {@code {{x}}} stays.
 */
final class JobValues {

    static final String PARAMS = "params";
    private static final String PARAM_PREFIX = PARAMS + ".";

    /** Known names; a null value means "known, but this call has none". */
    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    private final Map<String, Object> params;

    private JobValues(Map<String, Object> params) {
        this.params = params == null ? Map.of() : params;
    }

    static JobValues of(GenerationRequest request, String model, String idempotencyKey) {
        JobValues values = new JobValues(request.params());
        values.put("prompt", request.prompt());
        values.put("model", model);
        values.put("batchId", request.batchId());
        values.put("itemKey", request.itemKey());
        values.put("epoch", Integer.toString(request.epoch()));
        values.put("idempotencyKey", idempotencyKey);
        values.put("imageUri", request.effectiveImageUri());
        List<String> inputs = request.inputs();
        values.values.put("inputs", inputs == null || inputs.isEmpty() ? null : Json.mapper().valueToTree(inputs));
        values.values.put(PARAMS, request.params() == null ? null : Json.mapper().valueToTree(request.params()));
        return values;
    }

    /** Sets a string value; null makes the name known without a value. */
    void put(String name, String value) {
        values.put(name, value == null ? null : StringNode.valueOf(value));
    }

    boolean isKnown(String name) {
        return values.containsKey(name) || name.startsWith(PARAM_PREFIX);
    }

    /** The value of a known name; empty when it has none (or the name is not known). */
    Optional<JsonNode> value(String name) {
        if (name.startsWith(PARAM_PREFIX)) {
            Object param = params.get(name.substring(PARAM_PREFIX.length()));
            return param == null ? Optional.empty() : Optional.of(Json.mapper().valueToTree(param));
        }
        return Optional.ofNullable(values.get(name));
    }

    /** The value as text: a string as it is, anything else as JSON ({@code 5}, {@code true}, {@code ["a"]}). */
    Optional<String> text(String name) {
        return value(name).map(node -> node.isString() ? node.stringValue() : node.toString());
    }

    /** The storyboard's params, in their order; empty when it has none. */
    Map<String, Object> params() {
        return params;
    }
}
