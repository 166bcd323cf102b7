package io.genfleet.standalone.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through Debian's chromium-driver (both installed by .ci/run). A missing browser fails
 * the test, unless .ci/run could not install it and said why in GENFLEET_CHROMIUM_UNAVAILABLE: then the tests are
 * skipped with that reason.
 */
final class HeadlessChromium {

    static final String UNAVAILABLE = "GENFLEET_CHROMIUM_UNAVAILABLE";
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    static ChromeDriver start(int width, int height) {
        String reason = System.getenv(UNAVAILABLE);
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            Assumptions.assumeTrue(reason == null, () -> "chromium unavailable: " + reason);
            throw new IllegalStateException(BROWSER + " and " + DRIVER
                    + " are needed: apt-get install -y chromium chromium-driver (.ci/run does it)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }
}
