package io.genfleet.producer.retryfailed;

import io.genfleet.common.item.ItemId;
import io.genfleet.producer.requeue.RequeueFailedException;
import io.genfleet.producer.requeue.Requeuer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Records what would be requeued; items listed in {@link #claimed} lose their claim. */
public class RecordingRequeuer implements Requeuer {

    public final List<List<Candidate>> calls = new ArrayList<>();
    public final Set<String> claimed = new HashSet<>();
    public RequeueFailedException failure;

    public synchronized void reset() {
        calls.clear();
        claimed.clear();
        failure = null;
    }

    @Override
    public synchronized Outcome requeue(List<Candidate> candidates) {
        calls.add(List.copyOf(candidates));
        if (failure != null) {
            throw failure;
        }
        List<ItemId> requeued = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Candidate candidate : candidates) {
            String key = candidate.item().itemKey().toString();
            if (claimed.add(key)) {
                requeued.add(candidate.item());
            } else {
                skipped.add(new Skipped(key, "epoch " + (candidate.epoch() + 1) + " is already claimed"));
            }
        }
        return new Outcome("replay-1", requeued, skipped);
    }
}
