package io.genfleet.worker.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.provider.GenerationResult;
import io.genfleet.worker.provider.RetryableGenerationException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The S3 result store against a real S3-compatible server ({@link S3ProxyServer}) on loopback. */
class S3ResultStoreIT {

    private static final String BUCKET = "genfleet-results";
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};

    private static S3ProxyServer server;

    @TempDir
    Path spool;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static GenerationRequest request(String batchId) {
        return GenerationRequest.first(ItemId.of(batchId, "scene_2_shot_1"), "p", null, Instant.now());
    }

    /** A client as {@link S3Clients} makes one, with the SDK's default checksums (a CRC trailer on every upload). */
    private S3ResultStore store(String bucket, String prefix, URI publicBaseUrl) throws Exception {
        S3AsyncClient client = S3AsyncClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(S3ProxyServer.credentials()).build();
        return new S3ResultStore(client, bucket, prefix, publicBaseUrl, spool);
    }

    private static ResponseBytes<GetObjectResponse> read(String key) {
        try (S3Client client = server.client()) {
            return client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        }
    }

    @Test
    void aDownloadedResultIsReadBackWithTheSameBytesAndContentType() throws Exception {
        // A megabyte behind a PNG signature: large enough to be streamed from the spool file, not one buffer.
        byte[] content = new byte[1 << 20];
        new Random(7).nextBytes(content);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 0, content, 0, 4);
        try (S3ResultStore store = store(BUCKET, "runs/", null)) {
            Path written = store.temporaryFile();
            Files.write(written, content);

            GenerationResult result = store.keep(request("b-1"), 2, written, "image/png; charset=binary").join();

            assertThat(result.uri()).isEqualTo("s3://" + BUCKET + "/runs/b-1/scene_2_shot_1/0-2.png");
            assertThat(result.contentType()).isEqualTo("image/png");
            assertThat(result.sizeBytes()).isEqualTo(content.length);
            ResponseBytes<GetObjectResponse> stored = read("runs/b-1/scene_2_shot_1/0-2.png");
            assertThat(stored.asByteArray()).isEqualTo(content);
            assertThat(stored.response().contentType()).isEqualTo("image/png");
            assertThat(written).as("the spooled download is deleted once uploaded").doesNotExist();
        }
    }

    @Test
    void aResultInMemoryGetsTheTypeItsFirstBytesSay() throws Exception {
        try (S3ResultStore store = store(BUCKET, "", null)) {
            GenerationResult result = store.keep(request("b-2"), 1, JPEG, null).join();

            assertThat(result.uri()).isEqualTo("s3://" + BUCKET + "/b-2/scene_2_shot_1/0-1.jpg");
            assertThat(result.contentType()).isEqualTo("image/jpeg");
            ResponseBytes<GetObjectResponse> stored = read("b-2/scene_2_shot_1/0-1.jpg");
            assertThat(stored.asByteArray()).isEqualTo(JPEG);
            assertThat(stored.response().contentType()).isEqualTo("image/jpeg");
        }
    }

    @Test
    void aPublicBaseUrlMakesTheResultUriAnHttpsUrlOfTheKey() throws Exception {
        try (S3ResultStore store = store(BUCKET, "genfleet/", URI.create("https://cdn.example.com/assets/"))) {
            GenerationResult result = store.keep(request("b-3"), 1, JPEG, "image/jpeg").join();

            assertThat(result.uri())
                    .isEqualTo("https://cdn.example.com/assets/genfleet/b-3/scene_2_shot_1/0-1.jpg");
            assertThat(read("genfleet/b-3/scene_2_shot_1/0-1.jpg").asByteArray()).isEqualTo(JPEG);
        }
    }

    @Test
    void anUploadThatFailsIsARetryableFailureAndLeavesNoSpoolFile() throws Exception {
        try (S3ResultStore store = store("no-such-bucket", "", null)) {
            Path written = store.temporaryFile();
            Files.write(written, JPEG);

            assertThatThrownBy(() -> store.keep(request("b-4"), 1, written, null).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(RetryableGenerationException.class)
                    .hasMessageContaining("s3://no-such-bucket/b-4/scene_2_shot_1/0-1.jpg")
                    .satisfies(e -> assertThat(((RetryableGenerationException) e).errorType())
                            .isEqualTo(ErrorType.TRANSIENT));
            try (Stream<Path> left = Files.list(spool)) {
                assertThat(left).as("no spool file left behind").isEmpty();
            }
        }
    }

    @Test
    void theSettingsBuildAStoreThatReachesAnS3CompatibleEndpointWithTheDefaultCredentialChain() throws Exception {
        // The SDK's default chain reads these system properties first (as it reads AWS_ACCESS_KEY_ID in a pod).
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        try {
            ResultStoreSettings settings = new ResultStoreSettings(ResultStoreSettings.Type.S3, spool,
                    new ResultStoreSettings.S3(BUCKET, "chain/", "", server.endpoint(), true, null,
                            ResultStoreSettings.Checksums.WHEN_REQUIRED));
            ResultStore store = ResultStores.create(settings);
            try {
                GenerationResult result = store.keep(request("b-5"), 1, JPEG, null).join();

                assertThat(result.uri()).isEqualTo("s3://" + BUCKET + "/chain/b-5/scene_2_shot_1/0-1.jpg");
                assertThat(read("chain/b-5/scene_2_shot_1/0-1.jpg").asByteArray()).isEqualTo(JPEG);
            } finally {
                ((AutoCloseable) store).close();
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
