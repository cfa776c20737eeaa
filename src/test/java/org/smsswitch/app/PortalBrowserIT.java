package org.smsswitch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.smsswitch.account.Role;
import org.smsswitch.api.admin.ws.ConfigureOmsEndpoint;
import org.smsswitch.api.ws.CheckOptIn;
import org.smsswitch.oms.OmsReport;
import org.smsswitch.optin.OptInKind;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.PortalBrowser;
import org.smsswitch.testing.PortalSession;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/**
 * The portal in real headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs): sign in, look a number up, force an opt-out and see it in CheckOptIn over SOAP, replay a
 * dead-lettered outage report, register a keyword with the rules checked as it is typed, watch a
 * 5,000-number list's bar fill, cancel a waiting one, find its messages, read the dashboard, answer a
 * text to a long number from the inbox; and, over plain HTTP, that a form without its CSRF token is
 * refused, that an account's user cannot reach another account's data, that sign-ins are throttled
 * and that the session cookie is HttpOnly and SameSite. Screenshots of each page go to
 * target/portal-screenshots.
 */
class PortalBrowserIT {
    @TempDir
    static Path work;
    private static TestDatabases.MariaDb database;
    private static TestSwitch server;
    private static PortalBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabases.mariaDb();
        server = TestSwitch.start(database.settings(), work, Map.of(), null);
        browser = PortalBrowser.open(server.baseUrl(), work);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
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

        browser.find(By.id("number")).sendKeys(number);
        browser.find(By.id("check")).click();
        await(By.id("optins"));
        assertTrue(row("ALERTS").getText().contains("opted in"), row("ALERTS").getText());
        assertTrue(row("ALERTS").getText().contains("account=A-17"));
        shot("optin-found");

        row("ALERTS").findElement(By.className("force")).click();
        browser.confirm();
        await(By.id("notice"));
        assertEquals("Opted out of 1 keyword(s).", browser.find(By.id("notice")).getText());
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
        browser.go("/outages?state=DEAD");
        await(By.id("reports"));
        shot("outages-dead");
        var report = browser.driver().findElements(By.cssSelector("#reports tbody tr")).stream()
                .filter(r -> r.getText().contains(reporter)).findFirst().orElseThrow();
        report.findElement(By.className("replay")).click();
        browser.confirm();
        await(By.id("notice"));
        assertTrue(browser.find(By.id("notice")).getText().startsWith("Outage report "));
        shot("outages-replayed");
        Await.until(Duration.ofSeconds(30), "the replayed report tried again",
                () -> attempts(reporter) >= 1 && state(reporter) != OmsReport.State.PENDING);

        browser.find(By.id("signout")).click();
        await(By.id("signin"));
        shot("signed-out");
    }

    @Test
    void anOperatorRegistersAKeywordWithTheCarriersRulesCheckedAsItIsTyped() {
        signIn("admin", "admin");
        browser.go("/keywords");
        await(By.id("keywords"));
        shot("keywords");
        browser.find(By.id("new-keyword")).click();
        await(By.id("keyword-form"));
        browser.find(By.id("shortCode")).sendKeys("55555");
        browser.find(By.id("keyword")).sendKeys("BILLS");
        browser.find(By.id("account")).sendKeys("demo");
        browser.find(By.id("serviceName")).sendKeys("Demo Bill Reminders");
        browser.find(By.id("helpText")).sendKeys("Bill reminders: help at example.com/bills");
        browser.find(By.id("quitText")).sendKeys("You have quit Bill Reminders. No more messages will be sent.");
        String welcome = "Demo Bill Reminders: we text you when a bill is due.";
        browser.find(By.id("welcomeText")).sendKeys(welcome);
        assertEquals(welcome.length() + " / 160", browser.find(By.id("welcomeText-count")).getText(),
                "the count follows the typing");
        awaitProblem("welcomeText", "The welcome message must contain 'Msg&Data rates may apply'.");
        assertTrue(problems("helpText").isEmpty(), problems("helpText").toString());
        shot("keyword-live-check");

        browser.find(By.id("save")).click();
        await(By.id("error"));
        assertTrue(browser.find(By.id("error")).getText().contains(
                "The welcome message must contain 'Msg&Data rates may apply'."), browser.find(By.id("error")).getText());
        assertTrue(problems("welcomeText").contains("The welcome message must contain 'HELP4More'."));
        shot("keyword-refused");

        browser.find(By.id("welcomeText")).sendKeys(" " + "x".repeat(120));
        browser.until(Duration.ofSeconds(10), d -> browser.find(By.id("welcomeText-count")).getAttribute("class")
                .contains("over"));
        awaitProblem("welcomeText", "The welcome message has " + (welcome.length() + 121)
                + " characters; at most 160 are allowed.");
        var text = browser.find(By.id("welcomeText"));
        text.clear();
        text.sendKeys("Demo Bill Reminders: a text when a bill is due. Msg&Data rates may apply. HELP4More");
        browser.until(Duration.ofSeconds(10), d -> problems("welcomeText").isEmpty());
        browser.find(By.id("save")).click();
        await(By.id("notice"));
        assertEquals("Keyword BILLS saved.", browser.find(By.id("notice")).getText());
        assertTrue(browser.find(By.cssSelector("#keywords tr[data-keyword='BILLS']")).getText().contains("demo"));
        shot("keyword-saved");

        // The account's own user changes the messages; the limits are the operator's.
        signIn("demo", "demo");
        browser.go("/keywords");
        browser.find(By.cssSelector("#keywords tr[data-keyword='BILLS'] a.edit")).click();
        await(By.id("keyword-form"));
        assertFalse(browser.find(By.id("recurring")).isEnabled(), "a client cannot change the kind of service");
        var help = browser.find(By.id("helpText"));
        help.clear();
        help.sendKeys("Bill reminders: help at example.com/help or 800-555-0100");
        browser.find(By.id("save")).click();
        await(By.id("notice"));
        shot("keyword-edited-by-client");
        assertEquals("Bill reminders: help at example.com/help or 800-555-0100",
                server.smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "select k.helpText from Keyword k where k.word = 'BILLS'", String.class).getSingleResult()));
    }

    @Test
    void aFiveThousandNumberListFillsItsBarAndAWaitingListIsCancelled() throws Exception {
        List<String> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            numbers.add(String.format("+1555%07d", 3_000_000 + i));
        }
        var demo = server.smsSwitch().accounts().find("demo").orElseThrow();
        server.smsSwitch().optIns().optInAll(demo, "55555", "ALERTS", numbers, OptInKind.LIST, "test list",
                Map.of());
        org.smsswitch.api.ws.SendList list = new org.smsswitch.api.ws.SendList();
        list.setShortCode("55555");
        list.setKeyword("ALERTS");
        list.setText("Planned maintenance tonight from 1 am to 3 am.");
        // A moment ahead, so the page is open before the drain starts.
        list.setSendTime(xml(java.time.Instant.now().plusSeconds(6)));
        list.getTo().addAll(numbers);
        String batch = server.demo().sendList(list).getBatchId();
        org.smsswitch.api.ws.SendList later = new org.smsswitch.api.ws.SendList();
        later.setShortCode("55555");
        later.setKeyword("ALERTS");
        later.setText("Your bill is due tomorrow.");
        later.setSendTime(xml(java.time.Instant.now().plusSeconds(3600)));
        later.getTo().addAll(numbers.subList(0, 50));
        String waiting = server.demo().sendList(later).getBatchId();

        signIn("demo", "demo");
        browser.go("/batches");
        await(By.id("batches"));
        var row = batchRow(batch);
        assertEquals("0", row.getAttribute("data-done"), "the page opens before the list goes out");
        shot("batches-starting");
        browser.until(Duration.ofSeconds(120), d -> "100".equals(batchRow(batch).getAttribute("data-done")));
        assertEquals("100%", batchRow(batch).findElement(By.className("percent")).getText());
        assertEquals("0", batchRow(batch).findElement(By.cssSelector("td.queued")).getText());
        browser.until(Duration.ofSeconds(60), d -> batchRow(batch).findElement(By.cssSelector("td.delivered"))
                .getText().equals("5000"));
        shot("batches-done");

        batchRow(waiting).findElement(By.className("cancel")).click();
        browser.confirm();
        await(By.id("notice"));
        assertEquals("50 message(s) of batch " + waiting + " cancelled; those already sent keep their status.",
                browser.find(By.id("notice")).getText());
        assertEquals("50", batchRow(waiting).findElement(By.cssSelector("td.cancelled")).getText());
        shot("batches-cancelled");

        browser.go("/messages");
        await(By.id("search"));
        browser.find(By.id("batch")).sendKeys(waiting);
        browser.find(By.id("number")).sendKeys(numbers.get(7));
        browser.find(By.id("find")).click();
        await(By.id("messages"));
        var found = browser.driver().findElements(By.cssSelector("#messages tbody tr"));
        assertEquals(1, found.size());
        assertEquals("Cancelled", found.get(0).findElement(By.className("immediate")).getText());
        shot("messages-found");
        found.get(0).findElement(By.className("view")).click();
        await(By.id("history"));
        String history = browser.find(By.id("history")).getText();
        assertTrue(history.contains("Queued") && history.contains("Cancelled"), history);
        assertEquals("Your bill is due tomorrow.", browser.find(By.id("body")).getText());
        shot("message-history");
    }

    @Test
    void theDashboardChartsTodaysSendsAndOptIns() {
        String number = server.optInToAlerts("+15550990010");
        server.awaitFinal(server.send(number, "Dashboard check").getMessageId());
        signIn("demo", "demo");
        browser.go("/dashboard");
        browser.until(Duration.ofSeconds(15), d -> "drawn".equals(browser.find(By.tagName("body"))
                .getAttribute("data-charts")));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        var row = browser.find(By.cssSelector("#days tr[data-day='" + today + "']"));
        long sends = row.findElements(By.cssSelector("td[data-outcome]")).stream()
                .mapToLong(c -> Long.parseLong(c.getText())).sum();
        assertTrue(sends >= 1, "today's sends: " + sends);
        assertTrue(Long.parseLong(row.findElement(By.className("optins")).getText()) >= 1);
        assertTrue(browser.find(By.id("queue-depth")).getText().endsWith("message(s) waiting to be sent"));
        shot("dashboard");
    }

    @Test
    void anAgentAnswersATextToALongNumberFromTheInbox() throws Exception {
        String number = "+15558660001";
        String phone = "+15550660001";
        var admin = server.admin();
        var add = new org.smsswitch.api.admin.ws.AddPoolNumbers();
        add.getNumber().add(number);
        admin.addPoolNumbers(add);
        var office = new org.smsswitch.api.admin.ws.CreateOffice();
        office.setAccount("demo");
        office.setOffice("Customer Care");
        admin.createOffice(office);
        var provision = new org.smsswitch.api.admin.ws.ProvisionNumber();
        provision.setAccount("demo");
        provision.setOffice("Customer Care");
        provision.setKind(org.smsswitch.api.admin.ws.NumberKind.REUSABLE);
        provision.setNumber(number);
        admin.provisionNumber(provision);
        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(phone, number, "Is the power back on Elm St?"));

        signIn("demo", "demo");
        browser.go("/inbox");
        browser.until(Duration.ofSeconds(15), d -> {
            browser.driver().navigate().refresh();
            return !browser.driver().findElements(By.cssSelector("#threads tr[data-phone='" + phone + "']")).isEmpty();
        });
        shot("inbox");
        browser.find(By.cssSelector("#threads tr[data-phone='" + phone + "'] a.open")).click();
        await(By.id("reply-form"));
        browser.find(By.id("text")).sendKeys("Yes, power was restored at 2:10 pm.");
        browser.find(By.id("send")).click();
        await(By.id("notice"));
        assertTrue(browser.find(By.id("conversation")).getText().contains("Yes, power was restored at 2:10 pm."));
        Await.until(Duration.ofSeconds(15), "the answer at the simulator",
                () -> server.textsTo(phone).contains("Yes, power was restored at 2:10 pm."));
        browser.driver().navigate().refresh();
        await(By.id("conversation"));
        shot("inbox-thread");

        browser.go("/numbers");
        await(By.id("numbers"));
        assertEquals("PROVISIONED", browser.find(By.cssSelector("#numbers tr[data-number='" + number + "'] .state"))
                .getText());
        String provisioned = browser.find(By.id("provisioned")).getText();
        assertTrue(provisioned.startsWith("1 provisioned number(s) (long numbers and dedicated short codes) of no"
                + " limit"), provisioned);
        shot("numbers");
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

        PortalSession demo = PortalSession.signIn(server.baseUrl(), "demo", "demo");
        String page = demo.get("/portal/optin?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8)).body();
        assertTrue(page.contains("This number has no opt-ins on your keywords."), "demo does not see WATER");
        assertFalse(page.contains("WATER"));

        HttpResponse<String> noToken = demo.post("/portal/optin/force", Map.of("number", number, "shortCode", "55555",
                "keyword", "WATER"));
        assertEquals(403, noToken.statusCode(), "a form without its CSRF token");
        HttpResponse<String> othersKeyword = demo.post("/portal/optin/force", Map.of("number", number, "shortCode",
                "55555", "keyword", "WATER", "csrf", demo.csrf()));
        assertTrue(othersKeyword.body().contains("Keyword WATER is not one of yours on short code 55555."),
                othersKeyword.body());
        assertTrue(active(number, "WATER"), "the other account's opt-in stands");
        HttpResponse<String> othersReport = demo.post("/portal/outages/replay", Map.of("reportId", "999999",
                "csrf", demo.csrf()));
        assertEquals(404, othersReport.statusCode());

        // Another account's keyword, message and batch, by URL or form field.
        long water = keywordId("WATER");
        assertEquals(404, demo.get("/portal/keywords/edit?id=" + water).statusCode());
        assertEquals(404, demo.post("/portal/keywords/edit", Map.of("id", Long.toString(water), "serviceName", "Mine",
                "welcomeText", "x", "helpText", "x", "quitText", "x", "csrf", demo.csrf())).statusCode());
        assertEquals("Water Alerts", server.smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select k.serviceName from Keyword k where k.word = 'WATER'", String.class)
                .getSingleResult()));
        assertEquals(403, demo.get("/portal/keywords/new").statusCode(), "only an operator registers keywords");
        assertEquals(403, demo.post("/portal/keywords/check", Map.of("keyword", "X")).statusCode(),
                "the live check wants its token too");
        var waterSms = org.smsswitch.testing.SoapClients.sms(server.baseUrl(), "water", "water");
        org.smsswitch.api.ws.SendList list = new org.smsswitch.api.ws.SendList();
        list.setShortCode("55555");
        list.setKeyword("WATER");
        list.setText("Boil water notice lifted.");
        list.setSendTime(xml(java.time.Instant.now().plusSeconds(3600)));
        list.getTo().add(number);
        var sent = waterSms.sendList(list);
        String waterBatch = sent.getBatchId();
        String waterMessage = sent.getResult().get(0).getMessageId();
        assertEquals(404, demo.get("/portal/messages/view?id=" + waterMessage).statusCode());
        assertTrue(demo.get("/portal/messages?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8)).body()
                .contains("No messages match."));
        assertEquals(404, demo.get("/portal/batches/progress?id=" + waterBatch).statusCode());
        assertEquals(404, demo.post("/portal/batches/cancel", Map.of("batch", waterBatch, "csrf", demo.csrf()))
                .statusCode());
        assertEquals(403, demo.post("/portal/batches/cancel", Map.of("batch", waterBatch)).statusCode());
        assertFalse(demo.get("/portal/batches").body().contains("data-batch=\"" + waterBatch + "\""));
        PortalSession operator = PortalSession.signIn(server.baseUrl(), "admin", "admin");
        assertTrue(operator.get("/portal/batches").body().contains("data-batch=\"" + waterBatch + "\""),
                "an operator sees every account's batches");
        assertEquals(200, operator.get("/portal/messages/view?id=" + waterMessage).statusCode());
        assertEquals("Queued", server.smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select m.immediateStatus from MtMessage m where m.id = :id",
                        org.smsswitch.status.ImmediateStatus.class)
                .setParameter("id", Long.parseLong(waterMessage)).getSingleResult()).label());

        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/portal/optin")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, unsigned.statusCode(), "a page without a session sends to the sign-in");
    }

    @Test
    void signInsAreThrottledAndTheCookieIsGuarded() throws Exception {
        PortalSession probe = PortalSession.open(server.baseUrl());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, probe.post("/portal/login", Map.of("username", "throttled", "password", "wrong" + i,
                    "csrf", probe.csrf())).statusCode());
        }
        HttpResponse<String> sixth = probe.post("/portal/login", Map.of("username", "throttled", "password", "x",
                "csrf", probe.csrf()));
        assertEquals(429, sixth.statusCode());
        assertTrue(sixth.body().contains("Too many failed sign-ins."), sixth.body());
        String cookie = probe.firstCookieHeader();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
    }

    private static org.openqa.selenium.WebElement batchRow(String batch) {
        return browser.find(By.cssSelector("#batches tr[data-batch='" + batch + "']"));
    }

    private static List<String> problems(String field) {
        return browser.driver().findElements(By.cssSelector("ul.problems[data-for='" + field + "'] li")).stream()
                .map(org.openqa.selenium.WebElement::getText).toList();
    }

    private static void awaitProblem(String field, String problem) {
        try {
            browser.until(Duration.ofSeconds(10), d -> problems(field).contains(problem));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("'" + problem + "' not shown for " + field + "; shown: " + problems(field), e);
        }
    }

    private static javax.xml.datatype.XMLGregorianCalendar xml(java.time.Instant at) throws Exception {
        return javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar(
                java.util.GregorianCalendar.from(at.atZone(java.time.ZoneOffset.UTC)));
    }

    private static org.openqa.selenium.WebElement row(String keyword) {
        return browser.find(By.cssSelector("#optins tr[data-keyword='" + keyword + "']"));
    }

    private static void await(By what) {
        browser.await(what);
    }

    private static void shot(String name) {
        browser.shot(name);
    }

    private static void signIn(String username, String password) {
        browser.signIn(username, password);
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
