package io.genfleet.bench.engines;

import java.util.function.Function;

/** The engines W7 compares, by the name their figures carry in the report. */
enum EngineKind {

    SPRING_KAFKA("spring_kafka", SpringKafkaEngine::new),
    GENFLEET_LOOP("genfleet_loop", GenfleetLoopEngine::new);

    private final String metricName;
    private final Function<Engine.Setup, Engine> factory;

    EngineKind(String metricName, Function<Engine.Setup, Engine> factory) {
        this.metricName = metricName;
        this.factory = factory;
    }

    String metricName() {
        return metricName;
    }

    Engine create(Engine.Setup setup) {
        return factory.apply(setup);
    }
}
