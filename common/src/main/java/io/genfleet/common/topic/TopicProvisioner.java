package io.genfleet.common.topic;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates genfleet's topics when missing (idempotent). Delay and dead-letter topics get the SAME
 * partition count as their lane topic, because a delayed record is republished to its original
 * partition number: with fewer partitions one consumer would end up holding every retry.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final TopicSettings settings;

    public TopicProvisioner(Admin admin, TopicSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    /** Creates what is missing and checks that existing topics have the configured partition count. */
    public void provision() {
        List<String> names = settings.catalog().all();
        Optional<Short> replication = settings.replicationFactor() < 0
                ? Optional.empty() : Optional.of(settings.replicationFactor());
        String claims = settings.catalog().replayClaims();
        List<NewTopic> topics = names.stream()
                .map(name -> {
                    NewTopic topic = new NewTopic(name, Optional.of(settings.partitions()), replication);
                    // Spelled out (a cluster may default to compaction): first-claim-wins needs the log as written.
                    return name.equals(claims) ? topic.configs(Map.of("cleanup.policy", "delete")) : topic;
                })
                .toList();
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                createIgnoringRaces(missing);
                log.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
            }
            checkPartitions(describeOnceKnown(names));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot provision topics " + names + ": " + e.getMessage(), e);
        }
    }

    private void createIgnoringRaces(List<NewTopic> missing) throws InterruptedException, ExecutionException, TimeoutException {
        // Another instance may create the same topics at the same moment: that is success, not failure.
        for (var entry : admin.createTopics(missing).values().entrySet()) {
            try {
                entry.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Describes the topics, asking again while a broker does not know one yet: right after creating a topic the
     * broker the admin client asks may not have the new metadata (seen here: UnknownTopicOrPartitionException on
     * a fresh broker), and describeTopics does not retry that by itself.
     */
    private Map<String, TopicDescription> describeOnceKnown(List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                log.debug("A broker does not know every new topic yet, describing again: {}", e.getCause().getMessage());
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    private void checkPartitions(Map<String, TopicDescription> descriptions) {
        for (TopicDescription description : descriptions.values()) {
            int actual = description.partitions().size();
            if (actual != settings.partitions()) {
                log.warn("Topic {} has {} partitions, genfleet.topics.partitions is {}: delay and dead-letter "
                        + "topics must match their lane topic", description.name(), actual, settings.partitions());
            }
        }
    }
}
