package io.genfleet.standalone.console;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/console}: what the page needs to know about its deployment (so far, the Grafana link). Under
 * {@code /api}, so it takes the same read key as every other read.
 */
@RestController
class ConsoleController {

    /** @param grafanaUrl an http(s) URL checked at start-up, or null when none is configured */
    record ConsoleInfo(String grafanaUrl) {
    }

    private final ConsoleSettings settings;

    ConsoleController(ConsoleSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/console")
    ConsoleInfo console() {
        return new ConsoleInfo(settings.grafanaLink());
    }
}
