package io.genfleet.aggregator.webhook;

import io.genfleet.common.json.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
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

    private final WebhookSender sender;
    private final Producer<String, byte[]> deadLetters;
    private final String deadLetterTopic;
    private final WebhookMetrics metrics;

    WebhookDeliverer(WebhookSender sender, Producer<String, byte[]> deadLetters, String deadLetterTopic,
                     WebhookMetrics metrics) {
        this.sender = sender;
        this.deadLetters = deadLetters;
        this.deadLetterTopic = deadLetterTopic;
        this.metrics = metrics;
    }

    /**
     * @return true when the delivery ended (delivered, or recorded as undeliverable): its offset may be committed;
     *         false when the dead letter could not be written (the record is delivered again after a restart)
     * @throws InterruptedException on shutdown: the delivery has not ended
     */
    boolean deliver(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        WebhookDelivery delivery;
        try {
            delivery = WebhookDelivery.SERDE.read(record.value());
        } catch (InvalidMessageException e) {
            metrics.unreadable();
            return deadLetter(record, "unreadable: " + e.getMessage(), 0);
        }
        WebhookSender.Outcome outcome = sender.send(delivery.url(), delivery.event());
        metrics.ended(delivery.event().type(), outcome);
        if (outcome.delivered()) {
            log.debug("Webhook {} delivered to {} after {} attempt(s)", delivery.event().id(), delivery.url(),
                    outcome.attempts());
            return true;
        }
        log.warn("Webhook {} to {} is undeliverable after {} attempts: {}", delivery.event().id(), delivery.url(),
                outcome.attempts(), outcome.lastProblem());
        return deadLetter(record, outcome.lastProblem(), outcome.attempts());
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, String problem, int attempts)
            throws InterruptedException {
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
        letter.headers().add(PROBLEM_HEADER, String.valueOf(problem).getBytes(StandardCharsets.UTF_8))
                .add(ATTEMPTS_HEADER, Integer.toString(attempts).getBytes(StandardCharsets.UTF_8))
                .add(SOURCE_HEADER, (record.topic() + "/" + record.partition() + "/" + record.offset())
                        .getBytes(StandardCharsets.UTF_8));
        try {
            // Waited for: the offset is committed only once the dead letter is safely written.
            deadLetters.send(letter).get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.error("Webhook record {}/{}/{} could not be dead-lettered; it is delivered again after a restart: {}",
                    record.topic(), record.partition(), record.offset(), e.toString());
            return false;
        }
    }
}
