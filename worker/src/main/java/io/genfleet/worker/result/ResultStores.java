package io.genfleet.worker.result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The worker's result store, made on first use: a fleet of simulated lanes never creates a directory or an S3
 * client. Closed with the application (the S3 client's connections and threads).
 */
public final class ResultStores implements Supplier<ResultStore>, AutoCloseable {

    private final ResultStoreSettings settings;
    private ResultStore store;

    public ResultStores(ResultStoreSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized ResultStore get() {
        if (store == null) {
            store = create(settings);
        }
        return store;
    }

    /** Where results go, for the start-up log. */
    public String describe() {
        return settings.type() == ResultStoreSettings.Type.S3
                ? "s3://" + settings.s3().bucket() + "/" + settings.s3().prefix()
                + (settings.s3().endpoint() == null ? "" : " at " + settings.s3().endpoint())
                : settings.dir().toAbsolutePath().toString();
    }

    static ResultStore create(ResultStoreSettings settings) {
        try {
            return switch (settings.type()) {
                case LOCAL -> new LocalResultStore(settings.dir());
                case S3 -> new S3ResultStore(s3Client(settings.s3()), settings.s3().bucket(),
                        settings.s3().prefix(), settings.s3().publicBaseUrl(), settings.dir().resolve(".incoming"));
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the result directory " + settings.dir()
                    + " (genfleet.results.dir)", e);
        }
    }

    private static S3AsyncClient s3Client(ResultStoreSettings.S3 s3) {
        try {
            return S3Clients.of(s3);
        } catch (SdkClientException e) {
            // Typically no region anywhere (no setting, no AWS_REGION, not on AWS): say which setting helps.
            throw new IllegalStateException("cannot create the S3 client of genfleet.results.s3 (bucket " + s3.bucket()
                    + "); set genfleet.results.s3.region or AWS_REGION when no region is found: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
