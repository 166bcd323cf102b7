package io.genfleet.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.producer.ProducerApplication;
import io.genfleet.producer.batch.Storyboards;
import io.genfleet.testing.TestKafka;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two producer replicas (two complete application contexts, each with its own HTTP server, transactional writers,
 * claims reader and in-memory guard; one JVM, the real broker) receive the same new client-chosen batch id at the
 * same moment, once per racing pair. The status service answers 404 for every id, as it does before it has seen a
 * batch, so only the claims topic can tell the replicas apart.
 *
 * <p>Expected for every pair: exactly one 202 and one 409, and the batch's requests written once. Pairs:
 * {@value #DEFAULT_PAIRS} by default, {@code -Dgenfleet.it.racing-pairs=N} for more.
 */
class ProducerReplicasRaceIT {

    private static final Logger log = LoggerFactory.getLogger(ProducerReplicasRaceIT.class);
    private static final int DEFAULT_PAIRS = 50;
    private static final String PREFIX = "it-race-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final StatusServiceStub STATUS = StatusServiceStub.start();
    private static final List<ConfigurableApplicationContext> REPLICAS = new ArrayList<>();

    @BeforeAll
    static void startTwoReplicas() {
        for (int i = 0; i < 2; i++) {
            // Command-line arguments: they override the application.yml on the classpath (default properties do not).
            REPLICAS.add(new SpringApplicationBuilder(ProducerApplication.class).run(
                    "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                    "--genfleet.topics.prefix=" + PREFIX,
                    "--genfleet.topics.partitions=3",
                    "--genfleet.producer.status-url=" + STATUS.url(),
                    "--genfleet.api-keys=" + ApiClient.KEY,
                    "--genfleet.security.submit-per-minute=0",
                    "--server.address=127.0.0.1",
                    "--server.port=0",
                    "--spring.main.banner-mode=off"));
        }
    }

    @AfterAll
    static void stop() {
        REPLICAS.forEach(ConfigurableApplicationContext::close);
        STATUS.close();
    }

    @Test
    void racingSubmissionsOfOneNewIdAreAcceptedOnceAcrossReplicas() throws Exception {
        int pairs = Integer.getInteger("genfleet.it.racing-pairs", DEFAULT_PAIRS);
        ApiClient first = new ApiClient(port(REPLICAS.get(0)));
        ApiClient second = new ApiClient(port(REPLICAS.get(1)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> verdicts = new ArrayList<>();
        List<String> batchIds = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < pairs; i++) {
                String batchId = "race-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
                batchIds.add(batchId);
                String body = Storyboards.json(batchId, 1, 1, true);
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> {
                    await(together);
                    return first.submit(body);
                }, pool);
                CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> {
                    await(together);
                    return second.submit(body);
                }, pool);
                List<Integer> statuses = new ArrayList<>(List.of(a.get(60, TimeUnit.SECONDS).statusCode(),
                        b.get(60, TimeUnit.SECONDS).statusCode()));
                statuses.sort(null);
                verdicts.add(batchId + " " + statuses);
            }
        } finally {
            pool.shutdownNow();
        }
        log.info("MEASURED {} racing pairs over two replicas in {} ms", pairs,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

        // Expected: every pair [202, 409].
        assertThat(verdicts).allSatisfy(verdict -> assertThat(verdict).endsWith("[202, 409]"));
        // And every batch's requests were written once (one scene with one shot: one image request, one video).
        TopicCatalog catalog = REPLICAS.get(0).getBean(TopicCatalog.class);
        TopicReader reader = new TopicReader(TestKafka.bootstrapServers());
        List<String> keys = reader.readAll(catalog.status().name(), IsolationLevel.READ_COMMITTED).stream()
                .map(record -> record.key()).toList();
        for (String batchId : batchIds) {
            assertThat(keys.stream().filter(key -> key.startsWith(batchId + "/")).count())
                    .as("pending events of %s (2 items, written once)", batchId).isEqualTo(2);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
