package io.genfleet.common.security.web;

import io.genfleet.common.metrics.GenfleetMeter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per change asked of the API (submit, retry-failed, item retry, replay), accepted or refused, on the
 * logger {@code genfleet.audit}: who (the key's name, never the secret), what, which batch, the HTTP status.
 * The same as key-value pairs for structured (JSON) log encoders, and counted in {@code genfleet.api.changes}.
 */
public final class AuditLog {

    /** A controller sets this request attribute when the batch id is known only after the request was read. */
    public static final String BATCH_ATTRIBUTE = AuditLog.class.getName() + ".batchId";

    private static final Logger log = LoggerFactory.getLogger("genfleet.audit");

    private final MeterRegistry registry;

    AuditLog(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String action, String keyName, String batchId, int status) {
        String outcome = outcome(status);
        log.atInfo()
                .addKeyValue("action", action)
                .addKeyValue("key", keyName)
                .addKeyValue("batch", batchId)
                .addKeyValue("status", status)
                .addKeyValue("outcome", outcome)
                .log("audit action={} key={} batch={} status={} outcome={}", action, keyName,
                        batchId == null ? "-" : batchId, status, outcome);
        if (registry != null) {
            GenfleetMeter.API_CHANGES.counter(registry, action, outcome).increment();
        }
    }

    static String outcome(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 429 -> "rate_limited";
            case 409 -> "conflict";
            default -> status < 300 ? "accepted" : status < 500 ? "rejected" : "failed";
        };
    }
}
