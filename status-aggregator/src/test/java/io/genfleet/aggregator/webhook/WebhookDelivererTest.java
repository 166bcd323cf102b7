package io.genfleet.aggregator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A dead letter that cannot be written at first is written later; the delivery ends only then. */
class WebhookDelivererTest {

    @Test
    void aFailedDeadLetterWriteIsTriedAgainUntilItIsWritten() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        // An unreadable record goes straight to the dead-letter topic, without calling any receiver.
        WebhookDeliverer deliverer = new WebhookDeliverer(null, producer, "genfleet.webhooks-dlt",
                new WebhookMetrics(new SimpleMeterRegistry()), Duration.ofMillis(20));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("genfleet.webhooks", 0, 7, "b-1",
                "not json".getBytes(StandardCharsets.UTF_8));

        CompletableFuture<Void> delivery = CompletableFuture.runAsync(() -> {
            try {
                deliverer.deliver(record);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        awaitSend(producer::errorNext, new TimeoutException("broker away"));
        assertThat(delivery).as("not ended while the dead letter is not written").isNotDone();
        awaitSend(e -> producer.completeNext(), null);

        delivery.get(10, TimeUnit.SECONDS);
        assertThat(producer.history()).last().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("genfleet.webhooks-dlt");
            assertThat(new String(letter.headers().lastHeader(WebhookDeliverer.SOURCE_HEADER).value(),
                    StandardCharsets.UTF_8)).isEqualTo("genfleet.webhooks/0/7");
        });
    }

    private interface SendOutcome {
        boolean apply(RuntimeException error);
    }

    /** Completes the next pending send as soon as there is one. */
    private static void awaitSend(SendOutcome outcome, RuntimeException error) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!outcome.apply(error)) {
            assertThat(System.nanoTime()).as("a send within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
