package io.genfleet.producer.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.SendResult;

/**
 * Runs groups of sends in Kafka transactions, at most {@code concurrent} at a time on reused transactional ids, the
 * way every write of the producer needs them: read_committed readers see all the sends of a transaction or none.
 *
 * <p>Every acknowledgement is awaited inside the transaction, before the commit. That is deliberate:
 * {@link KafkaTemplate#executeInTransaction} aborts when the callback throws, but when {@code commitTransaction}
 * itself throws (which is where an unchecked failed send would surface) it only closes the producer, leaving the
 * transaction open, and its partitions blocked for readers, until the broker times it out.
 */
public final class BoundedTransactions implements AutoCloseable {

    /** Every transactional producer stayed busy for the whole slot wait; nothing was sent. */
    public static final class NoFreeProducerException extends RuntimeException {
        NoFreeProducerException(Duration waited) {
            super("every transactional producer stayed busy for " + waited.toMillis() + " ms");
        }
    }

    /**
     * Kafka did not take the transaction. {@link #mayHaveCommitted()} is true when every send was acknowledged and
     * the commit itself failed: the broker may still have committed it.
     */
    public static final class TransactionFailedException extends RuntimeException {

        private final boolean mayHaveCommitted;

        TransactionFailedException(boolean mayHaveCommitted, Throwable cause) {
            super(rootMessage(cause), cause);
            this.mayHaveCommitted = mayHaveCommitted;
        }

        public boolean mayHaveCommitted() {
            return mayHaveCommitted;
        }
    }

    /** The sends of one transaction, each remembered so that all are awaited before the commit. */
    public static final class Sends {

        private final KafkaOperations<String, byte[]> operations;
        private final List<CompletableFuture<?>> acks = new ArrayList<>();

        private Sends(KafkaOperations<String, byte[]> operations) {
            this.operations = operations;
        }

        /** The partition count of {@code topic}, from the producer's metadata. */
        public int partitions(String topic) {
            return operations.partitionsFor(topic).size();
        }

        public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
            CompletableFuture<SendResult<String, byte[]>> ack = operations.send(record);
            acks.add(ack);
            return ack;
        }
    }

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> template;
    private final Semaphore slots;
    private final Duration slotWait;
    private final Duration ackWait;

    /**
     * @param producers  a transactional factory whose transactional ids are reused (bounded to {@code concurrent})
     * @param concurrent transactions at a time; further callers wait up to {@code slotWait} for a free producer
     * @param ackWait    how long to wait for all acknowledgements (a safety net over delivery.timeout.ms)
     */
    public BoundedTransactions(DefaultKafkaProducerFactory<String, byte[]> producers, int concurrent,
                               Duration slotWait, Duration ackWait) {
        this.producers = producers;
        this.template = new KafkaTemplate<>(producers);
        // Not a bean, so it cannot find the registry; Kafka's own client metrics (transaction and send times) are
        // published through the factory's MicrometerProducerListener instead.
        this.template.setMicrometerEnabled(false);
        // The default listener logs every failed send at ERROR with the record's contents (user prompts); callers
        // report a failure once, with what it belongs to.
        this.template.setProducerListener(new ProducerListener<>() {
        });
        this.slots = new Semaphore(concurrent, true);
        this.slotWait = slotWait;
        this.ackWait = ackWait;
    }

    /**
     * Runs the sends in one transaction and commits once all are acknowledged.
     *
     * @throws NoFreeProducerException    when no producer became free in time (nothing was sent)
     * @throws TransactionFailedException when Kafka refused a send or the commit
     */
    public void run(Consumer<Sends> writes) {
        acquireSlot();
        AtomicBoolean committing = new AtomicBoolean();
        try {
            template.executeInTransaction(operations -> {
                Sends sends = new Sends(operations);
                writes.accept(sends);
                operations.flush();
                awaitAll(sends.acks);
                committing.set(true);
                return null;
            });
        } catch (RuntimeException e) {
            throw new TransactionFailedException(committing.get(), e);
        } finally {
            slots.release();
        }
    }

    private void acquireSlot() {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(slotWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new NoFreeProducerException(slotWait);
        }
    }

    private void awaitAll(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(ackWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SendFailedException(e.getCause());
        } catch (TimeoutException e) {
            throw new SendFailedException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailedException(e);
        }
    }

    /** The innermost cause, as "Type: message", for logs and error details. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        producers.destroy();
    }

    /** Carries a send failure (with its Kafka cause) out of the transaction callback, which makes the template abort. */
    private static final class SendFailedException extends RuntimeException {
        SendFailedException(Throwable cause) {
            super(cause);
        }
    }
}
