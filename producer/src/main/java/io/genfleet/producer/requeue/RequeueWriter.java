package io.genfleet.producer.requeue;

import io.genfleet.common.json.Json;
import io.genfleet.common.metrics.GenfleetMeter;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.status.StatusPartitioning;
import io.genfleet.common.topic.ChainHeaders;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.batch.BoundedTransactions;
import io.genfleet.producer.batch.TransactionalProducerConfig;
import io.genfleet.producer.claim.Claim;
import io.genfleet.producer.claim.ClaimRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.support.SendResult;

/**
 * The writes of retry-failed and dead-letter replay, each in one Kafka transaction ({@link BoundedTransactions}, as
 * the batch writer's):
 * <ul>
 *   <li>{@link #claim}: the claim records, committed before anything is decided;</li>
 *   <li>{@link #requeue}: per item the {@code fulfilled} records of its claims, its {@code pending} event of the
 *       new epoch and its request on the lane topic with provenance headers (an item held again: its pending event
 *       only, marked held, after all the others) — read_committed readers (workers,
 *       the aggregator, claim readers) see all of it or none of it;</li>
 *   <li>{@link #release}: gives claims back when their owner wrote nothing.</li>
 * </ul>
 */
public final class RequeueWriter implements AutoCloseable {

    /** Where a claim record was appended. */
    public record ClaimPosition(TopicPartition partition, long offset) {
    }

    private final BoundedTransactions transactions;
    private final TopicCatalog topics;
    private final MeterRegistry registry;
    private final Clock clock;

    public RequeueWriter(DefaultKafkaProducerFactory<String, byte[]> producers, int concurrent, Duration slotWait,
                         Duration ackWait, TopicCatalog topics, MeterRegistry registry, Clock clock) {
        this.transactions = new BoundedTransactions(producers, concurrent, slotWait, ackWait);
        this.topics = topics;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * A writer outside Spring (the CLI, tests): transactional producers over the given client properties with
     * the producer's default Kafka limits.
     *
     * @param transactionalIdName the start of the transactional ids, e.g. {@code genfleet-dlt-replay-}
     */
    public static RequeueWriter create(Map<String, Object> clientProperties, TopicCatalog topics,
                                       String transactionalIdName, int concurrent, MeterRegistry registry) {
        ProducerSettings.Kafka limits = ProducerSettings.Kafka.defaults();
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
                TransactionalProducerConfig.build(clientProperties, limits), new StringSerializer(),
                new ByteArraySerializer());
        producers.setTransactionIdPrefix(TransactionalProducerConfig.transactionalIdPrefix(transactionalIdName));
        producers.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(concurrent));
        return new RequeueWriter(producers, concurrent, limits.maxBlock(), limits.deliveryTimeout().plus(limits.maxBlock()),
                topics, registry, Clock.systemUTC());
    }

    public Clock clock() {
        return clock;
    }

    /** Writes one claim record per claim, in one transaction; returns where each was appended, by claim id. */
    public Map<String, ClaimPosition> claim(List<Claim> claims, RequeueSource source) {
        Instant now = clock.instant();
        List<CompletableFuture<SendResult<String, byte[]>>> acks = new ArrayList<>();
        transaction("claim", sends -> {
            for (Claim claim : claims) {
                acks.add(sendClaim(sends, claim, ClaimRecord.Type.CLAIM, source, now));
            }
        });
        Map<String, ClaimPosition> positions = new LinkedHashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            var metadata = acks.get(i).join().getRecordMetadata();
            positions.put(claims.get(i).claimId(),
                    new ClaimPosition(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset()));
        }
        return positions;
    }

    /** Gives claims back; only for claims whose owner has written nothing (no requeue was attempted). */
    public void release(List<Claim> claims, RequeueSource source) {
        if (claims.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        transaction("release", sends -> claims.forEach(claim ->
                sendClaim(sends, claim, ClaimRecord.Type.RELEASE, source, now)));
    }

    /** Marks claims fulfilled whose work was committed in a transaction of its own (a batch submission). */
    public void fulfil(List<Claim> claims, RequeueSource source) {
        if (claims.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        transaction("fulfil", sends -> claims.forEach(claim ->
                sendClaim(sends, claim, ClaimRecord.Type.FULFILLED, source, now)));
    }

    /**
     * Requeues the items in one transaction and counts them in {@code genfleet.items.requeued}.
     *
     * @param replayId the id of this call or run, carried by every requeued request
     */
    public void requeue(List<Requeue> requeues, RequeueSource source, String replayId) {
        if (requeues.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        TopicSpec<String, StatusEvent> status = topics.status();
        // Items held again go last: on the batch's status partition the aggregator then reads the requeued
        // dependencies' pending events first, and does not judge a held item by a failure that is being retried.
        List<Requeue> ordered = new ArrayList<>(requeues.stream().filter(r -> !r.isHeldAgain()).toList());
        ordered.addAll(requeues.stream().filter(Requeue::isHeldAgain).toList());
        transaction("requeue", sends -> {
            for (Requeue requeue : ordered) {
                String key = requeue.item().toString();
                for (Claim claim : requeue.claims()) {
                    sendClaim(sends, claim, ClaimRecord.Type.FULFILLED, source, now);
                }
                StatusEvent pending = requeue.isHeldAgain() ? StatusEvent.heldAgain(requeue.item(), requeue.epoch(), now)
                        : StatusEvent.pending(requeue.item(), requeue.epoch(), now);
                int partition = StatusPartitioning.partitionOf(requeue.item().batchId(), sends.partitions(status.name()));
                sends.send(new ProducerRecord<>(status.name(), partition, key,
                        status.valueSerde().serializer().serialize(status.name(), pending)));
                if (requeue.isHeldAgain()) {
                    continue;
                }
                GenerationRequest next = requeue.next();
                TopicSpec<String, GenerationRequest> lane = topics.requests(next.lane());
                RecordHeaders headers = new RecordHeaders();
                headers.add(ChainHeaders.REPLAYED_FROM, ChainHeaders.utf8(requeue.from().toString()));
                headers.add(ChainHeaders.REPLAYED_AT, ChainHeaders.utf8(Json.INSTANT_FORMAT.format(now)));
                headers.add(ChainHeaders.REPLAY_ID, ChainHeaders.utf8(replayId));
                headers.add(ChainHeaders.REPLAY_SOURCE, ChainHeaders.utf8(source.tag()));
                sends.send(new ProducerRecord<>(lane.name(), null, key,
                        lane.valueSerde().serializer().serialize(lane.name(), next), headers));
            }
        });
        GenfleetMeter.ITEMS_REQUEUED.counter(registry, source.tag()).increment(requeues.size());
    }

    private CompletableFuture<SendResult<String, byte[]>> sendClaim(BoundedTransactions.Sends sends, Claim claim,
                                                                    ClaimRecord.Type type, RequeueSource source,
                                                                    Instant now) {
        return sends.send(new ProducerRecord<>(topics.replayClaims(), claim.key(),
                ClaimRecord.SERDE.write(ClaimRecord.of(type, claim.claimId(), source, now))));
    }

    /**
     * Runs the sends in one transaction: a failed send aborts, and only a failing commit leaves the outcome open
     * ({@link RequeueFailedException#mayHaveCommitted()}).
     */
    private void transaction(String what, Consumer<BoundedTransactions.Sends> sends) {
        try {
            transactions.run(sends);
        } catch (BoundedTransactions.NoFreeProducerException e) {
            throw new RequeueFailedException(false, "every transactional producer for " + what + " is busy", e);
        } catch (BoundedTransactions.TransactionFailedException e) {
            throw new RequeueFailedException(e.mayHaveCommitted(), "Kafka did not commit the " + what
                    + " transaction: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        transactions.close();
    }
}
