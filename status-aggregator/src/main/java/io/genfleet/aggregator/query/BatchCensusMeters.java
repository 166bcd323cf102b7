package io.genfleet.aggregator.query;

import io.genfleet.aggregator.AggregatorSettings;
import io.genfleet.common.metrics.GenfleetMeter;
import io.genfleet.common.status.ItemStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code genfleet.batches.active} and {@code genfleet.items{status}} from a census of the batch
 * store, refreshed every {@code genfleet.aggregator.census-interval} off the request path (a scrape only
 * reads the last census). The census keeps its last value while Streams cannot answer, rather than dropping
 * to zero.
 */
@Component("aggregatorBatchCensusMeters")
class BatchCensusMeters implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchCensusMeters.class);

    private final LocalStatusQueryService query;
    private final MeterRegistry registry;
    private final Duration interval;
    private volatile BatchCensus census = BatchCensus.EMPTY;
    private ScheduledExecutorService scheduler;

    BatchCensusMeters(LocalStatusQueryService query, ObjectProvider<MeterRegistry> registry,
                      AggregatorSettings settings) {
        this.query = query;
        this.registry = registry.getIfAvailable();
        this.interval = settings.censusInterval();
    }

    void refresh() {
        try {
            census = query.census();
        } catch (StatusUnavailableException e) {
            // Keep the last census; the streams-state gauge tells why it is not moving.
        } catch (RuntimeException e) {
            log.warn("Batch census failed: {}", e.toString());
        }
    }

    BatchCensus census() {
        return census;
    }

    @Override
    public synchronized void start() {
        if (registry == null || scheduler != null) {
            return;
        }
        GenfleetMeter.BATCHES_ACTIVE.gauge(registry, () -> census.activeBatches());
        for (ItemStatus status : ItemStatus.values()) {
            GenfleetMeter.ITEMS.gauge(registry, () -> census.items(status), status.wireName());
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aggregator-census");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
