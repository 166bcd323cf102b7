package io.genfleet.aggregator.topology.codec;

import io.genfleet.common.json.Json;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.HistoryEntry;
import io.genfleet.common.status.Hold;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ItemState} in the compact format, every field in declaration order. Statuses are written as their phase
 * (stable: it is what orders events), error types by their wire name (rare, and readable in a hex dump). A
 * {@link Hold} is rare (a scene's video) and carries a whole request, so it is embedded as its JSON.
 */
final class ItemStateCodec implements ValueCodec<ItemState> {

    @Override
    public void write(ItemState item, CompactWriter out) {
        out.writeString(item.batchId()).writeString(item.itemKey());
        writeStatus(item.status(), out);
        out.writeVarint(item.epoch() + 1L).writeVarint(item.attempt()).writeInstant(item.updatedAt());
        writeError(item.lastError(), out);
        writeOrder(item.lastErrorOrder(), out);
        out.writeString(item.resultUri()).writeInstant(item.nextRetryAt());
        out.writeVarint(item.maxAttemptByEpoch().size());
        item.maxAttemptByEpoch().forEach((epoch, attempt) -> out.writeVarint(epoch).writeVarint(attempt));
        out.writeVarint(item.history().size());
        for (HistoryEntry entry : item.history()) {
            writeStatus(entry.status(), out);
            out.writeVarint(entry.epoch()).writeVarint(entry.attempt()).writeInstant(entry.at());
            writeError(entry.error(), out);
            out.writeInstant(entry.nextRetryAt());
        }
        DeadLetterRef deadLetter = item.deadLetter();
        if (deadLetter == null) {
            out.writeString(null);
        } else {
            out.writeString(deadLetter.topic()).writeVarint(deadLetter.partition()).writeVarint(deadLetter.offset());
        }
        out.writeBytes(item.hold() == null ? null : Json.write(item.hold()));
        out.writeVarint(item.waitingFor().size());
        item.waitingFor().forEach(out::writeString);
        out.writeOptionalSigned(item.releasedEpoch() == null ? null : item.releasedEpoch().longValue());
        out.writeString(item.contentType()).writeOptionalSigned(item.sizeBytes());
    }

    @Override
    public ItemState read(CompactReader in) {
        String batchId = in.readString();
        String itemKey = in.readString();
        ItemStatus status = readStatus(in);
        int epoch = in.readInt() - 1;
        int attempt = in.readInt();
        Instant updatedAt = in.readInstant();
        ItemError lastError = readError(in);
        StatusOrder lastErrorOrder = readOrder(in);
        String resultUri = in.readString();
        Instant nextRetryAt = in.readInstant();
        Map<Integer, Integer> maxAttemptByEpoch = new TreeMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            maxAttemptByEpoch.put(in.readInt(), in.readInt());
        }
        int historySize = in.readInt();
        List<HistoryEntry> history = new ArrayList<>(Math.min(historySize, 64));
        for (int i = 0; i < historySize; i++) {
            history.add(new HistoryEntry(readStatus(in), in.readInt(), in.readInt(), in.readInstant(), readError(in),
                    in.readInstant()));
        }
        String deadLetterTopic = in.readString();
        DeadLetterRef deadLetter = deadLetterTopic == null ? null
                : new DeadLetterRef(deadLetterTopic, in.readInt(), in.readVarint());
        byte[] holdJson = in.readBytes();
        Hold hold = holdJson == null ? null : Json.mapper().readValue(holdJson, Hold.class);
        int waitingSize = in.readInt();
        List<String> waitingFor = new ArrayList<>(Math.min(waitingSize, 64));
        for (int i = 0; i < waitingSize; i++) {
            waitingFor.add(in.readString());
        }
        Long releasedEpoch = in.readOptionalSigned();
        String contentType = in.readString();
        Long sizeBytes = in.readOptionalSigned();
        return new ItemState(batchId, itemKey, status, epoch, attempt, updatedAt, lastError, lastErrorOrder, resultUri,
                nextRetryAt, maxAttemptByEpoch, history, deadLetter, hold, waitingFor,
                releasedEpoch == null ? null : Math.toIntExact(releasedEpoch), contentType, sizeBytes);
    }

    /** 0 for none (the state before an item's first event), else the phase + 1. */
    private static void writeStatus(ItemStatus status, CompactWriter out) {
        out.writeVarint(status == null ? 0 : status.phase() + 1L);
    }

    private static ItemStatus readStatus(CompactReader in) {
        int code = in.readInt();
        return code == 0 ? null : ItemStatus.ofPhase(code - 1);
    }

    private static void writeError(ItemError error, CompactWriter out) {
        if (error == null) {
            out.writeString(null);
        } else {
            out.writeString(error.type().wireName()).writeString(error.message());
        }
    }

    private static ItemError readError(CompactReader in) {
        String type = in.readString();
        return type == null ? null : new ItemError(ErrorType.fromWireName(type), in.readString());
    }

    private static void writeOrder(StatusOrder order, CompactWriter out) {
        if (order == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1).writeVarint(order.epoch()).writeVarint(order.attempt()).writeVarint(order.phase());
        }
    }

    private static StatusOrder readOrder(CompactReader in) {
        return in.readByte() == 0 ? null : new StatusOrder(in.readInt(), in.readInt(), in.readInt());
    }
}
