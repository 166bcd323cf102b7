package io.genfleet.standalone.cli;

import io.genfleet.common.client.GenfleetApi;
import io.genfleet.common.item.Lane;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.producer.claim.ClaimSettings;
import io.genfleet.producer.deadletter.DeadLetter;
import io.genfleet.producer.deadletter.DeadLetterFilter;
import io.genfleet.standalone.dlt.DeadLetterReplay;
import io.genfleet.standalone.dlt.ReplayListener;
import io.genfleet.standalone.dlt.ReplayReport;
import io.genfleet.standalone.fleet.FleetApiKey;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dlt list|replay}: the operator's view of the lanes' dead-letter topics, either straight from Kafka
 * ({@code --bootstrap-servers}: no service needs to run) or through the HTTP API of {@code serve} or a producer
 * ({@code --url}: no broker address needed). Replay shares the requeue logic of retry-failed
 * ({@code io.genfleet.producer.requeue}): in-process from Kafka, the producer's own through the API.
 */
@Command(name = "dlt", mixinStandardHelpOptions = true, description = "List or replay dead letters.",
        subcommands = {DltCommand.List.class, DltCommand.Replay.class})
final class DltCommand {

    /** The filter and connection options both subcommands take. */
    static final class Selection {

        @Mixin
        KafkaConnectionOptions kafka;

        @Option(names = "--url", defaultValue = "${env:GENFLEET_URL}", paramLabel = "URL",
                description = "Go through the HTTP API of serve or a producer at this base URL instead of Kafka "
                        + "(default: $GENFLEET_URL). Exactly one of --url and --bootstrap-servers.")
        URI url;

        @Option(names = "--api-key", defaultValue = "${env:GENFLEET_API_KEYS}",
                description = "With --url: the API key, sent as Authorization: Bearer (default: the first of "
                        + "$GENFLEET_API_KEYS).")
        String apiKey;

        @Option(names = "--prefix", defaultValue = "${env:GENFLEET_TOPICS_PREFIX:-genfleet.}",
                description = "Topic name prefix (default: $GENFLEET_TOPICS_PREFIX or ${DEFAULT-VALUE}).")
        String prefix;

        @Option(names = "--lane", converter = LaneConverter.class, paramLabel = "image|video",
                description = "Only this lane's dead-letter topic (default: both).")
        Lane lane;

        @Option(names = "--batch", paramLabel = "ID", description = "Only this batch.")
        String batchId;

        @Option(names = "--error-type", converter = ErrorTypeConverter.class, paramLabel = "TYPE",
                description = "Only this last error type: transient, timeout, rate_limited, permanent, invalid_request, "
                        + "content_policy, invalid_message.")
        ErrorType errorType;

        @Option(names = "--since", converter = InstantConverter.class, paramLabel = "ISO",
                description = "Only dead-lettered at or after this time, e.g. 2025-05-01T10:00:00Z.")
        Instant since;

        @Option(names = "--until", converter = InstantConverter.class, paramLabel = "ISO",
                description = "Only dead-lettered before this time.")
        Instant until;

        @Option(names = "--timeout", defaultValue = "60s", converter = DurationConverter.class,
                description = "Bound of every read of the cluster, or of every HTTP call (default ${DEFAULT-VALUE}).")
        Duration timeout;

        /**
         * Whether to go through the HTTP API: exactly one of {@code --url} and {@code --bootstrap-servers}, given
         * or else from the environment ({@code GENFLEET_URL}, {@code KAFKA_BOOTSTRAP_SERVERS}); the localhost
         * default of the Kafka address is not a choice, so that a forgotten option is an error, not a wait.
         */
        boolean viaApi(CommandLine.ParseResult parsed) {
            boolean urlGiven = parsed.hasMatchedOption("--url");
            boolean kafkaGiven = parsed.hasMatchedOption("--bootstrap-servers");
            if (urlGiven && kafkaGiven) {
                throw new CliFailure(ExitCode.USAGE, "pass either --url (the HTTP API of serve or a producer) or "
                        + "--bootstrap-servers (Kafka), not both");
            }
            if (urlGiven || kafkaGiven) {
                return refuseOptionsOfTheOtherPath(parsed, urlGiven);
            }
            String kafkaEnv = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            boolean kafkaFromEnv = kafkaEnv != null && !kafkaEnv.isBlank();
            if (url != null && kafkaFromEnv) {
                throw new CliFailure(ExitCode.USAGE, "both GENFLEET_URL and KAFKA_BOOTSTRAP_SERVERS are set; choose "
                        + "with --url or --bootstrap-servers");
            }
            if (url == null && !kafkaFromEnv) {
                throw new CliFailure(ExitCode.USAGE, "say where the dead letters are: --url of serve or a producer "
                        + "(or GENFLEET_URL), or --bootstrap-servers of Kafka (or KAFKA_BOOTSTRAP_SERVERS)");
            }
            return refuseOptionsOfTheOtherPath(parsed, url != null);
        }

        /** An option of the path not taken would be ignored silently: say so instead. */
        private static boolean refuseOptionsOfTheOtherPath(CommandLine.ParseResult parsed, boolean viaApi) {
            java.util.List<String> others = viaApi ? java.util.List.of("--command-config", "--connect-timeout", "--prefix")
                    : java.util.List.of("--api-key");
            for (String option : others) {
                if (parsed.hasMatchedOption(option)) {
                    throw new CliFailure(ExitCode.USAGE, option + (viaApi ? " is for Kafka (--bootstrap-servers)"
                            : " is for the HTTP API (--url)") + "; it does not apply " + (viaApi ? "with --url"
                            : "when reading Kafka"));
                }
            }
            return viaApi;
        }

        DeadLetterApi.Filter apiFilter() {
            return new DeadLetterApi.Filter(lane == null ? null : lane.wireName(), batchId,
                    errorType == null ? null : errorType.wireName(), since, until);
        }

        DeadLetterApi api() {
            return new DeadLetterApi(new GenfleetApi(url, FleetApiKey.firstOf(apiKey).orElse(null), timeout));
        }

        DeadLetterFilter filter() {
            return new DeadLetterFilter(lane == null ? Set.of() : Set.of(lane), batchId, errorType, since, until);
        }

        DeadLetterReplay connect() {
            kafka.requireReachable();
            // The retry delays only name the delay topics, which these tools never read.
            TopicCatalog catalog = new TopicCatalog(prefix, TopicCatalog.defaults().retryDelays());
            return DeadLetterReplay.connect(kafka.clientProperties(), catalog, ClaimSettings.defaults().claimLease(), timeout);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print the matching dead letters as a table (with their item's status now: requeued ones are "
                    + "marked) and count them per error type.")
    static final class List implements Callable<Integer> {

        @Mixin
        Selection selection;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (selection.viaApi(spec.commandLine().getParseResult())) {
                java.util.List<DeadLetterRow> rows = selection.api().list(selection.apiFilter());
                DeadLetterTable.print(rows, out);
                if (!rows.isEmpty() && !DeadLetterApi.statusKnown(rows)) {
                    out.println("NOW is unknown: " + selection.url + " has no item reads (a producer alone; serve "
                            + "and the aggregator have them)");
                }
                out.flush();
                return 0;
            }
            try (DeadLetterReplay tool = selection.connect()) {
                java.util.List<DeadLetter> letters = tool.list(selection.filter());
                Map<String, ItemState> now = tool.currentStates(letters);
                DeadLetterTable.print(letters.stream().map(letter -> DeadLetterRow.of(letter, now)).toList(), out);
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Republish the matching dead letters to their lane with epoch + 1 (each once, and only "
                    + "while its item is still failed_permanent at that epoch).")
    static final class Replay implements Callable<Integer> {

        @Mixin
        Selection selection;

        @Option(names = "--rate", defaultValue = "50", paramLabel = "N",
                description = "At most N dead letters per second (default ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--dry-run", description = "Only print what would be replayed; write nothing.")
        boolean dryRun;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            if (!(rate > 0) || rate > 100_000) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be above 0 and at most 100000");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (selection.viaApi(spec.commandLine().getParseResult())) {
                new ApiReplay(selection.api(), out).replay(selection.apiFilter(), rate, dryRun);
                return 0;
            }
            try (DeadLetterReplay tool = selection.connect()) {
                ReplayReport report = tool.replay(selection.filter(), rate, dryRun, new PrintingListener(out, dryRun));
                if (report.dryRun()) {
                    out.printf("dry run: would replay %d dead letter%s; nothing was written%n", report.replayed().size(),
                            report.replayed().size() == 1 ? "" : "s");
                } else {
                    out.printf("replayed %d dead letter%s (replay id %s)%n", report.replayed().size(),
                            report.replayed().size() == 1 ? "" : "s", report.replayId());
                }
                out.flush();
                return 0;
            }
        }
    }

    /** Progress lines, one per event, flushed at once so that a pipe shows them live. */
    private record PrintingListener(PrintWriter out, boolean dryRun) implements ReplayListener {

        @Override
        public void planned(int matching, int toReplay) {
            out.printf("%d matching dead letter%s, %d %s%n", matching, matching == 1 ? "" : "s", toReplay,
                    dryRun ? "eligible" : "to replay");
            out.flush();
        }

        @Override
        public void skipped(DeadLetter letter, String reason) {
            out.printf("skipped      %s: %s%n", describe(letter), reason);
            out.flush();
        }

        @Override
        public void wouldReplay(DeadLetter letter) {
            out.printf("would replay %s -> epoch %d%n", describe(letter), letter.request().epoch() + 1);
            out.flush();
        }

        @Override
        public void replayed(DeadLetter letter) {
            out.printf("replayed     %s -> epoch %d%n", describe(letter), letter.request().epoch() + 1);
            out.flush();
        }

        @Override
        public void progress(int done, int total, double perSecond) {
            out.printf(Locale.ROOT, "progress     %d/%d (%d%%), %.1f/s%n", done, total, total == 0 ? 100 : done * 100 / total,
                    perSecond);
            out.flush();
        }

        private static String describe(DeadLetter letter) {
            String epoch = letter.readable() ? " epoch " + letter.request().epoch() : "";
            return letter.batchId() + "/" + letter.itemKey() + epoch + " (" + letter.ref() + ")";
        }
    }

    static final class LaneConverter implements ITypeConverter<Lane> {
        @Override
        public Lane convert(String value) {
            return Lane.fromWireName(value);
        }
    }

    static final class ErrorTypeConverter implements ITypeConverter<ErrorType> {
        @Override
        public ErrorType convert(String value) {
            return ErrorType.fromWireName(value);
        }
    }

    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 instant such as "
                        + "2025-05-01T10:00:00Z");
            }
        }
    }
}
