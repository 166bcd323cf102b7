package io.genfleet.common.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of a storyboard item's {@code params}: a flat JSON object of strings, numbers and booleans that genfleet
 * does not interpret but passes to the provider (size, duration, seed, ...). The rules live here, once, so the
 * producer's answer and a request read from Kafka agree on what is valid.
 *
 * <p>Bounded because the object travels on every request record, through every delay topic and into the dead-letter
 * topic: at most {@value #MAX_KEYS} keys, keys {@value #KEY_RULE_TEXT}, values at most {@value #MAX_STRING_LENGTH}
 * characters, the whole object at most {@value #MAX_TOTAL_BYTES} bytes of keys and values.
 */
public final class ProviderParams {

    public static final int MAX_KEYS = 32;
    public static final int MAX_STRING_LENGTH = 1024;
    public static final int MAX_TOTAL_BYTES = 4096;
    static final String KEY_RULE_TEXT = "match [A-Za-z0-9_.-]{1,64}";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /**
     * One broken rule.
     *
     * @param key     the offending key, or null when the object as a whole is wrong
     * @param message what is wrong
     */
    public record Problem(String key, String message) {
    }

    private ProviderParams() {
    }

    /** Every broken rule of {@code params} (null is valid: no params); empty when it is valid. */
    public static List<Problem> problems(Map<String, ?> params) {
        List<Problem> problems = new ArrayList<>();
        if (params == null) {
            return problems;
        }
        if (params.size() > MAX_KEYS) {
            problems.add(new Problem(null, "must have at most " + MAX_KEYS + " keys, has " + params.size()));
            return problems;
        }
        long bytes = 0;
        for (Map.Entry<String, ?> entry : params.entrySet()) {
            String key = entry.getKey();
            if (key == null || !KEY.matcher(key).matches()) {
                problems.add(new Problem(key, "is not a valid key: keys must " + KEY_RULE_TEXT));
                continue;
            }
            Object value = entry.getValue();
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                problems.add(new Problem(key, "must be a string, a number or a boolean, was "
                        + (value == null ? "null" : value instanceof Map ? "an object"
                        : value instanceof List ? "an array" : value.getClass().getSimpleName())));
                continue;
            }
            if ((value instanceof Double number && !Double.isFinite(number))
                    || (value instanceof Float single && !Float.isFinite(single))) {
                problems.add(new Problem(key, "must be a finite number"));
                continue;
            }
            if (value instanceof String text && text.codePointCount(0, text.length()) > MAX_STRING_LENGTH) {
                problems.add(new Problem(key, "must be at most " + MAX_STRING_LENGTH + " characters"));
                continue;
            }
            bytes += key.length() + String.valueOf(value).getBytes(StandardCharsets.UTF_8).length;
        }
        if (problems.isEmpty() && bytes > MAX_TOTAL_BYTES) {
            problems.add(new Problem(null, "must be at most " + MAX_TOTAL_BYTES + " bytes of keys and values, has "
                    + bytes));
        }
        return problems;
    }

    /**
     * A valid, unmodifiable copy in the given order (the order a template renders them in), or null for null or an
     * empty object, so that a request without params is spelled as before.
     *
     * @throws IllegalArgumentException naming the first broken rule
     */
    public static Map<String, Object> copyOf(Map<String, ?> params) {
        List<Problem> problems = problems(params);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new IllegalArgumentException("params" + (first.key() == null ? "" : "." + first.key()) + " "
                    + first.message());
        }
        if (params == null || params.isEmpty()) {
            return null;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
