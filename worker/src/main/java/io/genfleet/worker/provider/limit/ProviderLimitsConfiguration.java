package io.genfleet.worker.provider.limit;

import io.genfleet.common.item.Lane;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.WorkerSettings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the size of each limited lane's worker group, for the shares of its provider limits. */
@Configuration(proxyBeanMethods = false)
class ProviderLimitsConfiguration {

    /** How often the group sizes are read besides after each rebalance here (a member that left elsewhere). */
    static final Duration REFRESH = Duration.ofSeconds(5);

    /** No Admin client and no thread unless a lane this process consumes has a limit. */
    @Bean(destroyMethod = "close")
    GroupMembers workerGroupMembers(ProviderLimits workerProviderLimits, WorkerSettings settings, TopicCatalog catalog,
                                    KafkaProperties kafka) {
        Map<Lane, LaneLimits> limited = new EnumMap<>(Lane.class);
        for (Lane lane : settings.lanes()) {
            if (workerProviderLimits.of(lane).limited()) {
                limited.put(lane, workerProviderLimits.of(lane));
            }
        }
        if (limited.isEmpty()) {
            return GroupMembers.none();
        }
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "genfleet-worker-provider-limits");
        // A read that does not answer quickly is skipped: the next one comes in REFRESH.
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        GroupMembers members = new GroupMembers(Admin.create(config), limited,
                lane -> catalog.workerGroup(lane, catalog.requests(lane).name()), REFRESH);
        members.start();
        return members;
    }
}
