package io.genfleet.aggregator.webhook;

import io.genfleet.common.json.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one record of the webhooks topic to its end: posted until the receiver takes it ({@link WebhookSender},
 * retried within the window), or else written to the webhooks dead-letter topic with the reason in headers. Runs on a
 * delivery thread; blocks for up to the retry window.
 */
final class WebhookDeliverer {

    static final String PROBLEM_HEADER = "genfleet-webhook-problem";
    static final String ATTEMPTS_HEADER = "genfleet-webhook-attempts";
    static final String SOURCE_HEADER = "genfleet-webhook-source";

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final WebhookSender sender;
    private final Producer<String, byte[]> deadLetters;
    private final String deadLetterTopic;
    private final WebhookMetrics metrics;
    private final Duration firstPause;

    WebhookDeliverer(WebhookSender sender, Producer<String, byte[]> deadLetters, String deadLetterTopic,
                     WebhookMetrics metrics) {
        this(sender, deadLetters, deadLetterTopic, metrics, Duration.ofSeconds(1));
    }

    /** @param firstPause how long to wait before writing a dead letter again after a failed write */
    WebhookDeliverer(WebhookSender sender, Producer<String, byte[]> deadLetters, String deadLetterTopic,
                     WebhookMetrics metrics, Duration firstPause) {
        this.sender = sender;
        this.deadLetters = deadLetters;
        this.deadLetterTopic = deadLetterTopic;
        this.metrics = metrics;
        this.firstPause = firstPause;
    }

    /**
     * Returns once the delivery has ended (delivered, or recorded as undeliverable): its offset may be committed.
     *
     * @throws InterruptedException on shutdown: the delivery has not ended
     */
    void deliver(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        WebhookDelivery delivery;
        try {
            delivery = WebhookDelivery.SERDE.read(record.value());
        } catch (InvalidMessageException e) {
            metrics.unreadable();
            deadLetter(record, "unreadable: " + e.getMessage(), 0);
            return;
        }
        WebhookSender.Outcome outcome = sender.send(delivery.url(), delivery.event());
        metrics.ended(delivery.event().type(), outcome);
        if (outcome.delivered()) {
            log.debug("Webhook {} delivered to {} after {} attempt(s)", delivery.event().id(), delivery.url(),
                    outcome.attempts());
            return;
        }
        log.warn("Webhook {} to {} is undeliverable after {} attempts: {}", delivery.event().id(), delivery.url(),
                outcome.attempts(), outcome.lastProblem());
        deadLetter(record, outcome.lastProblem(), outcome.attempts());
    }

    /**
     * Writes the dead letter, and waits until it is written: Kafka away for a while only delays it (the next try after
     * a pause that doubles up to {@link #MAX_PAUSE}); the record's slot stays taken and its offset uncommitted meanwhile.
     */
    private void deadLetter(ConsumerRecord<String, byte[]> record, String problem, int attempts)
            throws InterruptedException {
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
        letter.headers().add(PROBLEM_HEADER, String.valueOf(problem).getBytes(StandardCharsets.UTF_8))
                .add(ATTEMPTS_HEADER, Integer.toString(attempts).getBytes(StandardCharsets.UTF_8))
                .add(SOURCE_HEADER, (record.topic() + "/" + record.partition() + "/" + record.offset())
                        .getBytes(StandardCharsets.UTF_8));
        Duration pause = firstPause;
        while (true) {
            try {
                // Waited for: the offset is committed only once the dead letter is safely written.
                deadLetters.send(letter).get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException | KafkaException e) {
                log.error("Webhook record {}/{}/{} could not be dead-lettered ({}); trying again in {} ms",
                        record.topic(), record.partition(), record.offset(), e.toString(), pause.toMillis());
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }
}
