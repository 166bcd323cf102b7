package io.genfleet.producer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.genfleet.producer.ProducerMetrics;
import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.status.DirectoryUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;


class BatchSubmissionTest {

    private final StubBatchDirectory directory = new StubBatchDirectory();
    private final RecordingBatchWriter writer = new RecordingBatchWriter();
    private final RecordingOwnership ownership = new RecordingOwnership();
    private final BatchSubmission submission = new BatchSubmission(
            new BatchRequestValidator(ProducerSettings.defaults()), new StoryboardExpander(), new BatchIdGuard(),
            directory, writer, ownership, new ProducerMetrics(new SimpleMeterRegistry()));

    /** Claims as another replica would contest them: ids in {@code takenElsewhere} are lost. */
    static final class RecordingOwnership implements BatchOwnership {
        final java.util.Set<String> takenElsewhere = new java.util.HashSet<>();
        final java.util.List<String> events = new java.util.ArrayList<>();

        @Override
        public Owned claim(String batchId) {
            if (takenElsewhere.contains(batchId)) {
                events.add("lost " + batchId);
                throw new BatchExistsException(batchId, "batch '" + batchId + "' is taken by another instance");
            }
            events.add("claimed " + batchId);
            return new Owned(batchId, "c-" + batchId);
        }

        @Override
        public void fulfilled(Owned owned) {
            events.add("fulfilled " + owned.batchId());
        }

        @Override
        public void release(Owned owned) {
            events.add("released " + owned.batchId());
        }
    }

    @Test
    void aClientChosenIdIsClaimedBeforeTheWriteAndFulfilledAfterIt() {
        submission.submit(Storyboards.of("mine", 1, 0, false));
        submission.submit(Storyboards.of(null, 1, 0, false));

        assertThat(ownership.events).as("generated ids are not claimed").containsExactly("claimed mine", "fulfilled mine");
    }

    @Test
    void anIdClaimedByAnotherReplicaIsAConflictAndNothingIsWritten() {
        ownership.takenElsewhere.add("contested");

        assertThatThrownBy(() -> submission.submit(Storyboards.of("contested", 1, 0, false)))
                .isInstanceOf(BatchExistsException.class);
        assertThat(writer.batches()).isEmpty();
    }

    @Test
    void aWriteThatCertainlyFailedReleasesTheClaim() {
        writer.failNext(new BatchNotWrittenException("b9", true, "broker down", null));

        assertThatThrownBy(() -> submission.submit(Storyboards.of("b9", 1, 0, false)))
                .isInstanceOf(BatchNotWrittenException.class);
        assertThat(ownership.events).containsExactly("claimed b9", "released b9");
    }

    @Test
    void generatesABatchIdWhenAbsentWithoutAskingTheDirectory() {
        directory.unavailable = true; // a generated id needs no check, so the aggregator may be down

        BatchAccepted accepted = submission.submit(Storyboards.of(null, 2, 0, true));

        assertThat(accepted.batchId()).matches("b-[0-9a-f]{32}");
        assertThat(accepted.total()).isEqualTo(4);
        assertThat(directory.asked).isEmpty();
        assertThat(writer.batches()).singleElement().extracting(Batch::batchId).isEqualTo(accepted.batchId());
    }

    @Test
    void refusesAnIdTheDirectoryKnowsAndWritesNothing() {
        directory.known.add("taken");

        assertThatThrownBy(() -> submission.submit(Storyboards.of("taken", 1, 0, false)))
                .isInstanceOf(BatchExistsException.class);
        assertThat(writer.batches()).isEmpty();
    }

    @Test
    void refusesWhenTheDirectoryCannotTellAndReleasesTheId() {
        directory.unavailable = true;

        assertThatThrownBy(() -> submission.submit(Storyboards.of("b1", 1, 0, false)))
                .isInstanceOf(DirectoryUnavailableException.class);
        directory.unavailable = false;
        assertThat(submission.submit(Storyboards.of("b1", 1, 0, false)).batchId()).isEqualTo("b1");
    }

    @Test
    void aFailedWriteReleasesTheIdForARetry() {
        writer.failNext(new BatchNotWrittenException("b1", true, "broker down", null));

        assertThatThrownBy(() -> submission.submit(Storyboards.of("b1", 1, 0, false)))
                .isInstanceOf(BatchNotWrittenException.class);
        assertThat(submission.submit(Storyboards.of("b1", 1, 0, false)).total()).isEqualTo(1);
    }

    @Test
    void anAcceptedIdIsRefusedBeforeTheAggregatorKnowsIt() {
        submission.submit(Storyboards.of("b1", 1, 0, false));
        // The aggregator has not read the pending events yet: the directory still says 404.

        assertThatThrownBy(() -> submission.submit(Storyboards.of("b1", 1, 0, false)))
                .isInstanceOf(BatchExistsException.class).hasMessageContaining("already exists");
        assertThat(writer.batches()).hasSize(1);
    }

    @Test
    void twoConcurrentRequestsForOneIdCannotBothPass() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        writer.blockWith(writing, release);
        CompletableFuture<BatchAccepted> first = CompletableFuture.supplyAsync(
                () -> submission.submit(Storyboards.of("same", 1, 0, false)));
        assertThat(writing.await(10, TimeUnit.SECONDS)).as("first request reached the writer").isTrue();

        // The first is mid-transaction; the second must not reach the writer.
        assertThatThrownBy(() -> submission.submit(Storyboards.of("same", 1, 0, false)))
                .isInstanceOf(BatchExistsException.class).hasMessageContaining("being submitted");
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).alias("first submission completes").until(first::isDone);
        assertThat(first.get().batchId()).isEqualTo("same");
        assertThat(writer.batches()).hasSize(1);
    }
}
