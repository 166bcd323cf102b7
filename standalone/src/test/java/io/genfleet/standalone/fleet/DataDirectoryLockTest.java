package io.genfleet.standalone.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock in one JVM; two processes on one directory: ServeCommandIT and DistributedModeIT. */
class DataDirectoryLockTest {

    @Test
    void theHolderWritesItsPidAndASecondLockIsRefusedNamingIt(@TempDir Path work) {
        Path dataDir = work.resolve("data");
        try (DataDirectoryLock held = DataDirectoryLock.acquire(dataDir)) {
            String pid = String.valueOf(ProcessHandle.current().pid());
            assertThat(held.file()).hasContent(pid);

            assertThatThrownBy(() -> DataDirectoryLock.acquire(dataDir))
                    .isInstanceOfSatisfying(DataDirectoryInUseException.class, e -> assertThat(e.holderPid()).isEqualTo(pid))
                    .hasMessage("data directory " + dataDir + " is in use by process " + pid
                            + "; stop it or pass another --data-dir");
            assertThat(held.file()).as("the refused attempt leaves the holder's PID").hasContent(pid);
        }
    }

    @Test
    void aReleasedDirectoryCanBeLockedAgainAndOnlyTheLockFileIsWritten(@TempDir Path work) throws Exception {
        Path dataDir = work.resolve("data");
        DataDirectoryLock.acquire(dataDir).close();

        try (DataDirectoryLock again = DataDirectoryLock.acquire(dataDir)) {
            assertThat(again.file()).exists();
        }
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(dataDir.resolve(DataDirectoryLock.FILE_NAME));
        }
    }
}
