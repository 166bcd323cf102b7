package io.genfleet.aggregator.topology.codec;

import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** {@link BatchSummary} in the compact format: the counts as (status phase, count) pairs. */
final class BatchSummaryCodec implements ValueCodec<BatchSummary> {

    @Override
    public void write(BatchSummary summary, CompactWriter out) {
        out.writeString(summary.batchId()).writeSigned(summary.total());
        out.writeVarint(summary.counts().size());
        summary.counts().forEach((status, count) -> out.writeVarint(status.phase()).writeSigned(count));
        out.writeSigned(summary.retries())
                .writeInstant(summary.updatedAt())
                .writeInstant(summary.startedAt())
                .writeInstant(summary.completedAt())
                .writeVarint(summary.announcedTotal());
    }

    @Override
    public BatchSummary read(CompactReader in) {
        String batchId = in.readString();
        int total = Math.toIntExact(in.readSigned());
        Map<ItemStatus, Integer> counts = new EnumMap<>(ItemStatus.class);
        for (int i = in.readInt(); i > 0; i--) {
            counts.put(ItemStatus.ofPhase(in.readInt()), Math.toIntExact(in.readSigned()));
        }
        int retries = Math.toIntExact(in.readSigned());
        Instant updatedAt = in.readInstant();
        Instant startedAt = in.readInstant();
        Instant completedAt = in.readInstant();
        return new BatchSummary(batchId, total, counts, retries, updatedAt, startedAt, completedAt, in.readInt());
    }
}
