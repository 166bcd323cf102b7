package io.genfleet.common.topic;

import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.json.JsonSerde;
import io.genfleet.common.status.StatusEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic genfleet uses, named as in the contract:
 * <pre>
 *   {prefix}image.requests   {prefix}image.requests-retry-2000 -retry-4000 -retry-8000   {prefix}image.requests-dlt
 *   {prefix}video.requests   (the same chain)
 *   {prefix}status           {prefix}status-dlt (status events the aggregator could not read)
 *   {prefix}replay-claims    who requeued which item epoch and which dead letter (first claim wins)
 *   {prefix}webhooks         webhook events to deliver, keyed by batch id   {prefix}webhooks-dlt (undeliverable)
 * </pre>
 * The attempt number of a request follows from the topic it is read from: the lane topic carries
 * attempt 1, the n-th delay topic attempt n+1.
 */
public final class TopicCatalog {

    public static final String RETRY_SUFFIX = "-retry-";
    public static final String DLT_SUFFIX = "-dlt";

    private static final Serde<String> KEYS = Serdes.String();
    private static final JsonSerde<GenerationRequest> REQUESTS =
            new JsonSerde<>(GenerationRequest.class, GenerationRequest.SCHEMA_VERSION);
    private static final JsonSerde<StatusEvent> STATUS = new JsonSerde<>(StatusEvent.class, StatusEvent.SCHEMA_VERSION);

    private final String prefix;
    private final List<Duration> retryDelays;

    public TopicCatalog(String prefix, List<Duration> retryDelays) {
        this.prefix = prefix;
        this.retryDelays = List.copyOf(retryDelays);
    }

    public static TopicCatalog defaults() {
        return new TopicCatalog("genfleet.", List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)));
    }

    public TopicSpec<String, GenerationRequest> requests(Lane lane) {
        return new TopicSpec<>(prefix + lane.wireName() + ".requests", KEYS, REQUESTS);
    }

    public TopicSpec<String, StatusEvent> status() {
        return new TopicSpec<>(prefix + "status", KEYS, STATUS);
    }

    /** Where the aggregator puts status records it cannot read, with the reason in headers. */
    public String statusDeadLetter() {
        return status().name() + DLT_SUFFIX;
    }

    /**
     * The claims of manual retries and dead-letter replays, keyed by what is claimed (an item's next epoch, a
     * dead letter). Readers take the FIRST claim of a key in log order as the winner, so this topic must keep
     * its log as written: delete retention, never compaction (which would keep the last claim instead).
     */
    public String replayClaims() {
        return prefix + "replay-claims";
    }

    /**
     * Webhook events the aggregator decided to send, keyed by batch id (one delivery record per receiver), written in
     * its exactly-once transaction and read by its delivery loop.
     */
    public String webhooks() {
        return prefix + "webhooks";
    }

    /** Webhook deliveries that ended undeliverable after the retry window, with the last problem in a header. */
    public String webhooksDeadLetter() {
        return webhooks() + DLT_SUFFIX;
    }

    /** The delay topic of the given retry (1-based: retry 1 waits {@code retryDelays[0]}). */
    public String retry(Lane lane, int retry) {
        return requests(lane).name() + RETRY_SUFFIX + retryDelays.get(retry - 1).toMillis();
    }

    public List<String> retries(Lane lane) {
        List<String> names = new ArrayList<>();
        for (int retry = 1; retry <= retryDelays.size(); retry++) {
            names.add(retry(lane, retry));
        }
        return names;
    }

    public String deadLetter(Lane lane) {
        return requests(lane).name() + DLT_SUFFIX;
    }

    /** The lane topic, its delay topics and its dead-letter topic, in the order a failing item visits them. */
    /**
     * The worker's consumer group of a topic of the lane's chain: {@code genfleet-worker-{lane}} plus the topic's
     * suffix ({@code genfleet-worker-image}, {@code genfleet-worker-image-retry-2000}, {@code genfleet-worker-image-dlt}).
     * Written by the worker, read by the aggregator's fleet view, the dashboards and the fault battery.
     */
    public String workerGroup(Lane lane, String topic) {
        String laneTopic = requests(lane).name();
        if (!topic.startsWith(laneTopic)) {
            throw new IllegalArgumentException("topic " + topic + " is not of the " + lane.wireName() + " lane");
        }
        return "genfleet-worker-" + lane.wireName() + topic.substring(laneTopic.length());
    }

    public List<String> chain(Lane lane) {
        List<String> names = new ArrayList<>();
        names.add(requests(lane).name());
        names.addAll(retries(lane));
        names.add(deadLetter(lane));
        return names;
    }

    /** Every topic, for provisioning. */
    public List<String> all() {
        List<String> names = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            names.addAll(chain(lane));
        }
        names.add(status().name());
        names.add(statusDeadLetter());
        names.add(replayClaims());
        names.add(webhooks());
        names.add(webhooksDeadLetter());
        return names;
    }

    public List<Duration> retryDelays() {
        return retryDelays;
    }

    public int maxRetries() {
        return retryDelays.size();
    }

    /** Attempts an item gets per epoch: the first plus one per delay. */
    public int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /** The delay before the attempt after {@code attempt}, or empty when {@code attempt} was the last one. */
    public Optional<Duration> delayAfter(int attempt) {
        return attempt >= 1 && attempt <= retryDelays.size() ? Optional.of(retryDelays.get(attempt - 1)) : Optional.empty();
    }

    /**
     * The attempt that a record read from {@code topic} is: 1 on the lane topic, n+1 on the n-th delay
     * topic. Empty for topics outside the lane chains.
     */
    public Optional<Integer> attemptOf(String topic) {
        for (Lane lane : Lane.values()) {
            List<String> chain = chain(lane);
            int index = chain.indexOf(topic);
            if (index >= 0 && index < chain.size() - 1) {
                return Optional.of(index + 1);
            }
        }
        return Optional.empty();
    }

    /** The lane whose chain (request, delay or dead-letter topic) holds {@code topic}. */
    public Optional<Lane> laneOf(String topic) {
        for (Lane lane : Lane.values()) {
            if (chain(lane).contains(topic)) {
                return Optional.of(lane);
            }
        }
        return Optional.empty();
    }
}
