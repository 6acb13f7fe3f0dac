package io.tollgate.bootstrap.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven through Debian's {@code chromedriver} (WebDriver), for
 * the console's browser tests; both are found on the machine, nothing is downloaded. Screenshots go to
 * {@code bootstrap/target/screenshots/<name>.png}.
 */
final class Browser implements AutoCloseable {

    /** How long a page has to show what a test waits for. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;

    Browser() {
        ChromeOptions options = new ChromeOptions();
        // Debian's /usr/bin/chromium is a wrapper script; the binary itself is under /usr/lib/chromium
        Path binary = Path.of("/usr/lib/chromium/chromium");
        options.setBinary(Files.isExecutable(binary) ? binary.toString() : "/usr/bin/chromium");
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,860");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits (at most {@link #PATIENCE}) until {@code condition} is neither null nor false, and returns it. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).until(condition);
    }

    WebElement visible(By by) {
        return await(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void click(By by) {
        await(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** Clears the input named {@code name} of the form and types {@code text}. */
    void type(By by, String text) {
        WebElement input = visible(by);
        input.clear();
        input.sendKeys(text);
    }

    /** Saves the page as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path to = SCREENSHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
        return to;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
