package io.genfleet.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.standalone.fleet.DataDirectoryInUseException;
import io.genfleet.standalone.fleet.DataDirectoryLock;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneLineErrorsTest {

    @Test
    void kafkaFailuresMapToTheirExitCodesThroughWrappers() {
        assertThat(OneLineErrors.classify(new ExecutionException(new TimeoutException("Timed out waiting for a node"))))
                .satisfies(f -> assertThat(f.exitCode()).isEqualTo(ExitCode.UNREACHABLE))
                .hasMessage("Kafka did not answer in time: Timed out waiting for a node");
        assertThat(OneLineErrors.classify(new RuntimeException(new SaslAuthenticationException("bad password"))).exitCode())
                .isEqualTo(ExitCode.REFUSED);
        assertThat(OneLineErrors.classify(new InvalidReplicationFactorException("Replication factor: 3 larger than available brokers: 1.")))
                .satisfies(f -> assertThat(f.exitCode()).isEqualTo(ExitCode.FAILED))
                .hasMessage("Replication factor: 3 larger than available brokers: 1.");
    }

    @Test
    void aBusyDataDirectoryIsExitCodeThreeWithTheLockMessage(@TempDir Path work) {
        try (DataDirectoryLock held = DataDirectoryLock.acquire(work)) {
            DataDirectoryInUseException inUse = null;
            try {
                DataDirectoryLock.acquire(work).close();
            } catch (DataDirectoryInUseException e) {
                inUse = e;
            }
            assertThat(inUse).isNotNull();
            CliFailure failure = OneLineErrors.classify(inUse);
            assertThat(failure.exitCode()).isEqualTo(ExitCode.DATA_DIR_IN_USE);
            assertThat(failure.getMessage()).isEqualTo(inUse.getMessage()).doesNotContain("\n");
        }
    }

    @Test
    void anythingElseIsOneLineWithExitCodeOne() {
        CliFailure failure = OneLineErrors.classify(new IllegalStateException("the fleet was not ready\n   within 120 s"));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(failure.getMessage()).isEqualTo("the fleet was not ready within 120 s");
    }
}
