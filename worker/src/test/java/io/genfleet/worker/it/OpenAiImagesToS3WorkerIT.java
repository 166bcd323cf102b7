package io.genfleet.worker.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.testing.TestKafka;
import io.genfleet.worker.WorkerApplication;
import io.genfleet.worker.result.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The worker with {@code genfleet.results.type=s3}: a real broker, the provider on loopback (one image as base64,
 * one as a URL to download) and a real S3-compatible server (S3Proxy) as the bucket. Credentials reach the SDK
 * through its default chain, as they would in a pod.
 */
class OpenAiImagesToS3WorkerIT {

    private static final int PARTITIONS = 2;
    private static final String BUCKET = "genfleet-it";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    private final String prefix = TestTopics.uniquePrefix("openai-s3");
    private final TopicCatalog catalog = new TopicCatalog(prefix, List.of(Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8)));
    private final String batchId = "s3-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path spool;
    private S3ProxyServer s3;
    private WireMockServer provider;
    private ConfigurableApplicationContext worker;

    @BeforeEach
    void start() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        provider = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        // The SDK's default credential chain reads these first (then AWS_ACCESS_KEY_ID, web identity, ...).
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        worker = new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--genfleet.topics.prefix=" + prefix,
                        "--genfleet.topics.partitions=" + PARTITIONS,
                        "--genfleet.worker.lanes=image",
                        "--genfleet.providers.image.type=openai-images",
                        "--genfleet.providers.image.base-url=http://127.0.0.1:" + provider.port(),
                        "--genfleet.providers.image.api-key=sk-it",
                        "--genfleet.results.type=s3",
                        "--genfleet.results.dir=" + spool,
                        "--genfleet.results.s3.bucket=" + BUCKET,
                        "--genfleet.results.s3.prefix=fleet/",
                        "--genfleet.results.s3.endpoint=" + s3.endpoint(),
                        "--genfleet.results.s3.path-style-access=true");
        TestTopics.awaitFullAssignment(worker, PARTITIONS);
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        provider.stop();
        s3.close();
    }

    @Test
    void resultsAreUploadedToTheBucketAndTheStatusEventSaysWhereWhatAndHowLarge() {
        byte[] video = new byte[300_000];
        new Random(11).nextBytes(video);
        provider.stubFor(post(urlEqualTo("/v1/images/generations")).withRequestBody(matchingJsonPath("$.prompt",
                equalTo("inline"))).willReturn(okJson("{\"data\": [{\"b64_json\": \""
                + Base64.getEncoder().encodeToString(PNG) + "\"}]}")));
        provider.stubFor(post(urlEqualTo("/v1/images/generations")).withRequestBody(matchingJsonPath("$.prompt",
                equalTo("linked"))).willReturn(okJson("{\"data\": [{\"url\": \"http://127.0.0.1:" + provider.port()
                + "/cdn/out.webp\"}]}")));
        provider.stubFor(get(urlEqualTo("/cdn/out.webp")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/webp").withBody(video)));
        ItemId inline = publish(0, "inline");
        ItemId linked = publish(1, "linked");

        try (StatusLog status = new StatusLog(catalog)) {
            status.awaitUntil("both items end", Duration.ofSeconds(60),
                    log -> log.terminal(inline) && log.terminal(linked));

            // Expected: complete at attempt 1, resultUri the object's s3:// URI, type and size of what was stored.
            StatusEvent first = last(status, inline);
            assertThat(first.status()).isEqualTo(ItemStatus.COMPLETE);
            assertThat(first.attempt()).isEqualTo(1);
            assertThat(first.resultUri()).isEqualTo("s3://" + BUCKET + "/fleet/" + batchId + "/scene_0/0-1.png");
            assertThat(first.contentType()).isEqualTo("image/png");
            assertThat(first.sizeBytes()).isEqualTo(PNG.length);
            ResponseBytes<GetObjectResponse> stored = read("fleet/" + batchId + "/scene_0/0-1.png");
            assertThat(stored.asByteArray()).isEqualTo(PNG);
            assertThat(stored.response().contentType()).isEqualTo("image/png");

            // Expected: the downloaded result goes through the spool to the bucket with the provider's type.
            StatusEvent second = last(status, linked);
            assertThat(second.status()).isEqualTo(ItemStatus.COMPLETE);
            assertThat(second.resultUri()).isEqualTo("s3://" + BUCKET + "/fleet/" + batchId + "/scene_1/0-1.webp");
            assertThat(second.contentType()).isEqualTo("image/webp");
            assertThat(second.sizeBytes()).isEqualTo(video.length);
            stored = read("fleet/" + batchId + "/scene_1/0-1.webp");
            assertThat(stored.asByteArray()).isEqualTo(video);
            assertThat(stored.response().contentType()).isEqualTo("image/webp");
        }
    }

    private ResponseBytes<GetObjectResponse> read(String key) {
        try (S3Client client = s3.client()) {
            return client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        }
    }

    private ItemId publish(int index, String prompt) {
        ItemId id = ItemId.of(batchId, "scene_" + index);
        GenerationRequest request = GenerationRequest.first(id, prompt, null, Instant.now());
        TestTopics.publish(catalog.requests(Lane.IMAGE).name(), null, id.toString().getBytes(StandardCharsets.UTF_8),
                catalog.requests(Lane.IMAGE).valueSerde().serializer().serialize("", request));
        return id;
    }

    private static StatusEvent last(StatusLog status, ItemId id) {
        List<StatusEvent> events = status.of(id);
        return events.get(events.size() - 1);
    }
}
