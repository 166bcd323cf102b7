package io.genfleet.worker.inflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightLimiterTest {

    @Test
    void neverGivesOutMorePermitsThanTheLimit() {
        InFlightLimiter limiter = new InFlightLimiter(3);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        assertThat(limiter.inFlight()).isEqualTo(3);
        limiter.release();
        assertThat(limiter.inFlight()).isEqualTo(2);
        assertThat(limiter.tryAcquire()).isTrue();
    }

    @Test
    void anEndedCallFreesACallPermitWhileTheUnsettledBoundStillHolds() {
        InFlightLimiter limiter = new InFlightLimiter(1);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).as("one call at a time").isFalse();
        limiter.callEnded();
        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.tryAcquire()).as("the next call starts before the first outcome is durable").isTrue();
        limiter.callEnded();
        assertThat(limiter.unsettled()).isEqualTo(2);
        assertThat(limiter.tryAcquire()).as("two unsettled records per call permit at most").isFalse();
        assertThat(limiter.inFlight()).as("a refused acquire takes nothing").isZero();
        limiter.settled();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.unsettled()).isEqualTo(2);
    }

    @Test
    void anEndedCallWakesAWaitingLoop() {
        InFlightLimiter limiter = new InFlightLimiter(1);
        limiter.tryAcquire();
        AtomicInteger wakeUps = new AtomicInteger();
        limiter.wakeWhenAvailable(wakeUps::incrementAndGet);
        limiter.callEnded();
        assertThat(wakeUps).hasValue(1);
    }

    @Test
    void aWaitingLoopIsWokenOnceByTheNextRelease() {
        InFlightLimiter limiter = new InFlightLimiter(1);
        limiter.tryAcquire();
        AtomicInteger wakeUps = new AtomicInteger();
        Runnable wakeUp = wakeUps::incrementAndGet;
        limiter.wakeWhenAvailable(wakeUp);
        limiter.wakeWhenAvailable(wakeUp);
        assertThat(wakeUps).as("no permit yet").hasValue(0);
        limiter.release();
        assertThat(wakeUps).as("woken once, however often it registered").hasValue(1);
        limiter.tryAcquire();
        limiter.release();
        assertThat(wakeUps).as("a wake-up is used up").hasValue(1);
    }

    @Test
    void registeringWhileAPermitIsFreeWakesAtOnce() {
        InFlightLimiter limiter = new InFlightLimiter(2);
        AtomicInteger wakeUps = new AtomicInteger();
        limiter.wakeWhenAvailable(wakeUps::incrementAndGet);
        assertThat(wakeUps).hasValue(1);
    }
}
