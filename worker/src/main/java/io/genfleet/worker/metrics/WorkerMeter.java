package io.genfleet.worker.metrics;

/**
 * Every meter the worker publishes (name, description, base unit, tags), in one place. spring-kafka has no
 * retry or dead-letter metrics of its own, and its listener timers tag every failure with the wrapper
 * exception, so the worker counts what operators need itself.
 */
public enum WorkerMeter {

    ATTEMPTS("genfleet.worker.attempts", "Provider calls, by lane and outcome (complete, retry, dead)", null),
    GENERATION("genfleet.worker.generation", "Duration of provider calls, by lane and outcome", "seconds"),
    RETRY_LATENESS("genfleet.worker.retry.lateness",
            "How long after its due time a delayed attempt started, by lane", "seconds"),
    DEAD_LETTERS("genfleet.worker.dead.letters",
            "Dead-letter records handled, by lane and attribution (item: failed_permanent reported; "
                    + "unattributable: unreadable record, logged only)", null),
    DEAD_LETTER_FAILURES("genfleet.worker.dead.letter.failures",
            "Dead-letter records whose failed_permanent event could not be published (left in the dead-letter "
                    + "topic, not retried), by lane", null);

    /** Tag names. */
    public static final String LANE = "lane";
    public static final String OUTCOME = "outcome";
    public static final String ATTRIBUTION = "attribution";

    private final String meterName;
    private final String description;
    private final String baseUnit;

    WorkerMeter(String meterName, String description, String baseUnit) {
        this.meterName = meterName;
        this.description = description;
        this.baseUnit = baseUnit;
    }

    public String meterName() {
        return meterName;
    }

    public String description() {
        return description;
    }

    public String baseUnit() {
        return baseUnit;
    }
}
