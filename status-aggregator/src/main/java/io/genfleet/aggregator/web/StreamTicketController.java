package io.genfleet.aggregator.web;

import io.genfleet.common.security.ApiKey;
import io.genfleet.common.security.Scope;
import io.genfleet.common.security.web.ApiKeyFilter;
import io.genfleet.common.security.web.StreamTickets;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/batches/{batchId}/stream-tickets} (scope {@code read}): a single-use ticket to open the batch's
 * event stream without a header, for a browser's {@code EventSource} (see {@link StreamTickets}). 201 with the
 * ticket and the stream URL to open; the batch need not be known yet (the stream answers 404 until it is).
 */
@RestController("aggregatorStreamTicketController")
class StreamTicketController {

    record TicketResponse(String ticket, Instant expiresAt, String stream) {
    }

    private final StreamTickets tickets;

    StreamTicketController(StreamTickets tickets) {
        this.tickets = tickets;
    }

    @PostMapping("/api/batches/{batchId}/stream-tickets")
    ResponseEntity<TicketResponse> issue(@PathVariable String batchId, HttpServletRequest request) {
        String batch = PathParameters.batchId(batchId);
        // Without keys (allow-anonymous) nobody is authenticated; the ticket then names no key.
        ApiKey caller = ApiKeyFilter.callerOf(request).orElseGet(() -> new ApiKey("anonymous", Set.of(Scope.READ)));
        StreamTickets.Ticket ticket = tickets.issue(caller, batch);
        String stream = "/api/batches/" + batch + "/stream?" + StreamTickets.PARAMETER + "=" + ticket.value();
        return ResponseEntity.created(URI.create(stream))
                .body(new TicketResponse(ticket.value(), ticket.expiresAt(), stream));
    }
}
