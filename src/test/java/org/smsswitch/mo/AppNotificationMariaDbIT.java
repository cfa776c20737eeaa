package org.smsswitch.mo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.api.admin.ws.CreateKeyword;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.MutableClock;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/**
 * A keyword's application, played by an HTTP server on a free port: it is told of the texts sent to
 * its keyword (with their parameters) and of opt-outs, answers an opt-out with its own exit message,
 * and gets what it missed while it was down, once.
 */
class AppNotificationMariaDbIT {
    @TempDir
    static Path work;
    private static final MutableClock clock = new MutableClock();
    private static final AtomicLong numbers = new AtomicLong(5_550_800_000L);
    private static TestDatabases.MariaDb database;
    private static TestSwitch server;
    private static HttpServer app;
    private static final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private static final AtomicInteger status = new AtomicInteger(200);
    private static final AtomicReference<String> answer = new AtomicReference<>("");
    static final String APP_QUIT = "This message confirms that you have quit Club Notices. No more messages will be"
            + " sent. HELP4More";

    @BeforeAll
    static void start() throws Exception {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/sms", exchange -> {
            Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            form.put("Idempotency-Key", exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            received.add(form);
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                // the switch gave up waiting
            }
        });
        app.start();
        database = TestDatabases.mariaDb();
        server = TestSwitch.start(database.settings(), work, Map.of(), clock);
        String url = "http://127.0.0.1:" + app.getAddress().getPort() + "/sms?token=secret";
        server.admin().createKeyword(keyword("CLUB", url, true));
        server.admin().createKeyword(keyword("CLUBINFO", url, false));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            server.close();
        } finally {
            database.close();
            app.stop(0);
        }
    }

    @BeforeEach
    void appAnswersEmpty() {
        status.set(200);
        answer.set("");
    }

    private static CreateKeyword keyword(String word, String url, boolean sendsExit) {
        CreateKeyword k = new CreateKeyword();
        k.setShortCode("55555");
        k.setKeyword(word);
        k.setAccount("demo");
        k.setServiceName("Club Notices");
        k.setRecurring(false);
        k.setOptInRequired(true);
        k.setWelcomeText("Welcome to Club Notices. Msg&Data rates may apply. HELP4More");
        k.setHelpText("Club Notices: help at example.com/club");
        k.setQuitText(APP_QUIT);
        k.setApplicationUrl(url);
        k.setApplicationSendsExitMessage(sendsExit);
        return k;
    }

    @Test
    void theApplicationGetsTheKeywordsTextWithItsParameters() throws Exception {
        String number = next();
        mo(number, "clubinfo 42 Elm St");
        Map<String, String> told = awaitTold(number, "MO");
        assertEquals("CLUBINFO", told.get("keyword"));
        assertEquals("42 Elm St", told.get("parameters"));
        assertEquals("clubinfo 42 Elm St", told.get("text"));
        assertEquals("55555", told.get("shortCode"));
        assertEquals("sms-switch-app-" + told.get("id"), told.get("Idempotency-Key"));
        awaitReplies(number, List.of("Welcome to Club Notices. Msg&Data rates may apply. HELP4More"));
    }

    @Test
    void anApplicationThatSendsItsOwnExitMessageAnswersTheOptOutWithIt() throws Exception {
        String number = next();
        mo(number, "CLUB");
        awaitReplies(number, List.of("Welcome to Club Notices. Msg&Data rates may apply. HELP4More"));
        answer.set("You left Club Notices, sorry to see you go. No more messages will be sent.");
        mo(number, "CLUB STOP");
        Map<String, String> told = awaitTold(number, "OPT_OUT");
        assertEquals("expected", told.get("exitMessage"));
        awaitReplies(number, List.of("Welcome to Club Notices. Msg&Data rates may apply. HELP4More",
                "You left Club Notices, sorry to see you go. No more messages will be sent."));
    }

    @Test
    void anApplicationThatIsDownGetsItLaterOnceAndThePhoneIsToldAtOnce() throws Exception {
        String number = next();
        mo(number, "CLUB");
        awaitReplies(number, List.of("Welcome to Club Notices. Msg&Data rates may apply. HELP4More"));
        status.set(503);
        answer.set("down for maintenance");
        mo(number, "stop club");
        awaitReplies(number, List.of("Welcome to Club Notices. Msg&Data rates may apply. HELP4More", APP_QUIT));
        AppNotification pending = notification(number, AppNotification.Event.OPT_OUT);
        assertEquals(1, pending.attempts());
        assertNull(pending.deliveredAt());
        assertTrue(pending.lastError().contains("503"), pending.lastError());

        status.set(200);
        answer.set("");
        clock.advance(Duration.ofMinutes(1));
        server.smsSwitch().notifier().deliverDue();
        // Delivered by that call, or by the sweep if it came first.
        Await.until(Duration.ofSeconds(20), "the notification delivered",
                () -> notification(number, AppNotification.Event.OPT_OUT).deliveredAt() != null);
        assertEquals(2, notification(number, AppNotification.Event.OPT_OUT).attempts());
        List<String> keys = received.stream().filter(f -> number.equals(f.get("from")) && "OPT_OUT".equals(
                f.get("event"))).map(f -> f.get("Idempotency-Key")).toList();
        assertEquals(2, keys.size(), "one failed try, one delivery");
        assertEquals(1, keys.stream().distinct().count(), "both with the same idempotency key");
        clock.advance(Duration.ofHours(2));
        server.smsSwitch().notifier().deliverDue();
        assertEquals(2, received.stream().filter(f -> number.equals(f.get("from")) && "OPT_OUT".equals(
                f.get("event"))).count(), "not delivered again");
        awaitReplies(number, List.of("Welcome to Club Notices. Msg&Data rates may apply. HELP4More", APP_QUIT));
    }

    private static String next() {
        return "+1" + numbers.incrementAndGet();
    }

    private static void mo(String number, String text) throws Exception {
        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(number, "55555", text));
    }

    private static Map<String, String> awaitTold(String number, String event) {
        Await.until(Duration.ofSeconds(20), "the application told of " + event + " from " + number,
                () -> received.stream().anyMatch(f -> number.equals(f.get("from")) && event.equals(f.get("event"))));
        return received.stream().filter(f -> number.equals(f.get("from")) && event.equals(f.get("event")))
                .findFirst().orElseThrow();
    }

    private static void awaitReplies(String number, List<String> expected) {
        Await.until(Duration.ofSeconds(20), expected.size() + " texts to " + number,
                () -> replies(number).size() >= expected.size());
        assertEquals(expected, replies(number));
    }

    private static List<String> replies(String number) {
        return server.textsTo(number);
    }

    private static AppNotification notification(String number, AppNotification.Event event) {
        return server.smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "from AppNotification n where n.phoneNumber = :n and n.event = :e", AppNotification.class)
                .setParameter("n", number).setParameter("e", event).getSingleResult());
    }

    private static Map<String, String> parse(String body) {
        return Arrays.stream(body.split("&")).filter(p -> !p.isEmpty()).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "",
                        (a, b) -> b, LinkedHashMap::new));
    }
}
