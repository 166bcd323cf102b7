package io.genfleet.aggregator.query;

import org.apache.kafka.streams.state.HostInfo;

/**
 * The instance holding the active copy of a key's store partition.
 *
 * @param host      its {@code application.server}
 * @param partition the store partition of the key
 * @param local     the host is this instance
 */
record KeyOwner(HostInfo host, int partition, boolean local) {
}
