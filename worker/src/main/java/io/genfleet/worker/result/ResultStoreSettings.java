package io.genfleet.worker.result;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where generated assets are kept ({@code genfleet.results.*}). Results of the HTTP providers are stored here
 * and {@code resultUri} points at the stored copy: a provider's own result URLs expire within hours, and a
 * base64 result never travels on Kafka.
 *
 * @param type {@code local} (a directory, the default) or {@code s3} (an S3-compatible bucket, for clusters)
 * @param dir  the directory (created when missing); with {@code local} the results themselves (give every worker
 *             the same one, a shared volume, when something else serves them), with {@code s3} only the
 *             downloads on their way to the bucket
 * @param s3   the bucket, with {@code type=s3}
 */
@Validated
@ConfigurationProperties("genfleet.results")
public record ResultStoreSettings(@NotNull @DefaultValue("local") Type type,
                                  @NotNull @DefaultValue("genfleet-results") Path dir,
                                  @NotNull @Valid @DefaultValue S3 s3) {

    public ResultStoreSettings {
        if (type == Type.S3 && (s3 == null || s3.bucket() == null || s3.bucket().isBlank())) {
            throw new IllegalArgumentException(
                    "genfleet.results.s3.bucket (GENFLEET_RESULTS_S3_BUCKET) is required with genfleet.results.type=s3");
        }
    }

    public enum Type { LOCAL, S3 }

    /** When uploads carry a checksum (the SDK's {@code RequestChecksumCalculation}). */
    public enum Checksums { WHEN_SUPPORTED, WHEN_REQUIRED }

    /**
     * An S3-compatible bucket. Credentials come from the SDK's default chain: {@code AWS_ACCESS_KEY_ID} /
     * {@code AWS_SECRET_ACCESS_KEY}, a profile, web identity (IRSA in Kubernetes), the instance's role.
     *
     * @param bucket          the bucket (it must exist)
     * @param prefix          the folder of every key, e.g. {@code genfleet/} (a missing trailing slash is added);
     *                        empty by default
     * @param region          the region; empty: the SDK's chain ({@code AWS_REGION}...), or {@code us-east-1} when
     *                        an endpoint is given (MinIO and most S3-compatible servers ignore it)
     * @param endpoint        an S3-compatible server's URL (MinIO, Ceph, R2...); empty for AWS
     * @param pathStyleAccess {@code http://host/bucket/key} instead of {@code http://bucket.host/key}, as most
     *                        S3-compatible servers need
     * @param publicBaseUrl   the HTTPS root the bucket's keys are served under (a CDN, a public-read bucket): then
     *                        {@code resultUri} is {@code {publicBaseUrl}/{key}} instead of {@code s3://bucket/key}
     * @param checksums       {@code when-supported} (the SDK's default: every upload carries a CRC checksum in a
     *                        streamed trailer) or {@code when-required} (only where S3 demands one), for
     *                        S3-compatible servers that refuse the trailer ({@code 400 ... x-amz-content-sha256})
     */
    public record S3(String bucket,
                     @DefaultValue("") String prefix,
                     String region,
                     URI endpoint,
                     @DefaultValue("false") boolean pathStyleAccess,
                     URI publicBaseUrl,
                     @DefaultValue("when-supported") Checksums checksums) {

        public S3 {
            checksums = checksums == null ? Checksums.WHEN_SUPPORTED : checksums;
            // A folder of the bucket: "genfleet" and "/genfleet/" both mean keys under "genfleet/".
            prefix = prefix == null ? "" : prefix.replaceAll("^/+", "");
            prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
            if (endpoint != null && endpoint.getHost() == null) {
                throw new IllegalArgumentException("genfleet.results.s3.endpoint must be an absolute URL such as "
                        + "http://127.0.0.1:9000, was " + endpoint);
            }
            if (publicBaseUrl != null && publicBaseUrl.getHost() == null) {
                throw new IllegalArgumentException("genfleet.results.s3.public-base-url must be an absolute URL, was "
                        + publicBaseUrl);
            }
        }
    }
}
