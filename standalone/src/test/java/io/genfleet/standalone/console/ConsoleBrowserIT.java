package io.genfleet.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.standalone.fleet.FleetOptions;
import io.genfleet.standalone.fleet.RunningFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (headless Chromium) against the all-in-one fleet: submit through the form, watch
 * retries to done, open an item and retry it, retry all failed, a wrong key, field errors, the fleet view, and a
 * phone-width screen. Retry delays are shortened (200/300/400 ms) so that an epoch of failures takes about a second.
 * The README's two screenshots are taken here (docs/console-*.png).
 */
class ConsoleBrowserIT {

    private static final Map<String, String> SETTINGS = Map.of(
            "genfleet.worker.provider.latency-min", "50ms",
            "genfleet.worker.provider.latency-max", "300ms",
            "genfleet.worker.provider.failure-rate", "0",
            "genfleet.topics.retry-delays", "200ms,300ms,400ms",
            // A fixed key: the tab keeps using it after the restart test starts the fleet again.
            "genfleet.api-keys", "console-browser-it-0123456789abcdef",
            "genfleet.console.grafana-url", "https://grafana.example/d/genfleet");
    private static final Path DOCS = Path.of("..", "docs");

    private static FleetOptions options;
    private static RunningFleet fleet;
    private static ChromeDriver browser;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

    @BeforeAll
    static void start() throws IOException {
        browser = HeadlessChromium.start(1280, 900);
        // One port and data directory for the whole class, so that a restart comes back where the page looks.
        options = new FleetOptions(0, Files.createTempDirectory("genfleet-console-browser-"), true, SETTINGS);
        fleet = RunningFleet.start(options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aStoryboardSubmittedThroughTheFormIsWatchedThroughItsRetriesUntilDone() {
        useKey(fleet.apiKey().value());
        open("#/submit");
        String batch = "form-" + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.id("submit-batch-id")).sendKeys(batch);

        browser.findElement(By.id("submit-button")).click();

        // Expected: the sample storyboard, 5 items; scene 1's shot fails twice and completes on its 3rd attempt.
        waitFor("the page to open the batch", () -> browser.getCurrentUrl().endsWith("#/batch/" + batch));
        waitFor("5 complete cells and the stream done", () -> statuses().equals(List.of("complete", "complete",
                "complete", "complete", "complete")) && text("stream-state").equals("done"));
        assertThat(text("progress-line")).startsWith("5/5 done · 2 retries");
        assertThat(cell("scene_0_shot_1").getText()).contains("close-up of the lamp", "epoch 0 · attempt 1");
        assertThat(cell("scene_1_shot_0").getText()).contains("boats under lanterns", "attempt 3");
        assertThat(cell("video_scene_0").getText()).contains("waves rolling in");
        assertThat(browser.findElements(By.cssSelector(".scene-row"))).hasSize(2);
    }

    @Test
    void anItemIsOpenedAndRetriedAloneThenRetryAllFailedFinishesTheBatch() throws IOException {
        useKey(fleet.apiKey().value());
        open("#/submit");
        String batch = "retry-" + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.cssSelector("#advanced summary")).click();
        WebElement json = browser.findElement(By.id("storyboard-json"));
        json.clear();
        json.sendKeys("""
                {"batchId": "%s", "scenes": [
                  {"prompt": "a storm", "shots": [
                    {"prompt": "lightning over the masts", "simulate": {"failTimes": 4, "error": "transient"}},
                    {"prompt": "rain on the deck"}]},
                  {"prompt": "a calm morning on the quay", "simulate": {"failTimes": 4, "error": "rate_limited"}},
                  {"prompt": "gulls at noon", "video": {"prompt": "the gulls take off"}}]}""".formatted(batch));
        browser.findElement(By.id("submit-button")).click();
        waitFor("two items failed_permanent, the others complete", () -> statuses().equals(List.of(
                "failed_permanent", "complete", "failed_permanent", "complete", "complete")));

        cell("scene_0_shot_0").click();
        waitFor("the item's history", () -> browser.findElements(By.cssSelector("#item-history tbody tr")).size() >= 8);
        assertThat(text("item-title")).isEqualTo("scene_0_shot_0");
        assertThat(text("item-prompt")).isEqualTo("lightning over the masts");
        assertThat(text("item-error")).startsWith("transient:");
        assertThat(text("item-status")).contains("failed permanently", "epoch 0 · attempt 4");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus moves to the panel")
                .isEqualTo("item-close");
        screenshot("console-grid.png", 1280, 1350);

        browser.findElement(By.id("item-retry")).click();
        waitFor("the item's retry answered", () -> text("item-state").startsWith("requeued 1 item"));
        waitFor("the item complete in epoch 1", () -> "complete".equals(cell("scene_0_shot_0").getAttribute("data-status"))
                && text("item-status").contains("epoch 1 · attempt 1"));
        assertThat(text("item-error")).as("the old error is not current any more").isEmpty();
        assertThat(cell("scene_1").getAttribute("data-status")).isEqualTo("failed_permanent");

        open("#/dead-letters");
        browser.findElement(By.id("dl-batch")).sendKeys(batch);
        browser.findElement(By.cssSelector("#dead-letters-form button")).click();
        // Expected: the two dead letters of epoch 0, newest first, each after 4 attempts, with its reason.
        waitFor("the batch's two dead letters", () -> text("dead-letters-state").isEmpty() && browser.findElements(
                By.cssSelector("#dead-letters-table tbody tr")).size() == 2);
        List<String> rows = browser.findElements(By.cssSelector("#dead-letters-table tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("scene_1", "rate_limited:", "4"))
                .anySatisfy(row -> assertThat(row).contains("scene_0_shot_0", "transient:", "4"));
        screenshot("console-dead-letters.png", 1280, 600);

        open("#/batch/" + batch);
        waitFor("the batch again", () -> "failed_permanent".equals(cell("scene_1").getAttribute("data-status"))
                && browser.findElement(By.id("retry-failed")).isEnabled());
        browser.findElement(By.id("retry-failed")).click();
        waitFor("retry-failed answered", () -> text("batch-action-state").startsWith("requeued 1 item"));
        waitFor("every item complete and the stream done", () -> statuses().stream().allMatch("complete"::equals)
                && text("stream-state").equals("done"));
        assertThat(browser.findElement(By.id("retry-failed")).isEnabled()).isFalse();
    }

    @Test
    void theDeadLetterSelectionIsReplayedAfterADryRunAndItsItemCompletes() {
        useKey(fleet.apiKey().value());
        open("#/submit");
        String batch = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.cssSelector("#advanced summary")).click();
        WebElement json = browser.findElement(By.id("storyboard-json"));
        json.clear();
        json.sendKeys("""
                {"batchId": "%s", "scenes": [
                  {"prompt": "a broken bridge", "simulate": {"failTimes": 4, "error": "timeout"}},
                  {"prompt": "an intact bridge"}]}""".formatted(batch));
        browser.findElement(By.id("submit-button")).click();
        waitFor("one item failed_permanent", () -> statuses().equals(List.of("failed_permanent", "complete")));

        open("#/dead-letters");
        browser.findElement(By.id("dl-batch")).sendKeys(batch);
        browser.findElement(By.id("replay-dry-run")).click();
        // Expected: the dry run counts the one dead letter (its item is failed_permanent at epoch 0) and writes nothing.
        waitFor("the dry run's count", () -> text("replay-state").startsWith("1 of 1 selected dead letter would be replayed"));
        assertThat(browser.findElement(By.id("replay-confirm")).getText()).isEqualTo("Replay 1 dead letter");

        browser.findElement(By.id("replay-confirm")).click();
        waitFor("the replay's outcome", () -> text("replay-state").equals("requeued 1 · skipped 0 · failed 0"));
        assertThat(text("replay-details")).contains("requeued " + batch + "/scene_0 epoch 0 → epoch 1");

        // A second dry run finds nothing left to replay: the item has moved past its dead letter.
        browser.findElement(By.id("replay-dry-run")).click();
        waitFor("the second dry run", () -> text("replay-state").startsWith("0 of 1 selected dead letter"));
        open("#/batch/" + batch);
        waitFor("the replayed item complete in epoch 1", () -> statuses().equals(List.of("complete", "complete"))
                && cell("scene_0").getText().contains("epoch 1"));
    }

    @Test
    void aWrongKeyIsRefusedInWordsAndFieldErrorsSitNextToTheirField() {
        useKey("not-the-key-0123456789");
        open("#/submit");
        browser.findElement(By.id("submit-button")).click();
        waitFor("the refusal", () -> text("submit-state").contains("API key was refused"));
        assertThat(browser.getCurrentUrl()).endsWith("#/submit");

        useKey(fleet.apiKey().value());
        open("#/submit");
        browser.findElement(By.id("scene-0-prompt")).clear();
        browser.findElement(By.id("submit-button")).click();

        WebElement prompt = browser.findElement(By.id("scene-0-prompt"));
        waitFor("an error next to scene 0's prompt", () -> !fieldError(prompt).isEmpty());
        assertThat(prompt.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(fieldError(browser.findElement(By.id("scene-1-prompt")))).isEmpty();
        assertThat(text("submit-state")).contains("scenes[0].prompt");
    }

    @Test
    void theFleetViewShowsTheWorkerOfEachLaneAndThePageFitsAPhone() throws IOException {
        useKey(fleet.apiKey().value());
        open("#/fleet");
        waitFor("both lanes with one worker each", () -> browser.findElements(
                By.cssSelector(".lane [data-fact='workers'] dd")).stream().map(WebElement::getText).toList()
                .equals(List.of("1", "1")));
        assertThat(browser.findElements(By.cssSelector(".lane[data-lane='image'] .topics tbody tr"))).hasSize(5);
        assertThat(browser.findElements(By.cssSelector(".lane [data-fact='completed'] dd")))
                .extracting(WebElement::getText).hasSize(2).allMatch(rate -> rate.matches("\\d+(\\.\\d)?/min"));
        waitFor("the Grafana link", () -> browser.findElement(By.id("grafana-link")).isDisplayed());
        assertThat(browser.findElement(By.id("grafana-link")).getAttribute("href"))
                .isEqualTo("https://grafana.example/d/genfleet");
        screenshot("console-fleet.png", 1280, 900);

        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String view : List.of("#/batches", "#/submit", "#/fleet")) {
                open(view);
                long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth;");
                assertThat(overflow).as("horizontal overflow of " + view + " at 390 px").isLessThanOrEqualTo(0);
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void aWatchedBatchRecoversByItselfWhenTheServerStopsAndStartsAgain() {
        useKey(fleet.apiKey().value());
        open("#/submit");
        String batch = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.cssSelector("#advanced summary")).click();
        WebElement json = browser.findElement(By.id("storyboard-json"));
        json.clear();
        json.sendKeys("""
                {"batchId": "%s", "scenes": [
                  {"prompt": "a long take", "simulate": {"latencyMs": 2500}},
                  {"prompt": "another long take", "simulate": {"latencyMs": 2500}}]}""".formatted(batch));
        browser.findElement(By.id("submit-button")).click();
        waitFor("the batch live with an item generating", () -> text("stream-state").equals("live")
                && statuses().contains("generating"));
        // The page must recover without a reload: this marker would be gone after one.
        ((JavascriptExecutor) browser).executeScript("window.consoleTestMarker = 'same page';");

        long stopped = System.nanoTime();
        fleet.close();
        waitFor("the page to say it is reconnecting", () -> text("stream-state").equals("reconnecting…"));
        fleet = RunningFleet.start(options);
        long restarted = System.nanoTime();

        // Expected: the items in flight at the stop run again after the restart and complete; the page follows.
        waitFor("every item complete and the stream done", () -> statuses().equals(List.of("complete", "complete"))
                && text("stream-state").equals("done"));
        System.out.printf("restart: server down %d ms; page done %d ms after the server was back%n",
                (restarted - stopped) / 1_000_000, (System.nanoTime() - restarted) / 1_000_000);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.consoleTestMarker;"))
                .isEqualTo("same page");
    }

    /** A README screenshot (docs/), at the given window size; the window is 1280x900 again afterwards. */
    private static void screenshot(String name, int width, int height) throws IOException {
        browser.manage().window().setSize(new Dimension(width, height));
        try {
            Files.createDirectories(DOCS);
            Files.write(DOCS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    private static void useKey(String key) {
        open("#/batches");
        WebElement input = browser.findElement(By.id("api-key"));
        input.clear();
        input.sendKeys(key);
        browser.findElement(By.cssSelector("#key-form button")).click();
        waitFor("the key to be taken", () -> text("key-state").equals("key set for this tab"));
    }

    /** A fresh page load (not just a hash change), so no test sees another's form or watch; the tab keeps its key. */
    private static void open(String hash) {
        browser.get("about:blank");
        browser.get(fleet.baseUrl().resolve("/" + hash).toString());
        waitFor("the view " + hash, () -> browser.findElements(By.cssSelector("[data-view]:not([hidden])")).size() == 1);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static WebElement cell(String itemKey) {
        return browser.findElement(By.cssSelector(".cell[data-item-key='" + itemKey + "']"));
    }

    /** Every cell's status in grid order (scene by scene, images then video). */
    @SuppressWarnings("unchecked")
    private static List<String> statuses() {
        // One script call: the grid is redrawn when new items arrive, so element handles may go stale between calls.
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('.cell')].map(cell => cell.dataset.status);");
    }

    private static String fieldError(WebElement control) {
        return control.findElement(By.xpath("ancestor::div[contains(@class,'field')][1]//span[@class='field-error']"))
                .getText();
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100)).withMessage("waiting for " + what)
                .ignoring(StaleElementReferenceException.class)
                .until((WebDriver driver) -> condition.getAsBoolean());
    }
}
