package io.genfleet.standalone;

import static io.genfleet.standalone.FleetApi.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.genfleet.embedded.EmbeddedKafkaBroker;
import io.genfleet.embedded.SaslSslListener;
import io.genfleet.standalone.cli.GenfleetCommand;
import io.genfleet.standalone.fleet.StandaloneApplication;
import io.genfleet.testing.TlsMaterial;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The fleet and the operator tools against a broker that requires SASL_SSL (SCRAM-SHA-512 over TLS, a certificate
 * made for this run), with exactly the settings README → Security documents and the Helm chart sets:
 * {@code spring.kafka.security.protocol}, {@code spring.kafka.ssl.trust-store-*},
 * {@code spring.kafka.properties.sasl.mechanism} and {@code sasl.jaas.config}; the CLI with a client properties
 * file ({@code --command-config}). Every Kafka client under test (producer, both worker lanes, the aggregator's
 * Streams app, the CLI) is given only the SASL_SSL listener; the broker's PLAINTEXT listener is used by nobody here.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecuredBrokerIT {

    private static final String USER = "genfleet";
    private static final String PASSWORD = "scram-secret-0123456789";
    private static final String API_KEY = "secured-it-key-0123456789abcdef";

    private static Path work;
    private static TlsMaterial tls;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        work = Files.createTempDirectory("genfleet-sasl-it-");
        tls = TlsMaterial.generate(work, "tls-store-password");
        broker = EmbeddedKafkaBroker.startWithSaslSsl(work.resolve("kafka"),
                new SaslSslListener(tls.keyStore(), tls.password(), USER, PASSWORD));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theFleetAndTheCliRunABatchWithRetriesToDoneOverSaslSsl(CapturedOutput output) throws IOException {
        Path clientConfig = clientConfig("good.properties", PASSWORD);
        Cli topics = Cli.run("topics", "create", "--bootstrap-servers", broker.saslSslBootstrapServers(),
                "--command-config", clientConfig.toString(), "--retry-delays", "300ms,600ms,900ms");
        assertThat(topics.code()).as(topics.toString()).isZero();
        assertThat(output.getOut()).contains("ok genfleet.image.requests-retry-300");

        int port = freePort();
        try (ConfigurableApplicationContext fleet = startFleet(port, PASSWORD)) {
            FleetApi api = new FleetApi(URI.create("http://127.0.0.1:" + port), API_KEY);
            awaitReady(api);
            // scene_0 fails once and completes on its automatic retry; scene_1 fails four times (the whole
            // epoch), lands on the dead-letter topic, and completes after retry-failed.
            var submitted = api.post("/api/batches", """
                    {"batchId": "sasl-1", "scenes": [
                      {"prompt": "a", "simulate": {"failTimes": 1, "error": "transient"}},
                      {"prompt": "b", "simulate": {"failTimes": 4, "error": "transient"}}]}""");
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
            await("scene_0 complete, scene_1 failed_permanent").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200)).until(() -> api.items("sasl-1"), items -> items.size() == 2
                            && is("complete", 0).test(items.get(0)) && is("failed_permanent", 0).test(items.get(1)));

            Cli dlt = Cli.run("dlt", "list", "--bootstrap-servers", broker.saslSslBootstrapServers(),
                    "--command-config", clientConfig.toString(), "--batch", "sasl-1");
            assertThat(dlt.code()).as(dlt.toString()).isZero();
            assertThat(dlt.out()).contains("scene_1");

            Cli retry = Cli.run("retry-failed", "sasl-1", "--url", api.baseUrl().toString(), "--api-key", API_KEY);
            assertThat(retry.code()).as(retry.toString()).isZero();
            assertThat(retry.out()).contains("requeued 1 item of batch sasl-1: scene_1");

            api.awaitItems("sasl-1", 2, "both items complete", item -> "complete".equals(item.path("status").asString()));
            JsonNode summary = await("the batch done").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/api/batches/sasl-1"), s -> s != null && s.path("done").asBoolean()
                            && s.path("counts").path("complete").asInt() == 2);
            // 1 automatic retry of scene_0, 3 of scene_1 in epoch 0.
            assertThat(summary.path("retries").asInt()).isEqualTo(4);
        }
    }

    @Test
    void aWrongPasswordStopsTheCliWithOneLine() throws IOException {
        Cli refused = Cli.run("topics", "create", "--bootstrap-servers", broker.saslSslBootstrapServers(),
                "--command-config", clientConfig("wrong.properties", "not-the-password").toString());

        assertThat(refused.code()).as("exit 5: credentials refused; %s", refused).isEqualTo(5);
        assertThat(refused.err().lines()).singleElement().asString()
                .startsWith("genfleet topics create: Kafka at " + broker.saslSslBootstrapServers() + " refused the credentials")
                .doesNotContain("not-the-password");
    }

    @Test
    void aWrongPasswordFailsTheFleetsStartUpWithinThirtySecondsWithoutAStackTrace(CapturedOutput output) {
        int port = freePort();
        long started = System.nanoTime();

        assertThatThrownBy(() -> startFleet(port, "not-the-password").close()).isInstanceOf(RuntimeException.class);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("start-up with a wrong SASL password failed after %d ms%n", millis);

        assertThat(millis).isLessThan(30_000);
        String log = output.getAll();
        assertThat(log).contains("APPLICATION FAILED TO START")
                .contains("Kafka refused the credentials: ")
                .doesNotContain("not-the-password");
        assertThat(log.lines().filter(line -> line.startsWith("\tat "))).as("stack trace lines").isEmpty();
        // Nothing serves: no readiness probe can ever pass.
        assertThat(accepts(port)).as("the HTTP port after the failed start").isFalse();
    }

    private static ConfigurableApplicationContext startFleet(int port, String saslPassword) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("server.address", "127.0.0.1");
        properties.put("genfleet.producer.status-url", "http://127.0.0.1:" + port);
        properties.put("genfleet.api-keys", API_KEY);
        properties.put("genfleet.aggregator.state-dir", work.resolve("streams-" + port).toString());
        properties.put("genfleet.results.dir", work.resolve("results").toString());
        properties.put("genfleet.worker.provider.latency-min", "5ms");
        properties.put("genfleet.worker.provider.latency-max", "20ms");
        properties.put("genfleet.worker.provider.failure-rate", "0");
        properties.put("genfleet.topics.retry-delays", "300ms,600ms,900ms");
        properties.put("spring.main.banner-mode", "off");
        // The documented settings (README → Security; the Helm chart's SPRING_KAFKA_* variables), nothing else.
        properties.put("spring.kafka.bootstrap-servers", broker.saslSslBootstrapServers());
        properties.put("spring.kafka.security.protocol", "SASL_SSL");
        properties.put("spring.kafka.ssl.trust-store-location", "file:" + tls.trustStore());
        properties.put("spring.kafka.ssl.trust-store-password", tls.password());
        properties.put("spring.kafka.ssl.trust-store-type", "PKCS12");
        properties.put("spring.kafka.properties.sasl.mechanism", SaslSslListener.MECHANISM);
        properties.put("spring.kafka.properties.sasl.jaas.config", jaas(saslPassword));
        return new SpringApplicationBuilder(StandaloneApplication.class).web(WebApplicationType.SERVLET)
                .properties(properties).registerShutdownHook(false).run();
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
                + "\" password=\"" + password + "\";";
    }

    private static Path clientConfig(String name, String password) throws IOException {
        return Files.writeString(work.resolve(name), String.join("\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=" + SaslSslListener.MECHANISM,
                "sasl.jaas.config=" + jaas(password),
                "ssl.truststore.location=" + tls.trustStore(),
                "ssl.truststore.password=" + tls.password(),
                "ssl.truststore.type=PKCS12", ""));
    }

    /** Readiness UP means the aggregator's Streams app is RUNNING: only then does the producer take batches. */
    private static void awaitReady(FleetApi api) {
        await("readiness UP").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> api.send("/actuator/health/readiness").status() == 200);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Cli(int code, String out, String err) {

        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = GenfleetCommand.commandLine().setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true)).execute(args);
            return new Cli(code, out.toString(), err.toString());
        }
    }
}
