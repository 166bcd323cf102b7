package io.genfleet.aggregator.web;

import io.genfleet.aggregator.fleet.FleetReader;
import io.genfleet.aggregator.fleet.FleetView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/fleet}: per lane, the lag of the request and delay topics, generations in flight, members. */
@RestController("aggregatorFleetController")
class FleetController {

    private final FleetReader reader;

    FleetController(FleetReader reader) {
        this.reader = reader;
    }

    @GetMapping("/api/fleet")
    FleetView fleet() {
        return reader.read();
    }
}
