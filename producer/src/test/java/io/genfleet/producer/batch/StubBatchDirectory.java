package io.genfleet.producer.batch;

import io.genfleet.producer.status.BatchDirectory;
import io.genfleet.producer.status.DirectoryUnavailableException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link BatchDirectory} double: knows the ids in {@link #known}, or is unavailable. */
public class StubBatchDirectory implements BatchDirectory {

    public final Set<String> known = ConcurrentHashMap.newKeySet();
    public final List<String> asked = new CopyOnWriteArrayList<>();
    public volatile boolean unavailable;

    @Override
    public boolean exists(String batchId) {
        asked.add(batchId);
        if (unavailable) {
            throw new DirectoryUnavailableException("the status service answered 502", null);
        }
        return known.contains(batchId);
    }

    public void reset() {
        known.clear();
        asked.clear();
        unavailable = false;
    }
}
