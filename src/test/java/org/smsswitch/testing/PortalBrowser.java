package org.smsswitch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's chromium and chromium-driver) on a portal: sign in, wait for what a page
 * shows, and save screenshots to target/portal-screenshots.
 */
public final class PortalBrowser implements AutoCloseable {
    private static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

    private final WebDriver driver;
    private final String baseUrl;

    private PortalBrowser(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    public static PortalBrowser open(String baseUrl, Path work) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(work, "chromium"),
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        Files.createDirectories(SCREENSHOTS);
        return new PortalBrowser(new ChromeDriver(service, options), baseUrl);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a portal page, {@code path} being under /portal. */
    public void go(String path) {
        driver.get(baseUrl + "/portal" + path);
    }

    public void signIn(String username, String password) {
        go("/login");
        await(By.id("signin"));
        shot("login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("submit")).click();
        await(By.id("lookup"));
    }

    public WebElement find(By what) {
        return driver.findElement(what);
    }

    public WebElement await(By what) {
        return until(Duration.ofSeconds(15), ExpectedConditions.presenceOfElementLocated(what));
    }

    public <T> T until(Duration deadline, org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, deadline).until(condition);
    }

    /** Accepts the confirmation a form asks for. */
    public void confirm() {
        until(Duration.ofSeconds(10), ExpectedConditions.alertIsPresent()).accept();
    }

    public void shot(String name) {
        try {
            Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
