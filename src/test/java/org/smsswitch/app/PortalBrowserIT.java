package org.smsswitch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smsswitch.account.Role;
import org.smsswitch.api.admin.ws.ConfigureOmsEndpoint;
import org.smsswitch.api.ws.CheckOptIn;
import org.smsswitch.oms.OmsReport;
import org.smsswitch.optin.OptInKind;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/**
 * The portal in real headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs): sign in, look a number up, force an opt-out and see it in CheckOptIn over SOAP, replay a
 * dead-lettered outage report; and, over plain HTTP, that a form without its CSRF token is refused,
 * that an account's user cannot reach another account's data, that sign-ins are throttled and that
 * the session cookie is HttpOnly and SameSite. Screenshots of each page go to target/portal-screenshots.
 */
class PortalBrowserIT {
    @TempDir
    static Path work;
    private static TestDatabases.MariaDb database;
    private static TestSwitch server;
    private static WebDriver browser;
    private static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabases.mariaDb();
        server = TestSwitch.start(database.settings(), work, Map.of(), null);
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
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
            server.close();
        } finally {
            database.close();
        }
    }

    @Test
    void anOperatorLooksUpANumberForcesAnOptOutAndReplaysADeadReport() throws Exception {
        String number = "+15550990001";
        long alerts = keywordId("ALERTS");
        server.smsSwitch().optIns().optIn(alerts, number, OptInKind.WEB, "signup page example.com",
                Map.of("account", "A-17"));
        signIn("demo", "demo");
        shot("optin-empty");

        browser.findElement(By.id("number")).sendKeys(number);
        browser.findElement(By.id("check")).click();
        await(By.id("optins"));
        assertTrue(row("ALERTS").getText().contains("opted in"), row("ALERTS").getText());
        assertTrue(row("ALERTS").getText().contains("account=A-17"));
        shot("optin-found");

        row("ALERTS").findElement(By.className("force")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
        await(By.id("notice"));
        assertEquals("Opted out of 1 keyword(s).", browser.findElement(By.id("notice")).getText());
        assertTrue(row("ALERTS").getText().contains("opted out"));
        shot("optin-forced");
        CheckOptIn check = new CheckOptIn();
        check.setNumber(number);
        var soap = server.demo().checkOptIn(check).getOptIn().get(0);
        assertFalse(soap.isActive(), "CheckOptIn over SOAP sees the forced opt-out");
        assertEquals("Forced by demo: from the portal", soap.getHistory().get(1).getSource());

        // A dead-lettered report: the OMS cannot be reached and one attempt is all it gets.
        ConfigureOmsEndpoint endpoint = new ConfigureOmsEndpoint();
        endpoint.setAccount("demo");
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        endpoint.setUrl("http://127.0.0.1:" + closed + "/outage");
        endpoint.setMaxAttempts(1);
        server.admin().configureOmsEndpoint(endpoint);
        String reporter = "+15550990002";
        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(reporter, "55555", "OUT"));
        Await.until(Duration.ofSeconds(30), "the report dead-lettered", () -> state(reporter) == OmsReport.State.DEAD);
        browser.get(server.baseUrl() + "/portal/outages?state=DEAD");
        await(By.id("reports"));
        shot("outages-dead");
        var report = browser.findElements(By.cssSelector("#reports tbody tr")).stream()
                .filter(r -> r.getText().contains(reporter)).findFirst().orElseThrow();
        report.findElement(By.className("replay")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
        await(By.id("notice"));
        assertTrue(browser.findElement(By.id("notice")).getText().startsWith("Outage report "));
        shot("outages-replayed");
        Await.until(Duration.ofSeconds(30), "the replayed report tried again",
                () -> attempts(reporter) >= 1 && state(reporter) != OmsReport.State.PENDING);

        browser.findElement(By.id("signout")).click();
        await(By.id("signin"));
        shot("signed-out");
    }

    @Test
    void aFormWithoutItsTokenIsRefusedAndAnotherAccountsDataIsOutOfReach() throws Exception {
        if (server.smsSwitch().accounts().find("water").isEmpty()) {
            server.smsSwitch().accounts().create("water", "water", "Water Utility", Role.CLIENT, false);
        }
        org.smsswitch.api.admin.ws.CreateKeyword k = new org.smsswitch.api.admin.ws.CreateKeyword();
        k.setShortCode("55555");
        k.setKeyword("WATER");
        k.setAccount("water");
        k.setServiceName("Water Alerts");
        k.setRecurring(false);
        k.setOptInRequired(true);
        k.setWelcomeText("Water Alerts. Msg&Data rates may apply. HELP4More");
        k.setHelpText("Water Alerts: help at example.com/water");
        k.setQuitText("You have quit Water Alerts. No more messages will be sent.");
        server.admin().createKeyword(k);
        String number = "+15550990003";
        server.smsSwitch().optIns().optIn(keywordId("WATER"), number, OptInKind.WEB, "water signup", Map.of());

        Session demo = Session.signIn(server.baseUrl(), "demo", "demo");
        String page = demo.get("/portal/optin?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8)).body();
        assertTrue(page.contains("This number has no opt-ins on your keywords."), "demo does not see WATER");
        assertFalse(page.contains("WATER"));

        HttpResponse<String> noToken = demo.post("/portal/optin/force", Map.of("number", number, "shortCode", "55555",
                "keyword", "WATER"));
        assertEquals(403, noToken.statusCode(), "a form without its CSRF token");
        HttpResponse<String> othersKeyword = demo.post("/portal/optin/force", Map.of("number", number, "shortCode",
                "55555", "keyword", "WATER", "csrf", demo.csrf));
        assertTrue(othersKeyword.body().contains("Keyword WATER is not one of yours on short code 55555."),
                othersKeyword.body());
        assertTrue(active(number, "WATER"), "the other account's opt-in stands");
        HttpResponse<String> othersReport = demo.post("/portal/outages/replay", Map.of("reportId", "999999",
                "csrf", demo.csrf));
        assertEquals(404, othersReport.statusCode());

        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/portal/optin")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, unsigned.statusCode(), "a page without a session sends to the sign-in");
    }

    @Test
    void signInsAreThrottledAndTheCookieIsGuarded() throws Exception {
        Session probe = Session.open(server.baseUrl());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, probe.post("/portal/login", Map.of("username", "throttled", "password", "wrong" + i,
                    "csrf", probe.csrf)).statusCode());
        }
        HttpResponse<String> sixth = probe.post("/portal/login", Map.of("username", "throttled", "password", "x",
                "csrf", probe.csrf));
        assertEquals(429, sixth.statusCode());
        assertTrue(sixth.body().contains("Too many failed sign-ins."), sixth.body());
        String cookie = probe.firstCookieHeader;
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
    }

    /** A portal session over plain HTTP, with its cookie and the CSRF token of its pages. */
    private static final class Session {
        private final String base;
        private final HttpClient client;
        private String csrf;
        private String firstCookieHeader;
        private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

        private Session(String base) {
            this.base = base;
            this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        }

        static Session open(String base) throws Exception {
            Session s = new Session(base);
            HttpResponse<String> login = s.get("/portal/login");
            s.firstCookieHeader = login.headers().firstValue("Set-Cookie").orElse("");
            s.csrf = token(login.body());
            return s;
        }

        static Session signIn(String base, String username, String password) throws Exception {
            Session s = open(base);
            assertEquals(302, s.post("/portal/login", Map.of("username", username, "password", password,
                    "csrf", s.csrf)).statusCode());
            s.csrf = token(s.get("/portal/optin").body());
            return s;
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = String.join("&", form.entrySet().stream().map(e -> e.getKey() + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
            return client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private static String token(String page) {
            Matcher m = TOKEN.matcher(page);
            assertTrue(m.find(), "a CSRF token in the page");
            return m.group(1);
        }
    }

    private static void signIn(String username, String password) {
        browser.get(server.baseUrl() + "/portal/login");
        await(By.id("signin"));
        shot("login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("submit")).click();
        await(By.id("lookup"));
    }

    private static org.openqa.selenium.WebElement row(String keyword) {
        return browser.findElement(By.cssSelector("#optins tr[data-keyword='" + keyword + "']"));
    }

    private static void await(By what) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(what));
    }

    private static void shot(String name) {
        try {
            Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("screenshot " + name, e);
        }
    }

    private static long keywordId(String word) {
        return server.smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select k.id from Keyword k where k.word = :w", Long.class)
                .setParameter("w", word).getSingleResult());
    }

    private static boolean active(String number, String word) {
        List<Boolean> found = server.smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select o.active from OptIn o where o.phoneNumber = :n and o.keyword.word = :w",
                        Boolean.class)
                .setParameter("n", number).setParameter("w", word).getResultList());
        return found.equals(List.of(true));
    }

    private static OmsReport.State state(String number) {
        List<OmsReport.State> found = server.smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select r.state from OmsReport r where r.phoneNumber = :n", OmsReport.State.class)
                .setParameter("n", number).getResultList());
        return found.isEmpty() ? null : found.get(0);
    }

    private static int attempts(String number) {
        List<Integer> found = server.smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select r.attempts from OmsReport r where r.phoneNumber = :n", Integer.class)
                .setParameter("n", number).getResultList());
        return found.isEmpty() ? 0 : found.get(0);
    }
}
