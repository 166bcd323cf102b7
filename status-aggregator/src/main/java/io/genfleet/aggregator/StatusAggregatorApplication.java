package io.genfleet.aggregator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Runs the status aggregator on its own ({@code target/genfleet-status-aggregator.jar}, port 8081). */
@SpringBootApplication(scanBasePackages = "none.scanned")
@Import(StatusAggregatorModule.class)
public class StatusAggregatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(StatusAggregatorApplication.class, args);
    }
}
