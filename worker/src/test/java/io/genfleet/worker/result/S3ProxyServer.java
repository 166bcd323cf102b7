package io.genfleet.worker.result;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server in the test JVM: S3Proxy (the S3 REST API over Jetty, with signature checks) in front
 * of jclouds' in-memory blob store, on a free loopback port. Tests talk to it with the AWS SDK like to any S3
 * endpoint; nothing here is a mock of S3's protocol.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "genfleet-test-access";
    public static final String SECRET_KEY = "genfleet-test-secret";
    private final BlobStoreContext blobs;
    private final S3Proxy proxy;

    private S3ProxyServer(BlobStoreContext blobs, S3Proxy proxy) {
        this.blobs = blobs;
        this.proxy = proxy;
    }

    /** Starts a server with an empty store; buckets are made with {@link #createBucket}. */
    public static S3ProxyServer start() throws Exception {
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
                .overrides(new Properties()).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                // Requests must be signed (V4, as the SDK signs) with these keys, as on a real server.
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).alias("S3Proxy started")
                .until(() -> "STARTED".equals(proxy.getState()));
        return new S3ProxyServer(blobs, proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public void createBucket(String bucket) {
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    /** A synchronous client for reading back what a store wrote. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials())
                // S3Proxy answers 501 to the checksum headers the SDK's synchronous client puts on a GET by default;
                // only this reading client does without them (the store under test keeps the SDK's defaults).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        blobs.close();
    }
}
