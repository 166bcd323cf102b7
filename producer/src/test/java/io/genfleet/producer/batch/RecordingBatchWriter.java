package io.genfleet.producer.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link BatchWriter} double: records committed batches; can fail or block the next write. */
public class RecordingBatchWriter implements BatchWriter {

    private final List<Batch> batches = new ArrayList<>();
    private RuntimeException nextFailure;
    private CountDownLatch entered;
    private CountDownLatch release;

    @Override
    public void write(Batch batch) {
        RuntimeException failure;
        CountDownLatch enteredNow;
        CountDownLatch releaseNow;
        synchronized (this) {
            failure = nextFailure;
            nextFailure = null;
            enteredNow = entered;
            releaseNow = release;
            entered = null;
            release = null;
        }
        if (enteredNow != null) {
            enteredNow.countDown();
            try {
                if (!releaseNow.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test never released the writer");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        synchronized (this) {
            batches.add(batch);
        }
    }

    public synchronized List<Batch> batches() {
        return List.copyOf(batches);
    }

    public synchronized void failNext(RuntimeException failure) {
        nextFailure = failure;
    }

    /** The next write signals {@code entered} and waits for {@code release}. */
    public synchronized void blockWith(CountDownLatch entered, CountDownLatch release) {
        this.entered = entered;
        this.release = release;
    }

    public synchronized void reset() {
        batches.clear();
        nextFailure = null;
        entered = null;
        release = null;
    }
}
