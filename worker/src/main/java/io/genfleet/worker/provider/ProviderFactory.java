package io.genfleet.worker.provider;

import io.genfleet.common.item.Lane;
import io.genfleet.worker.provider.http.ApiKeys;
import io.genfleet.worker.provider.http.ProviderHttp;
import io.genfleet.worker.provider.httpjob.HttpJobProvider;
import io.genfleet.worker.provider.httpjob.HttpJobSettings;
import io.genfleet.worker.provider.limit.ProviderLimits;
import io.genfleet.worker.provider.openai.OpenAiImagesProvider;
import io.genfleet.worker.result.ResultStore;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Builds a lane's provider from its settings ({@code genfleet.providers.<lane>.*}). */
public final class ProviderFactory {

    private final SimulatedProvider simulated;
    private final Supplier<ResultStore> store;
    private final Clock clock;
    private final Function<Lane, ProviderHttp.ExchangeObserver> observers;
    private final ProviderLimits limits;

    /**
     * @param store     the result store, asked for only when a lane calls a real provider
     * @param observers the observer of each lane's HTTP exchanges (metrics)
     */
    public ProviderFactory(SimulatedProvider simulated, Supplier<ResultStore> store, Clock clock,
                           Function<Lane, ProviderHttp.ExchangeObserver> observers) {
        this(simulated, store, clock, observers, ProviderLimits.none());
    }

    /** @param limits the lanes' request rates, which every HTTP request of a lane's provider waits for */
    public ProviderFactory(SimulatedProvider simulated, Supplier<ResultStore> store, Clock clock,
                           Function<Lane, ProviderHttp.ExchangeObserver> observers, ProviderLimits limits) {
        this.limits = limits;
        this.simulated = simulated;
        this.store = store;
        this.clock = clock;
        this.observers = observers;
    }

    public AsyncGenerationProvider create(Lane lane, LaneProviderSettings settings) {
        return switch (settings.type()) {
            case SIMULATED -> simulated;
            case OPENAI_IMAGES -> new OpenAiImagesProvider(
                    http(lane, settings, ProviderHttp.Auth.bearer(key(lane, settings))), store.get(),
                    settings.model(), settings.size());
            case HTTP_JOB -> {
                HttpJobSettings job = settings.httpJob();
                ProviderHttp.Auth auth = ProviderHttp.Auth.of(job.authHeader(), job.authScheme(), key(lane, settings),
                        job.headers());
                yield new HttpJobProvider(lane.wireName(), http(lane, settings, auth), store.get(), job, settings.model());
            }
        };
    }

    private ProviderHttp http(Lane lane, LaneProviderSettings settings, ProviderHttp.Auth auth) {
        return new ProviderHttp(settings.effectiveBaseUrl(), auth, settings.connectTimeout(), settings.requestTimeout(),
                clock, observers.apply(lane), limits.of(lane)::requestPermit);
    }

    private static Optional<String> key(Lane lane, LaneProviderSettings settings) {
        return ApiKeys.resolve(lane.wireName(), settings);
    }
}
