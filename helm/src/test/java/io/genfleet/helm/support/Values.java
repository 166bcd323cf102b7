package io.genfleet.helm.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Values files merged the way Helm merges {@code -f} files into the chart's values. */
final class Values {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Values() {
    }

    static void writeMerged(Path chartValues, Path overrides, Path target) {
        Map<String, Object> merged = merge(read(chartValues), read(overrides));
        try {
            Files.writeString(target, YAML.writeValueAsString(merged), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maps merge key by key; anything else (lists, scalars) in the override replaces the base value. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object current = merged.get(key);
            if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> valueMap) {
                merged.put(key, merge((Map<String, Object>) currentMap, (Map<String, Object>) valueMap));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) {
        try {
            Map<String, Object> values = YAML.readValue(Files.readString(file, StandardCharsets.UTF_8), Map.class);
            return values == null ? Map.of() : values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
