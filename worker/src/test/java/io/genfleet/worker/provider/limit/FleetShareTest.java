package io.genfleet.worker.provider.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetShareTest {

    @ParameterizedTest(name = "{0}/s over {1} members: {2}/s each")
    @CsvSource({"10, 2, 5", "10, 3, 3.3333333", "10, 1, 10", "10, 0, 10", "0.5, 4, 0.125"})
    void theRateIsDividedEquallyAmongTheMembers(double fleet, int members, double share) {
        assertThat(FleetShare.rate(fleet, members)).isCloseTo(share, within(1e-6));
    }

    @ParameterizedTest(name = "cap {0} over {1} members: {2} each")
    @CsvSource({"10, 2, 5", "5, 2, 3", "4, 3, 2", "2, 5, 1", "1, 1, 1", "7, 0, 7"})
    void theCapIsDividedRoundingUpAndNeverBelowOne(int fleet, int members, int share) {
        assertThat(FleetShare.concurrency(fleet, members)).isEqualTo(share);
    }

    @ParameterizedTest
    @CsvSource({"0", "-1"})
    void aLimitThatIsNotPositiveIsRefused(int fleet) {
        assertThatThrownBy(() -> FleetShare.rate(fleet, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FleetShare.concurrency(fleet, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
