package io.genfleet.e2e.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the battery runs and where, from the system properties the build passes ({@code e2e.*} in the module's
 * pom). Defaults let it run from an IDE at the repository's {@code e2e/} directory.
 *
 * @param root             the repository root (the service jars are under {@code <module>/target/})
 * @param work             where the battery keeps broker data, Streams state, logs and call logs (wiped at start)
 * @param brokerClasspath  the classpath of the broker process
 * @param cases            the cases to run, by number; empty means all
 * @param items            items per case (the load), over both lanes
 * @param workerArgs       extra command-line arguments of every worker ({@code e2e.workerArgs}, separated by spaces),
 *                         e.g. {@code --genfleet.worker.max-in-flight=10} to hold another setting to the same battery
 * @param consumersPerWorker group members one worker has in each of its consumer groups ({@code e2e.consumersPerWorker},
 *                         default 1: one consumer per topic); the rig counts them to know that every worker is in (or out)
 */
public record E2eSettings(Path root, Path work, String brokerClasspath, Set<Integer> cases, int items,
                          List<String> workerArgs, int consumersPerWorker) {

    public static E2eSettings fromSystemProperties() {
        Path root = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("e2e.work", "target/e2e")).toAbsolutePath().normalize();
        Path classpathFile = Path.of(System.getProperty("e2e.brokerClasspath", "target/broker.classpath"));
        String classpath;
        try {
            classpath = Files.readString(classpathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("the broker classpath " + classpathFile + " is missing; run the build "
                    + "through Maven (maven-dependency-plugin writes it)", e);
        }
        String cases = System.getProperty("e2e.cases", "all").trim();
        Set<Integer> selected = cases.isEmpty() || cases.equals("all") ? Set.of()
                : Arrays.stream(cases.split(",")).map(String::trim).map(Integer::parseInt).collect(Collectors.toSet());
        int items = Integer.parseInt(System.getProperty("e2e.items", "1000"));
        if (items < 100 || items % 100 != 0) {
            throw new IllegalArgumentException("e2e.items must be a multiple of 100 (batches of 100 items), was " + items);
        }
        String extra = System.getProperty("e2e.workerArgs", "").trim();
        List<String> workerArgs = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
        int consumersPerWorker = Integer.parseInt(System.getProperty("e2e.consumersPerWorker",
                Integer.toString(Fleet.CONSUMERS_PER_WORKER)).trim());
        return new E2eSettings(root, work, classpath, selected, items, workerArgs, consumersPerWorker);
    }

    public boolean runs(int caseNumber) {
        return cases.isEmpty() || cases.contains(caseNumber);
    }

    /** {@code <root>/<module>/target/<jar>}, checked to exist. */
    public Path jar(String module, String jar) {
        Path path = root.resolve(module).resolve("target").resolve(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: package the services first (./mvnw package)");
        }
        return path;
    }
}
