package io.genfleet.worker.provider;

import io.genfleet.common.item.Lane;
import io.genfleet.common.metrics.GenfleetMeter;
import io.genfleet.worker.WorkerSettings;
import io.genfleet.worker.provider.limit.LaneLimits;
import io.genfleet.worker.provider.limit.ProviderLimits;
import io.genfleet.worker.result.ResultStoreSettings;
import io.genfleet.worker.result.ResultStores;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provider the worker calls: per lane, the one {@code genfleet.providers.<lane>.type} names (the simulated
 * one by default) behind one {@link LaneProviders}, a real one reporting to its lane's circuit breaker; with the
 * call log when {@code genfleet.worker.provider.call-log} is set; under each lane's time limit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProvidersSettings.class, ResultStoreSettings.class})
class ProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProviderConfiguration.class);

    /** The lanes' circuit breakers, also asked by the consumer loops before they start a record. */
    @Bean
    ProviderBreakers workerProviderBreakers(ProvidersSettings providers, ObjectProvider<MeterRegistry> registries) {
        ProviderBreakers breakers = ProviderBreakers.of(providers);
        MeterRegistry registry = registries.getIfAvailable(SimpleMeterRegistry::new);
        for (Lane lane : Lane.values()) {
            // Every lane has the series (0 without a breaker), so the open-breaker alert always has data to read.
            ProviderBreaker breaker = breakers.of(lane).orElse(null);
            GenfleetMeter.PROVIDER_BREAKER_STATE.gauge(registry, () -> breaker == null ? 0 : breaker.stateCode(),
                    lane.wireName());
        }
        return breakers;
    }

    /** The lanes' fleet-wide rate limits and concurrency caps, this process's shares of them. */
    @Bean
    ProviderLimits workerProviderLimits(ProvidersSettings providers, ObjectProvider<MeterRegistry> registries) {
        MeterRegistry registry = registries.getIfAvailable(SimpleMeterRegistry::new);
        Map<Lane, LaneLimits> lanes = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            LaneProviderSettings settings = providers.of(lane);
            Double rate = settings.rateLimit().limited() ? settings.rateLimit().requestsPerSecond() : null;
            if (rate == null && settings.maxConcurrency() == null) {
                continue;
            }
            String type = settings.type().wireName();
            Timer rateWaits = GenfleetMeter.PROVIDER_LIMIT_WAITS.timer(registry, lane.wireName(), type, "rate");
            Timer slotWaits = GenfleetMeter.PROVIDER_LIMIT_WAITS.timer(registry, lane.wireName(), type, "concurrency");
            lanes.put(lane, new LaneLimits(lane.wireName(), rate, settings.maxConcurrency(),
                    nanos -> rateWaits.record(nanos, TimeUnit.NANOSECONDS),
                    nanos -> slotWaits.record(nanos, TimeUnit.NANOSECONDS)));
            log.info("Lane {} provider limits over the fleet: requests/s {}, calls at once {}", lane,
                    rate == null ? "unlimited" : rate, settings.maxConcurrency() == null ? "uncapped" : settings.maxConcurrency());
        }
        return new ProviderLimits(lanes);
    }

    /** The result store, made when a lane first needs it; closed with the application (an S3 client's threads). */
    @Bean(destroyMethod = "close")
    ResultStores workerResultStores(ResultStoreSettings results) {
        return new ResultStores(results);
    }

    /** Closed by Spring through its inferred {@code close()} (the http-job pollers, the call log's file). */
    @Bean
    GenerationProvider workerGenerationProvider(WorkerSettings settings, ProvidersSettings providers,
                                                ResultStores workerResultStores, ProviderBreakers workerProviderBreakers,
                                                ProviderLimits workerProviderLimits,
                                                ObjectProvider<MeterRegistry> registries) {
        MeterRegistry registry = registries.getIfAvailable(SimpleMeterRegistry::new);
        SimulatedProvider simulated = new SimulatedProvider(settings.provider());
        // The store is made only when a lane stores results: a simulated fleet leaves no trace on disk.
        ProviderFactory factory = new ProviderFactory(simulated, workerResultStores, Clock.systemUTC(), lane -> (status, nanos) ->
                GenfleetMeter.PROVIDER_REQUESTS.timer(registry, lane.wireName(), status)
                        .record(nanos, TimeUnit.NANOSECONDS), workerProviderLimits);
        Map<Lane, AsyncGenerationProvider> byLane = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            LaneProviderSettings laneSettings = providers.of(lane);
            AsyncGenerationProvider provider = factory.create(lane, laneSettings);
            byLane.put(lane, workerProviderBreakers.of(lane).map(breaker -> breaker.guard(provider)).orElse(provider));
            if (laneSettings.type() != ProviderType.SIMULATED) {
                log.info("Lane {} calls {} at {} (model {}), results in {}", lane, laneSettings.type(),
                        laneSettings.effectiveBaseUrl(), laneSettings.model(), workerResultStores.describe());
            }
        }
        LaneProviders laneProviders = new LaneProviders(byLane);
        Path callLog = settings.provider().callLog();
        return callLog == null ? laneProviders : ProviderCallLog.wrap(laneProviders, callLog);
    }

    @Bean(destroyMethod = "close")
    ProviderInvoker workerProviderInvoker(GenerationProvider workerGenerationProvider, WorkerSettings settings,
                                          ProvidersSettings providers, ProviderLimits workerProviderLimits) {
        Map<Lane, Duration> timeouts = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            timeouts.put(lane, providers.of(lane).attemptTimeout(settings.provider().timeout()));
        }
        return new ProviderInvoker(workerGenerationProvider, timeouts::get,
                lane -> workerProviderLimits.of(lane).concurrency());
    }
}
