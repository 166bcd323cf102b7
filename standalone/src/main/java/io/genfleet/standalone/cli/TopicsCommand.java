package io.genfleet.standalone.cli;

import io.genfleet.common.topic.TopicProvisioner;
import io.genfleet.common.topic.TopicSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code topics create}: provisions every genfleet topic on a cluster (idempotent; used by the Helm hook job). */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Manage genfleet's topics.",
        subcommands = TopicsCommand.Create.class)
final class TopicsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create missing lane, delay, dead-letter and status topics.")
    static final class Create implements Callable<Integer> {

        @Mixin
        KafkaConnectionOptions kafka;

        @Option(names = "--prefix", defaultValue = "genfleet.", description = "Topic name prefix (default ${DEFAULT-VALUE}).")
        String prefix;

        @Option(names = "--partitions", defaultValue = "6", description = "Partitions per topic (default ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor", defaultValue = "-1",
                description = "Replication factor; -1 takes the broker default (default ${DEFAULT-VALUE}).")
        short replicationFactor;

        @Option(names = "--retry-delays", split = ",", defaultValue = "${env:GENFLEET_TOPICS_RETRY_DELAYS:-2s,4s,8s}",
                description = "Delay per retry, one delay topic each (default ${DEFAULT-VALUE}).",
                converter = DurationConverter.class)
        List<Duration> retryDelays;

        @Override
        public Integer call() {
            TopicSettings settings = new TopicSettings(prefix, partitions, replicationFactor, true, retryDelays);
            int brokers = kafka.requireReachable().size();
            if (replicationFactor > brokers) {
                throw new CliFailure(ExitCode.FAILED, "--replication-factor " + replicationFactor + " is more than the "
                        + brokers + " broker" + (brokers == 1 ? "" : "s") + " of the cluster at " + kafka.bootstrapServers
                        + "; nothing was created");
            }
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                new TopicProvisioner(admin, settings).provision();
            }
            settings.catalog().all().forEach(name -> System.out.println("ok " + name));
            return 0;
        }
    }
}
