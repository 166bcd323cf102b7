package io.genfleet.aggregator.topology;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Releases held items (a scene's video waiting for the scene's images) from the aggregator's processor, after each
 * change of an item. It runs in the same task and transaction as the change, so what it writes — the released
 * request, the {@code releasedEpoch} mark in the held item's state, a {@code dependency_failed} event — commits
 * atomically with the input offset: after a crash the whole step is redone or not at all, and a dependency
 * completing twice finds the mark and releases nothing.
 *
 * <p>Who waits for an item follows from its key ({@link ItemKey#possibleDependent()}): one store read per
 * completion, whatever the batch's size.
 */
final class DependencyRelease {

    /** What the release step does to the world; implemented by the processor. */
    interface Effects {

        /** Applies a status event the aggregator decided, to the stores and to the status topic. */
        void decide(StatusEvent event);

        /** Publishes a released request to its lane topic. */
        void release(GenerationRequest request);
    }

    private final KeyValueStore<String, ItemState> items;
    private final Effects effects;

    DependencyRelease(KeyValueStore<String, ItemState> items, Effects effects) {
        this.items = items;
        this.effects = effects;
    }

    /** Called after {@code event} moved an item from {@code before} (null when new) to {@code after}. */
    void afterChange(ItemState before, ItemState after, StatusEvent event) {
        // A held item (submitted, or held again by retry-failed) became the head of a new pending epoch.
        if (event.hold() != null && after.hold() != null && after.status() == ItemStatus.PENDING
                && after.epoch() == event.epoch()) {
            evaluate(after, event.at());
        }
        if (becameTerminal(before, after)) {
            ItemKey.parse(after.itemKey()).possibleDependent().ifPresent(dependent -> {
                ItemState waiting = items.get(key(after.batchId(), dependent.toString()));
                if (waiting != null && waiting.hold() != null
                        && waiting.hold().dependsOn().contains(after.itemKey())) {
                    evaluate(waiting, event.at());
                }
            });
        }
    }

    private static boolean becameTerminal(ItemState before, ItemState after) {
        boolean terminal = after.status() == ItemStatus.COMPLETE || after.status() == ItemStatus.FAILED_PERMANENT;
        return terminal && (before == null || before.status() != after.status() || before.epoch() != after.epoch());
    }

    private void evaluate(ItemState held, Instant at) {
        if (!held.awaitsRelease()) {
            return;
        }
        List<String> waitingFor = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (String dependency : held.hold().dependsOn()) {
            ItemState state = items.get(key(held.batchId(), dependency));
            if (state != null && state.status() == ItemStatus.FAILED_PERMANENT) {
                effects.decide(StatusEvent.failedPermanent(ItemId.of(held.batchId(), held.itemKey()), held.epoch(), 1, at,
                        new ItemError(ErrorType.DEPENDENCY_FAILED, dependency + " ended failed_permanent"
                                + (state.lastError() == null ? "" : " (" + state.lastError().type() + ": "
                                + state.lastError().message() + ")"))));
                return;
            }
            if (state == null || state.status() != ItemStatus.COMPLETE) {
                waitingFor.add(dependency);
            } else {
                inputs.add(state.resultUri());
            }
        }
        String key = key(held.batchId(), held.itemKey());
        if (waitingFor.isEmpty()) {
            effects.release(held.hold().request().released(held.epoch(), held.priorProviderAttempts(), inputs, at));
            items.put(key, held.released());
        } else if (!waitingFor.equals(held.waitingFor())) {
            items.put(key, held.waitingFor(waitingFor));
        }
    }

    private static String key(String batchId, String itemKey) {
        return batchId + "/" + itemKey;
    }
}
