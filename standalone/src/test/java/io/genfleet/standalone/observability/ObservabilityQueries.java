package io.genfleet.standalone.observability;

import io.genfleet.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * Every PromQL expression genfleet ships: the targets and variable queries of the Grafana dashboards and the
 * alert rules of the plain rules file, read from the chart directory as shipped.
 */
final class ObservabilityQueries {

    /** {@code metric{...}}: a vector selector (genfleet writes every selector with braces). */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^{}]*)}");
    /** Grafana variables: $name, ${name}, [[name]]; not label_replace's $1. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$([A-Za-z_]\\w*)|\\[\\[(\\w+)]]");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");

    /** A dashboard query: its dashboard and panel, the query as written, and for variables the label it lists. */
    record DashboardQuery(String source, String promql, String listedLabel) {
    }

    /** One rule of the rules file. */
    record AlertRule(String alert, Map<String, Object> labels, String expr) {

        String name() {
            Object lane = labels.get("lane");
            return lane == null ? alert : alert + "{lane=" + lane + "}";
        }
    }

    private ObservabilityQueries() {
    }

    static Path chartDir() {
        // Failsafe runs in the module directory; the chart is a sibling module's.
        Path chart = Path.of("..", "helm", "genfleet").toAbsolutePath().normalize();
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new IllegalStateException("no chart at " + chart);
        }
        return chart;
    }

    static List<DashboardQuery> dashboardQueries(Path chart) throws IOException {
        List<DashboardQuery> queries = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(chart.resolve("dashboards"))) {
            files = list.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode dashboard = Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
            String title = dashboard.path("title").asString();
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if ("query".equals(variable.path("type").asString())) {
                    Matcher labelValues = LABEL_VALUES.matcher(variable.path("definition").asString());
                    if (!labelValues.matches()) {
                        throw new IllegalStateException(title + ": variable " + variable.path("name").asString()
                                + " is not label_values(selector, label): " + variable.path("definition").asString());
                    }
                    queries.add(new DashboardQuery(title + " / variable $" + variable.path("name").asString(),
                            labelValues.group(1), labelValues.group(2)));
                }
            }
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new DashboardQuery(title + " / " + panel.path("title").asString() + " ["
                            + target.path("legendFormat").asString() + "]", target.path("expr").asString(), null));
                }
            }
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    static List<AlertRule> alertRules(Path rulesFile) throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(rulesFile, StandardCharsets.UTF_8));
        List<AlertRule> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                Map<String, Object> labels = (Map<String, Object>) rule.getOrDefault("labels", Map.of());
                rules.add(new AlertRule((String) rule.get("alert"), labels, (String) rule.get("expr")));
            }
        }
        return rules;
    }

    /** Replaces Grafana's variables; a variable it has no value for is an error, not left in the query. */
    static String substitute(String promql, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(promql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = Stream.of(matcher.group(1), matcher.group(2), matcher.group(3))
                    .filter(group -> group != null).findFirst().orElseThrow();
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for the variable $" + name + " in " + promql);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The chart's scoping of a rule to a namespace (templates/prometheusrule.yaml does the same). */
    static String scoped(String expr, String namespace) {
        return expr.replace("{", "{namespace=\"" + namespace + "\", ").replace(", }", "}");
    }

    /** Every vector selector of an expression, e.g. {@code genfleet_items{namespace="x", status="failed"}}. */
    static List<String> selectors(String promql) {
        List<String> selectors = new ArrayList<>();
        Matcher matcher = SELECTOR.matcher(promql);
        while (matcher.find()) {
            selectors.add(matcher.group());
        }
        return selectors;
    }
}
