package io.genfleet.producer.claim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.genfleet.common.json.JsonSerde;
import io.genfleet.common.json.Versioned;
import io.genfleet.producer.requeue.RequeueSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One record of the replay-claims topic, keyed by what is claimed (see {@link Claim}).
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param type          {@code claim}, {@code release} (the claimant wrote nothing and gives the key back) or
 *                      {@code fulfilled} (written in the requeue transaction itself, so it exists exactly when
 *                      the requeue was committed)
 * @param claimId       unique per claim; release and fulfilled name the claim they close
 * @param source        {@code retry_failed} or {@code dlt_replay}, for operators reading the topic
 * @param at            when the claimant wrote it (its clock); decides lease expiry, see {@link ClaimLedger}
 */
public record ClaimRecord(int schemaVersion, Type type, String claimId, String source, Instant at)
        implements Versioned {

    public static final int SCHEMA_VERSION = 1;
    public static final JsonSerde<ClaimRecord> SERDE = new JsonSerde<>(ClaimRecord.class, SCHEMA_VERSION);

    public ClaimRecord {
        if (type == null || claimId == null || claimId.isBlank() || at == null) {
            throw new IllegalArgumentException("a claim record needs type, claimId and at");
        }
        at = at.truncatedTo(ChronoUnit.MILLIS);
    }

    public static ClaimRecord of(Type type, String claimId, RequeueSource source, Instant at) {
        return new ClaimRecord(SCHEMA_VERSION, type, claimId, source.tag(), at);
    }

    public enum Type {
        CLAIM, RELEASE, FULFILLED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Type fromWireName(String value) {
            for (Type type : values()) {
                if (type.wireName().equals(value)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown claim record type '" + value + "'");
        }
    }
}
