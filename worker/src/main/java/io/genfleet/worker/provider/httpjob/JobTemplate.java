package io.genfleet.worker.provider.httpjob;

import io.genfleet.common.json.Json;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.web.UrlEncoding;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The submit body and the paths of a job API, with {@code {{name}}} placeholders ({@link JobValues} names them). The
 * body is parsed once (a template that is not JSON stops the start-up) and filled per request as JSON, never as
 * text, so a prompt with quotes or newlines can never break it:
 * <ul>
 *   <li>a string that is one placeholder, {@code "{{params.duration}}"}, becomes the value with its JSON type (a
 *       number, a boolean, {@code inputs} an array, {@code params} an object); when the value is absent (no image,
 *       no such param) the member or array element is left out, so an optional field is simply not sent;</li>
 *   <li>placeholders inside a longer string are replaced by their text (absent ones by nothing);</li>
 *   <li>a member named {@code "{{params}}"} adds every param the object does not already set (the template's own
 *       members win; its value is ignored);</li>
 *   <li>a member named {@code "{{#name}}"} with an object value is a section, as in Mustache: its members are added
 *       to the enclosing object only when {@code name} has a value (e.g. Luma's keyframes only with an image).</li>
 * </ul>
 * Unknown placeholders are left as they are. In paths, values are URL-encoded ({@code /} kept, so a model such as
 * {@code minimax/video-01} stays a path).
 */
final class JobTemplate {

    private static final String NAME = "[A-Za-z]+(?:\\.[A-Za-z0-9_.-]{1,64})?";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(" + NAME + ")}}");
    private static final Pattern SECTION = Pattern.compile("\\{\\{#(" + NAME + ")}}");
    private static final String MERGE_PARAMS = "{{" + JobValues.PARAMS + "}}";

    private final JsonNode body;
    private final String model;

    JobTemplate(String bodyTemplate, String model) {
        try {
            this.body = Json.mapper().readTree(bodyTemplate);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("http-job.body-template is not JSON: " + e.getOriginalMessage(), e);
        }
        requireObjectSections(body);
        this.model = model == null ? "" : model;
    }

    /** The values of one call; the caller adds {@code id} once the job has one. */
    JobValues values(GenerationRequest request, String idempotencyKey) {
        return JobValues.of(request, model, idempotencyKey);
    }

    byte[] body(JobValues values) {
        return Json.write(fill(body, values).orElseGet(() -> Json.mapper().createObjectNode()));
    }

    static String path(String template, JobValues values) {
        // A value may be a path of its own (e.g. "owner/model"): its slashes stay.
        return substitute(template, values, value -> UrlEncoding.segment(value).replace("%2F", "/"));
    }

    /** The filled node, or empty when it is a placeholder without a value (its member or element is left out). */
    private static Optional<JsonNode> fill(JsonNode node, JobValues values) {
        if (node.isString()) {
            Matcher whole = PLACEHOLDER.matcher(node.stringValue());
            if (whole.matches() && values.isKnown(whole.group(1))) {
                return values.value(whole.group(1));
            }
            return Optional.of(StringNode.valueOf(substitute(node.stringValue(), values, value -> value)));
        }
        if (node.isObject()) {
            ObjectNode copy = Json.mapper().createObjectNode();
            if (fillMembers(node, values, copy)) {
                values.params().forEach((key, value) -> {
                    if (!copy.has(key)) {
                        copy.set(key, Json.mapper().valueToTree(value));
                    }
                });
            }
            return Optional.of(copy);
        }
        if (node.isArray()) {
            ArrayNode copy = Json.mapper().createArrayNode();
            for (JsonNode element : node) {
                fill(element, values).ifPresent(copy::add);
            }
            return Optional.of(copy);
        }
        return Optional.of(node);
    }

    /** Fills the members of {@code template} into {@code into}; true when they (or an open section) merge params. */
    private static boolean fillMembers(JsonNode template, JobValues values, ObjectNode into) {
        boolean mergeParams = false;
        for (Map.Entry<String, JsonNode> member : template.properties()) {
            String key = member.getKey();
            Matcher section = SECTION.matcher(key);
            if (key.equals(MERGE_PARAMS)) {
                mergeParams = true;
            } else if (section.matches()) {
                if (values.value(section.group(1)).isPresent()) {
                    mergeParams |= fillMembers(member.getValue(), values, into);
                }
            } else {
                fill(member.getValue(), values).ifPresent(value -> into.set(key, value));
            }
        }
        return mergeParams;
    }

    /** A section adds members to its object, so it must hold an object: refused at start-up otherwise. */
    private static void requireObjectSections(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (SECTION.matcher(member.getKey()).matches() && !member.getValue().isObject()) {
                    throw new IllegalArgumentException("http-job.body-template: the section \"" + member.getKey()
                            + "\" must hold an object");
                }
                requireObjectSections(member.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(JobTemplate::requireObjectSections);
        }
    }

    /** Known placeholders become their text (absent ones nothing); unknown ones are left as they are. */
    private static String substitute(String text, JobValues values, UnaryOperator<String> encode) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = values.isKnown(name) ? encode.apply(values.text(name).orElse("")) : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
