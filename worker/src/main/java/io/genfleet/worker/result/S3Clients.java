package io.genfleet.worker.result;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/** The asynchronous S3 client of {@link ResultStoreSettings.S3}; credentials from the SDK's default chain. */
final class S3Clients {

    /** What S3-compatible servers other than AWS accept when the region means nothing to them. */
    private static final Region REGION_OF_AN_ENDPOINT = Region.US_EAST_1;

    private S3Clients() {
    }

    static S3AsyncClient of(ResultStoreSettings.S3 s3) {
        S3AsyncClientBuilder builder = S3AsyncClient.builder().forcePathStyle(s3.pathStyleAccess())
                .requestChecksumCalculation(switch (s3.checksums()) {
                    case WHEN_SUPPORTED -> RequestChecksumCalculation.WHEN_SUPPORTED;
                    case WHEN_REQUIRED -> RequestChecksumCalculation.WHEN_REQUIRED;
                });
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        if (s3.region() != null && !s3.region().isBlank()) {
            builder.region(Region.of(s3.region()));
        } else if (s3.endpoint() != null) {
            builder.region(REGION_OF_AN_ENDPOINT);
        }
        return builder.build();
    }
}
