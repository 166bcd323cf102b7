package io.genfleet.e2e.rig;

import io.genfleet.e2e.verify.KafkaProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The system under test, each part its own JVM on 127.0.0.1: the broker (from this module's classpath), the
 * aggregator, two workers and the producer (from their jars). Ports and directories are fixed for the run, so a
 * restarted process comes back on the same address with the same data.
 *
 * <p>Settings that differ from the services' defaults, and why:
 * <ul>
 *   <li>the simulated provider takes 50-150 ms and fails 10% of attempts (transient), so retries and dead letters
 *       are part of every case; calls are cut after 3 s (default 30 s) so that the hanging-provider case fits;</li>
 *   <li>every worker writes its provider calls to {@code calls/<worker>-<incarnation>.jsonl};</li>
 *   <li>small heaps, C1 only and the serial collector: six JVMs share two cores.</li>
 * </ul>
 */
public final class Fleet implements AutoCloseable {

    /** Each worker has one consumer in each of its consumer groups (one topic loop per topic). */
    public static final int CONSUMERS_PER_WORKER = 1;
    public static final int PARTITIONS = 6;
    public static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(3);
    /** spring.lifecycle.timeout-per-shutdown-phase of the worker's application.yml. */
    public static final Duration WORKER_GRACE_PERIOD = Duration.ofSeconds(45);

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xss512k");

    private final E2eSettings settings;
    private final int brokerPort = Ports.free();
    private final int controllerPort = Ports.free();
    private final BrokerNode broker;
    private final ServiceNode aggregator;
    private final ServiceNode producer;
    private final Map<String, ServiceNode> workers = new LinkedHashMap<>();
    /** The producer's API key, new per run. */
    private final String apiKey = newApiKey();
    private final Admin admin;
    private final KafkaProbe probe;

    private Fleet(E2eSettings settings) {
        this.settings = settings;
        this.broker = new BrokerNode(brokerPort, incarnation -> brokerCommand(), logs().resolve("broker.log"));
        this.admin = Admin.create(adminProperties(broker.bootstrapServers()));
        this.probe = new KafkaProbe(admin, broker.bootstrapServers(), settings.consumersPerWorker());
        int aggregatorPort = Ports.free();
        this.aggregator = new ServiceNode("aggregator", aggregatorPort, incarnation -> serviceCommand(
                settings.jar("status-aggregator", "genfleet-status-aggregator.jar"), aggregatorPort,
                "--genfleet.aggregator.state-dir=" + aggregatorStateDir(),
                "--management.endpoint.health.show-details=always"), logs().resolve("aggregator.log"),
                Map.of("GENFLEET_API_KEYS", apiKey));
        int producerPort = Ports.free();
        // The keys through the environment variable, as a deployment sets them (relaxed binding to genfleet.api-keys).
        this.producer = new ServiceNode("producer", producerPort, incarnation -> serviceCommand(
                settings.jar("producer", "genfleet-producer.jar"), producerPort,
                "--genfleet.producer.status-url=" + aggregator.url("")), logs().resolve("producer.log"),
                // The load of a fault case is submitted as fast as it goes: no per-key rate limit.
                Map.of("GENFLEET_API_KEYS", apiKey, "GENFLEET_SECURITY_SUBMIT_PER_MINUTE", "0"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroyAll, "e2e-fleet-cleanup"));
    }

    /** Wipes the work directory, starts the broker, then every service, and waits until all are ready. */
    public static Fleet start(E2eSettings settings) {
        deleteRecursively(settings.work());
        try {
            Files.createDirectories(settings.work().resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fleet fleet = new Fleet(settings);
        fleet.broker.process().start();
        fleet.broker.awaitReady(fleet.admin, START_TIMEOUT);
        // The aggregator first: it provisions the topics, and the producer's readiness asks it.
        fleet.aggregator.process().start();
        STANDARD_WORKERS.forEach(name -> fleet.newWorker(name).process().start());
        fleet.producer.process().start();
        fleet.aggregator.awaitReady(START_TIMEOUT);
        fleet.producer.awaitReady(START_TIMEOUT);
        fleet.workers.values().forEach(worker -> worker.awaitReady(START_TIMEOUT));
        fleet.probe.awaitWorkerGroupsStable(2, START_TIMEOUT);
        return fleet;
    }

    /** The two workers every case starts from; any other is a case's own and is stopped before the next case. */
    public static final List<String> STANDARD_WORKERS = List.of("worker-1", "worker-2");

    /**
     * A case's own worker: the one of that name, or (the first time) a new one with {@code args}; started or not,
     * as the case left it.
     */
    public ServiceNode workerOrNew(String name, List<String> args) {
        ServiceNode known = worker(name);
        return known != null ? known : newWorker(name, args);
    }

    /** A worker that is not started yet (start it with {@code process().start()}). */
    private ServiceNode newWorker(String name) {
        return newWorker(name, List.of());
    }

    /**
     * A worker with arguments of its own after the battery's (a later one wins), not started yet.
     *
     * @param args e.g. {@code --genfleet.worker.max-in-flight=10}
     */
    private ServiceNode newWorker(String name, List<String> args) {
        int port = Ports.free();
        ServiceNode worker = new ServiceNode(name, port, incarnation -> withExtra(serviceCommand(
                settings.jar("worker", "genfleet-worker.jar"), port,
                "--genfleet.worker.provider.latency-min=50ms",
                "--genfleet.worker.provider.latency-max=150ms",
                "--genfleet.worker.provider.failure-rate=0.1",
                "--genfleet.worker.provider.timeout=" + PROVIDER_TIMEOUT.toMillis() + "ms",
                "--genfleet.worker.provider.call-log=" + callLogDir().resolve(name + "-" + incarnation + ".jsonl")),
                withExtra(settings.workerArgs(), args)), logs().resolve(name + ".log"));
        workers.put(name, worker);
        return worker;
    }

    public BrokerNode broker() {
        return broker;
    }

    public ServiceNode aggregator() {
        return aggregator;
    }

    /** The key the producer accepts for its POSTs. */
    public String apiKey() {
        return apiKey;
    }

    private static String newApiKey() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return "e2e-" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public ServiceNode producer() {
        return producer;
    }

    public ServiceNode worker(String name) {
        return workers.get(name);
    }

    public List<ServiceNode> services() {
        List<ServiceNode> all = new ArrayList<>();
        all.add(aggregator);
        all.add(producer);
        all.addAll(workers.values());
        return all;
    }

    /** What every case starts from: aggregator, producer and the {@link #STANDARD_WORKERS}, not a case's own workers. */
    public List<ServiceNode> standardServices() {
        return services().stream().filter(service -> !workers.containsValue(service)
                || STANDARD_WORKERS.contains(service.name())).toList();
    }

    public Admin admin() {
        return admin;
    }

    public KafkaProbe probe() {
        return probe;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Path callLogDir() {
        return settings.work().resolve("calls");
    }

    public Path aggregatorStateDir() {
        return settings.work().resolve("aggregator-state");
    }

    public Path logs() {
        return settings.work().resolve("logs");
    }

    private List<String> brokerCommand() {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + resource("e2e-broker-logback.xml"),
                "-cp", settings.brokerClasspath(), "io.genfleet.embedded.KafkaBrokerMain",
                "--data-dir", settings.work().resolve("kafka").toString(),
                "--port", Integer.toString(brokerPort),
                "--controller-port", Integer.toString(controllerPort)));
        return command;
    }

    private List<String> serviceCommand(Path jar, int port, String... extra) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(JVM_OPTIONS);
        command.add("-Djava.io.tmpdir=" + settings.work().resolve("tmp"));
        command.addAll(List.of("-jar", jar.toString(),
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--server.port=" + port,
                "--server.address=127.0.0.1"));
        command.addAll(List.of(extra));
        return command;
    }

    private static List<String> withExtra(List<String> command, List<String> extra) {
        List<String> all = new ArrayList<>(command);
        all.addAll(extra);
        return all;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String resource(String name) {
        try {
            return Path.of(Fleet.class.getClassLoader().getResource(name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties adminProperties(String bootstrap) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "e2e-admin");
        return properties;
    }

    /** Stops every service politely, then the broker. */
    @Override
    public void close() {
        List<ServiceNode> services = services();
        services.forEach(service -> service.process().stop());
        broker.process().stop();
        admin.close(Duration.ofSeconds(5));
    }

    private void destroyAll() {
        services().forEach(service -> service.process().destroyForcibly());
        broker.process().destroyForcibly();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree (the aggregator's state directory in the restore case). */
    public static void delete(Path dir) {
        deleteRecursively(dir);
    }
}
