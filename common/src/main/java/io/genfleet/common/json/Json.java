package io.genfleet.common.json;

import java.time.Instant;
import java.util.Optional;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON configuration of genfleet, used for Kafka messages, state stores and HTTP answers
 * alike, so the same value is spelled the same way everywhere.
 */
public final class Json {

    /** ISO-8601 with exactly three fraction digits, as the contract asks for {@code at}. */
    public static final DateTimeFormatter INSTANT_FORMAT = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(module())
            // Unknown fields are tolerated so that a newer writer can add optional fields; a new
            // schemaVersion is what signals an incompatible change.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Serializers shared with the web layer (registered there as a bean). */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("genfleet");
        module.addSerializer(Instant.class, new MillisInstantSerializer());
        module.addDeserializer(Instant.class, new MillisInstantDeserializer());
        return module;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private static final class MillisInstantSerializer extends ValueSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(MillisInstants.format(value).orElseGet(() -> INSTANT_FORMAT.format(value)));
        }
    }

    /**
     * Reads genfleet's own spelling directly; every other form (other fraction lengths, offsets, numbers) goes to
     * Jackson's standard Instant deserializer, so what was accepted before still is, with the same errors.
     */
    private static final class MillisInstantDeserializer extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Optional<Instant> fast = MillisInstants.parse(parser.getString());
                if (fast.isPresent()) {
                    return fast.get();
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
