package io.genfleet.common.topic;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Topic names and layout, shared by every service ({@code genfleet.topics.*}).
 *
 * @param prefix            prefix of every topic name
 * @param partitions        partitions of every lane topic AND its delay and dead-letter topics (they
 *                          must match: a delayed record keeps its partition number), and of the status topic
 * @param replicationFactor replication of created topics; -1 takes the broker's default
 * @param create            create missing topics at start-up (off when a Helm job or Strimzi does it)
 * @param retryDelays       the delay before each retry; one delay topic per entry, named by its milliseconds
 */
@Validated
@ConfigurationProperties("genfleet.topics")
public record TopicSettings(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]*") @DefaultValue("genfleet.") String prefix,
        @Min(1) @Max(10_000) @DefaultValue("6") int partitions,
        @Min(-1) @Max(32) @DefaultValue("-1") short replicationFactor,
        @DefaultValue("true") boolean create,
        @NotEmpty @Size(max = 10) @DefaultValue({"2s", "4s", "8s"}) List<@NotNull Duration> retryDelays) {

    /** Each delay names its own topic ({@code -retry-<millis>}), so two equal delays would collide. */
    @AssertTrue(message = "retry-delays must be distinct and positive: each names its own delay topic")
    public boolean isRetryDelaysDistinctAndPositive() {
        return retryDelays == null || (retryDelays.stream().distinct().count() == retryDelays.size()
                && retryDelays.stream().allMatch(delay -> delay != null && delay.toMillis() > 0));
    }

    public TopicCatalog catalog() {
        return new TopicCatalog(prefix, retryDelays);
    }
}
