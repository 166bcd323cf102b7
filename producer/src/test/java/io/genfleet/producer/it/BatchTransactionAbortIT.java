package io.genfleet.producer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.common.item.Lane;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.producer.ProducerApplication;
import io.genfleet.producer.batch.Storyboards;
import io.genfleet.testing.TestKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A batch transaction that fails midway, on the real broker: the broker refuses one record (too large for
 * the video topic) after the others are in the log. Nothing becomes visible to read_committed readers and
 * the API answers a problem, never 202. Its own topics, because the lowered record limit must not reach
 * other tests' video topic.
 */
@SpringBootTest(classes = ProducerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchTransactionAbortIT {

    private static final String PREFIX = "it-abort-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final StatusServiceStub STATUS = StatusServiceStub.start();
    /** The video lane refuses record batches above this size (the broker's check, not the client's). */
    private static final int VIDEO_MAX_MESSAGE_BYTES = 4096;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("genfleet.topics.prefix", () -> PREFIX);
        registry.add("genfleet.topics.partitions", () -> 3);
        registry.add("genfleet.producer.status-url", STATUS::url);
        registry.add("genfleet.api-keys", () -> ApiClient.KEY);
    }

    @AfterAll
    static void stopStatusService() {
        STATUS.close();
    }

    @LocalServerPort
    private int port;
    @Autowired
    private TopicCatalog topics;

    private final TopicReader reader = new TopicReader(TestKafka.bootstrapServers());

    @Test
    void transactionFailingMidwayLeavesNothingVisibleAndAnswersAProblem() throws Exception {
        limitVideoRecordSize();
        String batchId = "abort-" + UUID.randomUUID();
        // Scene 1's video request (a 4000-character prompt, independent: published at submission) is larger than the video topic accepts. It is the
        // batch's only video record, so the broker refuses it alone (RecordTooLargeException) while the other
        // records of the transaction are written to the log.
        // (Measured: when the oversized record shares a produce batch with others, the client splits and
        // retries that batch until delivery.timeout.ms, and the failure is a TimeoutException: 503.)
        String body = """
                {"batchId": "%s", "scenes": [
                  {"prompt": "a", "shots": [{"prompt": "a0"}, {"prompt": "a1"}]},
                  {"prompt": "b", "video": {"prompt": "%s", "independent": true}}
                ]}""".formatted(batchId, "v".repeat(4000));
        ApiClient api = new ApiClient(port);

        HttpResponse<String> response = api.submit(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("RecordTooLargeException").contains(batchId);
        // Expected: the transaction is aborted, so once no transaction is open on the three topics,
        // read_committed readers see none of the batch's records, although some of them are in the log.
        for (String topic : List.of(topics.status().name(), topics.requests(Lane.IMAGE).name(),
                topics.requests(Lane.VIDEO).name())) {
            await().atMost(Duration.ofSeconds(30)).alias("transaction on " + topic + " resolved")
                    .until(() -> reader.noOpenTransaction(topic));
            assertThat(reader.readBatch(topic, IsolationLevel.READ_COMMITTED, batchId)).as(topic).isEmpty();
        }
        int inLog = reader.readBatch(topics.status().name(), IsolationLevel.READ_UNCOMMITTED, batchId).size();
        System.out.printf("aborted batch: %d of 4 pending events reached the status log before the abort%n", inLog);
        assertThat(inLog).as("pending events in the log before the abort (else nothing failed midway)").isPositive();

        // The id was released and the producer recovered: the corrected batch is accepted under the same id.
        HttpResponse<String> retry = api.submit(Storyboards.json(batchId, 2, 0, true));
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(reader.awaitCommitted(topics.status().name(), batchId, 4)).hasSize(4);
    }

    private void limitVideoRecordSize() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            ConfigResource video = new ConfigResource(ConfigResource.Type.TOPIC, topics.requests(Lane.VIDEO).name());
            admin.incrementalAlterConfigs(Map.of(video, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(VIDEO_MAX_MESSAGE_BYTES)),
                    AlterConfigOp.OpType.SET)))).all().get();
            // The broker applies the change asynchronously: wait until it reports it.
            await().atMost(Duration.ofSeconds(30)).alias("video topic max.message.bytes applied")
                    .until(() -> admin.describeConfigs(List.of(video)).all().get().get(video)
                            .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value(), String.valueOf(VIDEO_MAX_MESSAGE_BYTES)::equals);
        }
    }
}
