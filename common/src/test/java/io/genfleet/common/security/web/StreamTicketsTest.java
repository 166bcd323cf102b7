package io.genfleet.common.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.security.ApiKey;
import io.genfleet.common.security.MutableClock;
import io.genfleet.common.security.Scope;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamTicketsTest {

    private static final String SHARED = "internal-secret-0123456789";
    private static final ApiKey READER = new ApiKey("key-0badc0de", Set.of(Scope.READ, Scope.SUBMIT));

    private final MutableClock clock = new MutableClock();
    private final StreamTickets tickets = new StreamTickets(SHARED, Duration.ofSeconds(30), clock);

    @Test
    void aTicketOpensItsBatchOnceAsReadOnly() {
        String ticket = tickets.issue(READER, "b1").value();

        assertThat(tickets.redeem(ticket, "b2")).as("another batch").isEmpty();
        assertThat(tickets.redeem(ticket, "b1")).hasValueSatisfying(key -> {
            assertThat(key.name()).isEqualTo(READER.name());
            assertThat(key.scopes()).containsExactly(Scope.READ);
        });
        assertThat(tickets.redeem(ticket, "b1")).as("used").isEmpty();
    }

    @Test
    void anExpiredForgedOrForeignTicketIsRefused() {
        String late = tickets.issue(READER, "b1").value();
        clock.advance(Duration.ofSeconds(31));
        assertThat(tickets.redeem(late, "b1")).isEmpty();

        String genuine = tickets.issue(READER, "b1").value();
        String payloadOfB2 = tickets.issue(READER, "b2").value().split("\\.")[0];
        assertThat(tickets.redeem(payloadOfB2 + "." + genuine.split("\\.")[1], "b2")).as("swapped signature").isEmpty();
        assertThat(tickets.redeem("not-a-ticket", "b1")).isEmpty();
        assertThat(new StreamTickets("another-secret-0123456789", Duration.ofSeconds(30), clock).redeem(genuine, "b1"))
                .as("signed with another secret").isEmpty();
    }

    @Test
    void anyInstanceWithTheSharedSecretAcceptsATicket() {
        String ticket = tickets.issue(READER, "b1").value();

        assertThat(new StreamTickets(SHARED, Duration.ofSeconds(30), clock).redeem(ticket, "b1")).isPresent();
    }
}
