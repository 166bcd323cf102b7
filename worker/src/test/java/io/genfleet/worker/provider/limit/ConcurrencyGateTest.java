package io.genfleet.worker.provider.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConcurrencyGateTest {

    private final List<Long> waits = new ArrayList<>();

    @Test
    void callsOverTheLimitWaitAndStartInOrderAsSlotsFree() {
        ConcurrencyGate gate = new ConcurrencyGate(2, waits::add);
        CompletableFuture<ConcurrencyGate.Slot> first = gate.acquire();
        CompletableFuture<ConcurrencyGate.Slot> second = gate.acquire();
        CompletableFuture<ConcurrencyGate.Slot> third = gate.acquire();
        CompletableFuture<ConcurrencyGate.Slot> fourth = gate.acquire();

        assertThat(first).isDone();
        assertThat(second).isDone();
        assertThat(third).isNotDone();
        assertThat(fourth).isNotDone();
        assertThat(gate.running()).isEqualTo(2);
        assertThat(gate.waiting()).isEqualTo(2);

        first.join().close();
        assertThat(third).isDone();
        assertThat(fourth).isNotDone();
        assertThat(gate.running()).isEqualTo(2);
        assertThat(waits).hasSize(3);
    }

    @Test
    void aSlotClosedTwiceFreesOnePlace() {
        ConcurrencyGate gate = new ConcurrencyGate(1, waits::add);
        ConcurrencyGate.Slot slot = gate.acquire().join();
        CompletableFuture<ConcurrencyGate.Slot> second = gate.acquire();
        CompletableFuture<ConcurrencyGate.Slot> third = gate.acquire();

        slot.close();
        slot.close();

        assertThat(second).isDone();
        assertThat(third).isNotDone();
        assertThat(gate.running()).isEqualTo(1);
    }

    @Test
    void aLargerShareStartsWaitingCallsAtOnceAndASmallerOneLetsRunningCallsFinish() {
        ConcurrencyGate gate = new ConcurrencyGate(1, waits::add);
        List<CompletableFuture<ConcurrencyGate.Slot>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(gate.acquire());
        }

        gate.setLimit(3);
        assertThat(calls.stream().filter(CompletableFuture::isDone)).hasSize(3);

        gate.setLimit(1);
        calls.get(0).join().close();
        calls.get(1).join().close();
        assertThat(calls.get(3)).as("two still run over the new limit of 1: no new start").isNotDone();
        calls.get(2).join().close();
        assertThat(calls.get(3)).isDone();
    }

    @Test
    void aWaiterThatGaveUpPassesItsSlotOn() {
        ConcurrencyGate gate = new ConcurrencyGate(1, waits::add);
        ConcurrencyGate.Slot running = gate.acquire().join();
        CompletableFuture<ConcurrencyGate.Slot> abandoned = gate.acquire();
        CompletableFuture<ConcurrencyGate.Slot> next = gate.acquire();
        abandoned.cancel(false);

        running.close();

        assertThat(next).isDone();
        assertThat(gate.running()).isEqualTo(1);
    }

    @Test
    void closingFailsTheWaitingCallsAndLaterOnes() {
        ConcurrencyGate gate = new ConcurrencyGate(1, waits::add);
        gate.acquire().join();
        CompletableFuture<ConcurrencyGate.Slot> waiting = gate.acquire();
        IllegalStateException stopping = new IllegalStateException("stopping");

        gate.close(stopping);

        assertThat(waiting).isCompletedExceptionally();
        assertThat(gate.acquire()).isCompletedExceptionally();
    }
}
