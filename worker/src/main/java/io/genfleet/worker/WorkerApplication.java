package io.genfleet.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The worker as its own service ({@code genfleet-worker.jar}); scans nothing, imports its module. */
@SpringBootApplication(scanBasePackages = "none.scanned")
@Import(WorkerModule.class)
public class WorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkerApplication.class, args);
    }
}
