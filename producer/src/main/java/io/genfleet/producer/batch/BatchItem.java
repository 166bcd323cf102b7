package io.genfleet.producer.batch;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.request.Simulation;

/**
 * One item of an expanded storyboard, ready to be written.
 *
 * @param id       {@code {batchId}/{itemKey}}, the Kafka key of its request and status events
 * @param prompt   what to generate
 * @param simulate the simulated provider's behaviour for this item, or null
 */
public record BatchItem(ItemId id, String prompt, Simulation simulate) {
}
