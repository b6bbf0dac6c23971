package io.herald.it.console;

import io.herald.it.HeraldIT;
import io.herald.it.support.ItPorts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the console's browser tests: a fresh headless Chromium per test (Debian's /usr/bin/chromium driven through
 * /usr/bin/chromedriver, so Selenium Manager never downloads anything), the console at /herald/console/ of the test
 * server, and a screenshot of each test's end state in target/screenshots/{class}-{test}.png.
 */
abstract class BrowserStory extends HeraldIT {

    static final String CONSOLE = ItPorts.http("/herald/console/").toString();
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String ADMIN = System.getProperty("it.admin.user");
    static final String ADMIN_PASSWORD = System.getProperty("it.admin.password");
    static final String OPERATOR = System.getProperty("it.operator.user");
    static final String OPERATOR_PASSWORD = System.getProperty("it.operator.password");

    protected ChromeDriver browser;
    protected WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void openBrowser() throws IOException {
        profile = Files.createTempDirectory("herald-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
                "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,800",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);    // live pages redraw their figures every second
    }

    @AfterEach
    void closeBrowser(TestInfo test) throws IOException {
        try {
            screenshot(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
        } finally {
            browser.quit();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Saves what the browser shows now as target/screenshots/{name}.png. */
    protected Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs in through the console's form and waits for the page to show who is logged in. */
    protected void logIn(String user, String password) {
        browser.get(CONSOLE);
        await(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("log-in")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#top #user"), user));
    }

    /** Waits until an element is visible and answers it. */
    protected WebElement await(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    protected void logInAsAdmin() {
        logIn(ADMIN, ADMIN_PASSWORD);
    }
}
