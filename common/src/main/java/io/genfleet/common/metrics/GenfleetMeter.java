package io.genfleet.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every genfleet-specific meter, defined once: name, description, unit and tag keys. Dashboards and
 * alert rules in {@code helm/genfleet} use the Prometheus spelling (dots become underscores, counters
 * get {@code _total}, timers {@code _seconds}).
 *
 * <p>Tags are low-cardinality by construction: lane, outcome, error type, retry tier, status, reason.
 * Never a batch id or item key.
 */
public enum GenfleetMeter {

    // worker
    GENERATION_ATTEMPTS("genfleet.generation.attempts", Type.COUNTER,
            "Provider calls, by lane and outcome (complete, retry, dead_letter)", null, "lane", "outcome"),
    GENERATION_DURATION("genfleet.generation.duration", Type.TIMER,
            "Duration of provider calls; buckets from 50 ms to 10 min", null, "lane"),
    GENERATION_IN_FLIGHT("genfleet.generation.in.flight", Type.GAUGE,
            "Provider calls currently running", null, "lane"),
    RETRIES_SCHEDULED("genfleet.retries.scheduled", Type.COUNTER,
            "Failed attempts sent to a delay topic, by tier (2000, 4000, 8000 ms)", null, "lane", "tier"),
    DEAD_LETTERS("genfleet.dead.letters", Type.COUNTER,
            "Records sent to the dead-letter topic, by error type", null, "lane", "error_type"),
    DEAD_LETTERS_UNREPORTED("genfleet.dead.letters.unreported", Type.COUNTER,
            "Dead letters whose failed_permanent event could not be published", null, "lane"),
    RETRY_LATENESS("genfleet.retry.lateness", Type.TIMER,
            "How late a retry started: actual minus planned delay (negative values count as 0 and as early)",
            null, "lane", "tier"),
    EARLY_RETRIES("genfleet.retries.early", Type.COUNTER,
            "Retries that started before their planned time (must stay 0)", null, "lane", "tier"),
    PROVIDER_REQUESTS("genfleet.provider.requests", Type.TIMER,
            "HTTP exchanges with a real provider, by lane and status (the HTTP code, timeout or io_error)",
            null, "lane", "status"),
    PROVIDER_BREAKER_STATE("genfleet.provider.breaker.state", Type.GAUGE,
            "The circuit breaker of a lane's provider: 0 closed, 1 half-open (probing), 2 open (the lane starts nothing)",
            null, "lane"),
    PROVIDER_LIMIT_WAITS("genfleet.provider.limit.waits", Type.TIMER,
            "Waits for a provider permit, by lane, provider type and limit: rate (an HTTP request waits for its "
                    + "share of requests-per-second) or concurrency (a call waits for its share of max-concurrency); "
                    + "a call that did not wait is counted with 0",
            null, "lane", "provider", "limit"),

    // producer
    BATCHES_SUBMITTED("genfleet.batches.submitted", Type.COUNTER, "Batches accepted (202)", null),
    ITEMS_SUBMITTED("genfleet.items.submitted", Type.COUNTER, "Items accepted, by lane", null, "lane"),
    REQUESTS_REJECTED("genfleet.requests.rejected", Type.COUNTER,
            "Requests refused, by reason (invalid, conflict, unavailable, too_large, error, unauthorized, forbidden, "
                    + "rate_limited)", null, "reason"),
    API_CHANGES("genfleet.api.changes", Type.COUNTER,
            "Changes asked of the API (the audit log), by action (submit, retry_failed, item_retry, dlt_replay, "
                    + "operate) and outcome (accepted, rejected, conflict, unauthorized, forbidden, rate_limited, failed)",
            null, "action", "outcome"),
    ITEMS_REQUEUED("genfleet.items.requeued", Type.COUNTER,
            "Items requeued with a new epoch, by source (retry_failed, dlt_replay)", null, "source"),

    // aggregator
    ITEMS("genfleet.items", Type.GAUGE, "Items of all live batches, by status", null, "status"),
    BATCHES_ACTIVE("genfleet.batches.active", Type.GAUGE, "Batches with at least one non-terminal item", null),
    BATCHES_EXPIRED("genfleet.batches.expired", Type.COUNTER,
            "Done batches deleted from the stores after the retention (genfleet.aggregator.batch-retention)", null),
    BATCH_COMPLETION("genfleet.batch.completion", Type.TIMER,
            "From a batch's first event to its last item becoming terminal; buckets from 1 s to 6 h", null),
    STATUS_EVENT_LAG("genfleet.status.event.lag", Type.TIMER,
            "From a status event's time to its application in the aggregate", null),
    STREAMS_STATE("genfleet.streams.state", Type.GAUGE,
            "1 for the current Kafka Streams state of this instance, 0 for the others", null, "state"),
    STREAMS_RESTORE_REMAINING("genfleet.streams.restore.remaining", Type.GAUGE,
            "Records still to restore into the state stores", "records"),
    STATUS_DEAD_LETTERS("genfleet.status.dead.letters", Type.COUNTER,
            "Unreadable status records sent to the status dead-letter topic", null),
    RECORDS_SKIPPED("genfleet.aggregator.records.skipped", Type.COUNTER,
            "Records of the aggregator's internal topics skipped as unreadable", null),
    WEBHOOK_DELIVERIES("genfleet.webhooks.deliveries", Type.COUNTER,
            "Webhook deliveries that ended, by event type and outcome (delivered, undeliverable)", null, "type",
            "outcome"),
    WEBHOOK_ATTEMPTS("genfleet.webhooks.attempts", Type.COUNTER,
            "Webhook POSTs made, retries included, by event type", null, "type");

    /** Buckets suited to generations that take seconds to minutes. */
    private static final Duration[] GENERATION_BUCKETS = durations(50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
            30_000, 60_000, 120_000, 300_000, 600_000);
    /** Buckets for retry lateness, where 50 ms is the target. */
    private static final Duration[] LATENESS_BUCKETS = durations(5, 10, 25, 50, 100, 250, 500, 1_000, 2_000, 5_000);
    /** Buckets for whole batches: seconds for a few items, hours for thousands of videos. */
    private static final Duration[] BATCH_BUCKETS = durations(1_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
            300_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000);
    /** Buckets for freshness (status event lag). */
    private static final Duration[] LATENCY_BUCKETS = durations(10, 50, 100, 200, 500, 1_000, 5_000, 15_000, 60_000,
            300_000, 1_800_000);

    public enum Type { COUNTER, TIMER, GAUGE }

    private final String meterName;
    private final Type type;
    private final String description;
    private final String baseUnit;
    private final List<String> tagKeys;

    GenfleetMeter(String meterName, Type type, String description, String baseUnit, String... tagKeys) {
        this.meterName = meterName;
        this.type = type;
        this.description = description;
        this.baseUnit = baseUnit;
        this.tagKeys = List.of(tagKeys);
    }

    public String meterName() {
        return meterName;
    }

    public Type type() {
        return type;
    }

    public String description() {
        return description;
    }

    public List<String> tagKeys() {
        return tagKeys;
    }

    public Counter counter(MeterRegistry registry, String... tagValues) {
        require(Type.COUNTER);
        return Counter.builder(meterName).description(description).baseUnit(baseUnit).tags(tags(tagValues))
                .register(registry);
    }

    public Timer timer(MeterRegistry registry, String... tagValues) {
        require(Type.TIMER);
        return Timer.builder(meterName).description(description).tags(tags(tagValues))
                .serviceLevelObjectives(buckets()).register(registry);
    }

    public <T extends Number> Gauge gauge(MeterRegistry registry, Supplier<T> value, String... tagValues) {
        require(Type.GAUGE);
        return Gauge.builder(meterName, value).description(description).baseUnit(baseUnit).tags(tags(tagValues))
                .register(registry);
    }

    /** For values that are not durations but share the definition's name and tags. */
    public DistributionSummary summary(MeterRegistry registry, String... tagValues) {
        return DistributionSummary.builder(meterName).description(description).baseUnit(baseUnit)
                .tags(tags(tagValues)).register(registry);
    }

    private Duration[] buckets() {
        return switch (this) {
            case GENERATION_DURATION, PROVIDER_REQUESTS, PROVIDER_LIMIT_WAITS -> GENERATION_BUCKETS;
            case RETRY_LATENESS -> LATENESS_BUCKETS;
            case BATCH_COMPLETION -> BATCH_BUCKETS;
            default -> LATENCY_BUCKETS;
        };
    }

    private Tags tags(String... tagValues) {
        if (tagValues.length != tagKeys.size()) {
            throw new IllegalArgumentException(meterName + " takes tags " + tagKeys + ", got " + Arrays.toString(tagValues));
        }
        Tags tags = Tags.empty();
        for (int i = 0; i < tagValues.length; i++) {
            tags = tags.and(tagKeys.get(i), tagValues[i]);
        }
        return tags;
    }

    private void require(Type expected) {
        if (type != expected) {
            throw new IllegalStateException(meterName + " is a " + type + ", not a " + expected);
        }
    }

    private static Duration[] durations(long... millis) {
        return Arrays.stream(millis).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }
}
