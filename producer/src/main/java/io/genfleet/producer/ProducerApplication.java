package io.genfleet.producer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The producer as its own service ({@code genfleet-producer.jar}); scans nothing, imports its module. */
@SpringBootApplication(scanBasePackages = "none.scanned")
@Import(ProducerModule.class)
public class ProducerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProducerApplication.class, args);
    }
}
