package io.genfleet.worker.retry;

import java.time.Duration;
import java.util.List;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The configured delays ({@code genfleet.topics.retry-delays}) as they are, one per retry. Unlike an
 * exponential backoff this has no hidden cap (spring-kafka's caps at 30 s without {@code maxDelay}).
 */
final class ListedBackOff implements BackOff {

    private final List<Long> delaysMillis;

    ListedBackOff(List<Duration> delays) {
        this.delaysMillis = delays.stream().map(Duration::toMillis).toList();
    }

    @Override
    public BackOffExecution start() {
        return new BackOffExecution() {
            private int next;

            @Override
            public long nextBackOff() {
                return next < delaysMillis.size() ? delaysMillis.get(next++) : STOP;
            }
        };
    }
}
