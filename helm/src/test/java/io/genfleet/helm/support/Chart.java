package io.genfleet.helm.support;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The chart in helm/genfleet, driven through real Helm (helm-java bundles the native library).
 * <p>
 * A scenario is "default" (the chart's values.yaml alone) or the name of a {@code ci/<name>-values.yaml}
 * file. Renders are cached per scenario: the chart does not change during a test run.
 */
public final class Chart {

    public static final String RELEASE = "demo";
    public static final String NAMESPACE = "fleet";
    public static final String DEFAULT = "default";
    /** What the hook-as-manifest render renames {@code helm.sh/hook} to. */
    public static final String RENAMED_HOOK_ANNOTATION = "genfleet.test/hook";

    private static final Map<String, Manifests> RENDERS = new ConcurrentHashMap<>();

    private Chart() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("genfleet");
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw new IllegalStateException("no chart at " + dir + " (run the tests from the helm module)");
        }
        return dir;
    }

    /** "default" and every ci/*-values.yaml scenario, by name. */
    public static List<String> scenarios() {
        List<String> names = new ArrayList<>();
        names.add(DEFAULT);
        try (Stream<Path> files = Files.list(dir().resolve("ci"))) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith("-values.yaml"))
                    .map(name -> name.substring(0, name.length() - "-values.yaml".length()))
                    .sorted()
                    .forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    public static Path valuesFile(String scenario) {
        return dir().resolve("ci").resolve(scenario + "-values.yaml");
    }

    /** {@code helm template} of a scenario, parsed. */
    public static Manifests render(String scenario) {
        return RENDERS.computeIfAbsent(scenario, name -> Manifests.parse(template(dir(), valuesFiles(name))));
    }

    /** {@code helm template} with the values of a scenario plus an override written as YAML. */
    public static Manifests render(String scenario, String overrideYaml) {
        return Manifests.parse(templateText(scenario, overrideYaml));
    }

    /** The raw {@code helm template} output; throws with Helm's message when the render fails. */
    public static String templateText(String scenario, String overrideYaml) {
        List<Path> files = new ArrayList<>(valuesFiles(scenario));
        files.add(Workspace.write("override.yaml", overrideYaml));
        return template(dir(), files);
    }

    /**
     * Renders a scenario with hooks kept in the manifest: helm-java's template returns the release manifest
     * only, without hooks, so a copy of the chart names the {@code helm.sh/hook} annotation
     * {@value #RENAMED_HOOK_ANNOTATION} instead. Nothing else changes.
     */
    public static Manifests renderWithHooks(String scenario) {
        Path copy = Workspace.copyOfChart(dir());
        try (Stream<Path> templates = Files.list(copy.resolve("templates"))) {
            for (Path template : templates.filter(file -> file.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(template, StandardCharsets.UTF_8);
                Files.writeString(template, text.replace("helm.sh/hook:", RENAMED_HOOK_ANNOTATION + ":"),
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Manifests.parse(template(copy, valuesFiles(scenario)));
    }

    /**
     * {@code helm lint --strict} of a scenario (warnings fail too). helm-java's lint takes no values files, so a scenario is linted as a
     * copy of the chart whose values.yaml is the chart's values merged with the scenario's, as Helm merges them.
     */
    public static LintResult lint(String scenario) {
        if (DEFAULT.equals(scenario)) {
            return new Helm(dir()).lint().strict().call();
        }
        Path copy = Workspace.copyOfChart(dir());
        Values.writeMerged(dir().resolve("values.yaml"), valuesFile(scenario), copy.resolve("values.yaml"));
        return new Helm(copy).lint().strict().call();
    }

    /** The NOTES.txt an install of the scenario prints (client-only dry run: no cluster involved). */
    public static String notes(String scenario) {
        var install = new Helm(dir()).install()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .dryRun()
                .withDryRunOption(DryRun.CLIENT)
                .clientOnly();
        for (Path file : valuesFiles(scenario)) {
            install = install.withValuesFile(file);
        }
        return install.call().getOutput();
    }

    /** The prefix of every resource name of the test release. */
    public static String fullname() {
        return RELEASE + "-genfleet";
    }

    /** The name of a component's resources for the test release, e.g. "worker-image". */
    public static String name(String component) {
        return fullname() + "-" + component;
    }

    private static List<Path> valuesFiles(String scenario) {
        return DEFAULT.equals(scenario) ? List.of() : List.of(valuesFile(scenario));
    }

    private static String template(Path chart, List<Path> valuesFiles) {
        TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path file : valuesFiles) {
            template = template.withValuesFile(file);
        }
        return template.call();
    }
}
