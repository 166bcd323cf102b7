package io.genfleet.helm.support;

import io.genfleet.common.metrics.GenfleetMeter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Prometheus series names the meter catalog produces: every {@link GenfleetMeter} registered in a real
 * Prometheus registry and scraped, so the naming convention (units, _total, histogram suffixes) is Micrometer's
 * own rather than a copy of it.
 */
public final class CatalogSeries {

    private CatalogSeries() {
    }

    public static Set<String> names() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (GenfleetMeter meter : GenfleetMeter.values()) {
            String[] tags = Collections.nCopies(meter.tagKeys().size(), "x").toArray(String[]::new);
            switch (meter.type()) {
                case COUNTER -> meter.counter(registry, tags).increment();
                case TIMER -> meter.timer(registry, tags).record(Duration.ofMillis(5));
                case GAUGE -> meter.gauge(registry, () -> 1, tags);
            }
        }
        Set<String> names = new TreeSet<>();
        for (String line : registry.scrape().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        registry.close();
        return names;
    }
}
