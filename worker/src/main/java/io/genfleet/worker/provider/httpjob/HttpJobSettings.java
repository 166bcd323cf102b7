package io.genfleet.worker.provider.httpjob;

import io.genfleet.common.status.ErrorType;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shape of a job API ({@code genfleet.providers.<lane>.http-job.*}). Unset fields come from the preset.
 * Paths and the body template may use {@code {{prompt}}}, {@code {{model}}}, {@code {{batchId}}},
 * {@code {{itemKey}}}, {@code {{epoch}}}, {@code {{idempotencyKey}}}; the status path also {@code {{id}}}.
 *
 * @param preset        {@code none}, {@code replicate} or {@code luma}
 * @param submitPath    where a job is submitted ({@code POST {base-url}{submit-path}})
 * @param statusPath    where its status is read ({@code GET {base-url}{status-path}})
 * @param bodyTemplate  the submit body, JSON, filled as JSON (typed values, absent ones left out; see {@link JobTemplate})
 * @param idPointer     JSON pointer to the job id in the submit answer
 * @param statusPointer JSON pointer to the job's status in a status answer (and in the submit answer)
 * @param outputPointer JSON pointer to the output URL in a successful status answer (a list: its first entry)
 * @param errorPointer  JSON pointer to the provider's error message in a failed status answer
 * @param successValues status values that mean the job succeeded
 * @param failureValues status values that mean it failed; any other value means "still running"
 * @param authHeader    the header that carries the key
 * @param authScheme    the word before the key in that header ({@code Bearer}; empty: the key alone)
 * @param headers       extra headers on every call, e.g. an API version
 * @param pollInitial   the first wait between polls
 * @param pollMax       the longest wait between polls
 * @param pollMultiplier each wait is the previous one times this, up to {@code poll-max}
 * @param jobFailure    the error type of a failed job whose message does not say the content was refused:
 *                      {@code transient} (default: retried like a 5xx) or {@code permanent}
 */
public record HttpJobSettings(
        @NotNull @DefaultValue("none") HttpJobPreset preset,
        String submitPath,
        String statusPath,
        String bodyTemplate,
        String idPointer,
        String statusPointer,
        String outputPointer,
        String errorPointer,
        List<String> successValues,
        List<String> failureValues,
        @NotBlank @DefaultValue("Authorization") String authHeader,
        @NotNull @DefaultValue("Bearer") String authScheme,
        @NotNull @DefaultValue Map<String, String> headers,
        @NotNull @DefaultValue("1s") Duration pollInitial,
        @NotNull @DefaultValue("15s") Duration pollMax,
        @DecimalMin("1.0") @DecimalMax("10.0") @DefaultValue("1.5") double pollMultiplier,
        @NotNull @DefaultValue("transient") ErrorType jobFailure) {

    public static HttpJobSettings none() {
        return new HttpJobSettings(HttpJobPreset.NONE, null, null, null, null, null, null, null, null, null,
                "Authorization", "Bearer", Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(15), 1.5,
                ErrorType.TRANSIENT);
    }

    public String effectiveSubmitPath() {
        return submitPath != null ? submitPath : preset.submitPath();
    }

    public String effectiveStatusPath() {
        return statusPath != null ? statusPath : preset.statusPath();
    }

    public String effectiveBodyTemplate() {
        return bodyTemplate != null ? bodyTemplate : preset.bodyTemplate();
    }

    public String effectiveIdPointer() {
        return idPointer != null ? idPointer : preset.idPointer();
    }

    public String effectiveStatusPointer() {
        return statusPointer != null ? statusPointer : preset.statusPointer();
    }

    public String effectiveOutputPointer() {
        return outputPointer != null ? outputPointer : preset.outputPointer();
    }

    /** May stay null: the failure is then reported by its status value alone. */
    public String effectiveErrorPointer() {
        return errorPointer != null ? errorPointer : preset.errorPointer();
    }

    public List<String> effectiveSuccessValues() {
        return successValues != null && !successValues.isEmpty() ? successValues : preset.successValues();
    }

    public List<String> effectiveFailureValues() {
        return failureValues != null && !failureValues.isEmpty() ? failureValues : preset.failureValues();
    }

    /** The settings an http-job provider cannot do without that neither the settings nor the preset give. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (effectiveSubmitPath() == null) {
            missing.add("submit-path");
        }
        if (effectiveStatusPath() == null) {
            missing.add("status-path");
        }
        if (effectiveBodyTemplate() == null) {
            missing.add("body-template");
        }
        if (effectiveIdPointer() == null) {
            missing.add("id-pointer");
        }
        if (effectiveStatusPointer() == null) {
            missing.add("status-pointer");
        }
        if (effectiveOutputPointer() == null) {
            missing.add("output-pointer");
        }
        if (effectiveSuccessValues().isEmpty()) {
            missing.add("success-values");
        }
        if (effectiveFailureValues().isEmpty()) {
            missing.add("failure-values");
        }
        return missing;
    }

    @AssertTrue(message = "poll-initial must be at least 10ms and at most poll-max")
    boolean isPollingValid() {
        return pollInitial == null || pollMax == null
                || (pollInitial.toMillis() >= 10 && pollInitial.compareTo(pollMax) <= 0);
    }

    @AssertTrue(message = "job-failure must be transient or permanent")
    boolean isJobFailureValid() {
        return jobFailure == null || jobFailure == ErrorType.TRANSIENT || jobFailure == ErrorType.PERMANENT;
    }
}
