package io.genfleet.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KafkaBrokerMainTest {

    @Test
    void readsTheDataDirectoryAndBothPorts() {
        KafkaBrokerMain.Options options = KafkaBrokerMain.Options.parse(
                new String[] {"--data-dir", "/tmp/k", "--port", "19092", "--controller-port", "19093"});

        assertThat(options).isEqualTo(new KafkaBrokerMain.Options(Path.of("/tmp/k"), 19092, 19093));
    }

    @Test
    void aMissingControllerPortMeansAFreeOne() {
        assertThat(KafkaBrokerMain.Options.parse(new String[] {"--data-dir", "d", "--port", "9092"}).controllerPort())
                .isZero();
    }

    @Test
    void refusesWhatItCannotStartWithTheUsage() {
        assertThatThrownBy(() -> KafkaBrokerMain.Options.parse(new String[] {"--port", "9092"}))
                .hasMessageContaining("--data-dir and --port are required").hasMessageContaining("usage");
        assertThatThrownBy(() -> KafkaBrokerMain.Options.parse(new String[] {"--data-dir", "d", "--port", "70000"}))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> KafkaBrokerMain.Options.parse(new String[] {"--data-dir", "d", "--port"}))
                .hasMessageContaining("missing value");
        assertThatThrownBy(() -> KafkaBrokerMain.Options.parse(new String[] {"--data-dir", "d", "--bogus", "1"}))
                .hasMessageContaining("unknown option");
    }
}
