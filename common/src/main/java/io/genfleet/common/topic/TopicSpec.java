package io.genfleet.common.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its key and value: the only way genfleet code names a topic.
 *
 * @param name       the full topic name, prefix included
 * @param keySerde   the key serde
 * @param valueSerde the value serde
 */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
}
