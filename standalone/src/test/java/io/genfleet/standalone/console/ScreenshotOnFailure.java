package io.genfleet.standalone.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/** Saves what the browser showed when a test failed, under target/console-screenshots/, named after the test. */
final class ScreenshotOnFailure implements TestWatcher {

    static final Path DIRECTORY = Path.of("target", "console-screenshots");

    private final Supplier<WebDriver> driver;

    ScreenshotOnFailure(Supplier<WebDriver> driver) {
        this.driver = driver;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        WebDriver browser = driver.get();
        if (browser == null) {
            return;
        }
        try {
            Files.createDirectories(DIRECTORY);
            Path file = DIRECTORY.resolve(context.getRequiredTestMethod().getName() + ".png");
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            System.err.println("screenshot of the failure: " + file.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot of the failure: " + e);
        }
    }
}
