package org.smsswitch.oms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.api.admin.ws.ConfigureOmsEndpoint;
import org.smsswitch.api.admin.ws.ListOutageReports;
import org.smsswitch.api.admin.ws.OmsAuth;
import org.smsswitch.api.admin.ws.OmsProfile;
import org.smsswitch.api.admin.ws.OutageReportState;
import org.smsswitch.api.admin.ws.ReplayOutageReport;
import org.smsswitch.api.ws.CheckOptIn;
import org.smsswitch.api.ws.CheckOptInResponse;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.MutableClock;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/**
 * Outage reports through to an OMS, played by an HTTP server on a free port that, as a real one
 * would, opens one ticket per idempotency key and answers a key it has seen with its first answer:
 * ticket opened, number not in records, a question and its answer, the OMS failing and recovering,
 * hanging past the timeout, a restart with reports in the outbox, and a burst while it is down.
 */
class OmsMariaDbIT {
    @TempDir
    static Path work;
    private static final MutableClock clock = new MutableClock();
    private static final AtomicLong numbers = new AtomicLong(5_550_900_000L);
    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();
    static final String ACK = "Demo Utility: your outage report was received. Msg&Data rates may apply. HELP4More";
    static final String NOT_IN_RECORDS = "This number does not appear in our records. Please call 1-800-555-0199.";

    private static TestDatabases.MariaDb database;
    private static TestSwitch server;
    private static HttpServer oms;
    /** Every request the OMS got: its idempotency key, body and authorization. */
    private static final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    /** What the OMS did for each key it processed: its first answer. */
    private static final Map<String, String> processed = new ConcurrentHashMap<>();
    private static final AtomicInteger failWith = new AtomicInteger();
    private static final AtomicLong hangMillis = new AtomicLong();
    private static final AtomicReference<java.util.concurrent.CountDownLatch> hanging =
            new AtomicReference<>(new java.util.concurrent.CountDownLatch(1));
    private static final AtomicReference<Function<JsonNode, String>> answers = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        oms = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        oms.setExecutor(Executors.newFixedThreadPool(8));
        oms.createContext("/outage", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            requests.add(Map.of("key", String.valueOf(key), "body", body, "auth",
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))));
            int status = failWith.get();
            String answer;
            if (status != 0) {
                answer = "{\"result\":\"UNAVAILABLE\"}";
            } else {
                status = 200;
                answer = processed.computeIfAbsent(key, k -> answers.get().apply(read(body)));
            }
            long hang = hangMillis.get();
            if (hang > 0) {
                // The OMS hangs until the test lets it go, or for {@code hang} at most; the switch must not wait.
                try {
                    hanging.get().await(hang, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                // the switch stopped waiting
            }
        });
        oms.start();
        database = TestDatabases.mariaDb();
        server = startSwitch();
        ConfigureOmsEndpoint endpoint = new ConfigureOmsEndpoint();
        endpoint.setAccount("demo");
        endpoint.setUrl("http://127.0.0.1:" + oms.getAddress().getPort() + "/outage");
        endpoint.setProfile(OmsProfile.GENERIC_JSON);
        endpoint.setAuth(OmsAuth.BEARER);
        endpoint.setSecret("oms-token-1");
        endpoint.setTimeoutSeconds(new BigDecimal("1"));
        endpoint.setMaxAttempts(6);
        endpoint.setAnswerWindowMinutes(10);
        server.admin().configureOmsEndpoint(endpoint);
    }

    private static TestSwitch startSwitch() throws Exception {
        return TestSwitch.start(database.settings(), work, Map.of(), clock);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            server.close();
        } finally {
            database.close();
            oms.stop(0);
        }
    }

    @BeforeEach
    void omsWorks() {
        failWith.set(0);
        hangMillis.set(0);
        answers.set(r -> "{\"result\":\"TICKET_OPENED\",\"reply\":\"Outage ticket " + r.get("reportId").asText()
                + " opened. Crews are on the way.\"}");
    }

    @Test
    void aReportOpensATicketAndThePhoneIsTold() throws Exception {
        String number = next();
        mo(number, "OUT");
        List<String> replies = sorted(awaitReplies(number, 2));
        assertEquals(ACK, replies.get(0));
        assertTrue(replies.get(1).matches("Outage ticket \\d+ opened\\. Crews are on the way\\."), replies.get(1));
        JsonNode sent = onlyRequestFrom(number);
        assertEquals("OUTAGE", sent.get("kind").asText());
        assertEquals("OUT", sent.get("keyword").asText());
        assertEquals("55555", sent.get("shortCode").asText());
        assertEquals("OUT", sent.get("text").asText());
        assertEquals("Bearer oms-token-1", requestsFrom(number).get(0).get("auth"));
        assertEquals("sms-switch-oms-" + sent.get("reportId").asText(), requestsFrom(number).get(0).get("key"));
        CheckOptInResponse check = check(number);
        assertEquals("TICKET_OPENED", check.getLastOutageReport().getOmsResult());
        assertEquals("DELIVERED", check.getLastOutageReport().getState());
    }

    @Test
    void aNumberTheOmsDoesNotKnowIsOptedInAndToldSo() throws Exception {
        answers.set(r -> "{\"result\":\"NOT_IN_RECORDS\",\"reply\":\"" + NOT_IN_RECORDS + "\"}");
        String number = next();
        mo(number, "outage");
        assertEquals(sorted(List.of(ACK, NOT_IN_RECORDS)), sorted(awaitReplies(number, 2)));
        CheckOptInResponse check = check(number);
        // The opt-in (the carriers' rule) and the OMS's verdict on the number, side by side.
        assertEquals("OUTAGE", check.getOptIn().get(0).getKeyword());
        assertTrue(check.getOptIn().get(0).isActive());
        assertEquals("NOT_IN_RECORDS", check.getLastOutageReport().getOmsResult());
        assertEquals(NOT_IN_RECORDS, check.getLastOutageReport().getOmsReply());
    }

    @Test
    void theOmsAsksWhichLocationAndGetsThePhonesAnswer() throws Exception {
        answers.set(r -> r.get("kind").asText().equals("ANSWER")
                ? "{\"result\":\"TICKET_OPENED\",\"reply\":\"Ticket opened for 456 Lake Road. Thank you.\"}"
                : "{\"result\":\"QUESTION\",\"reply\":\"Reply 1 for 123 Main St., 2 for 456 Lake Road\"}");
        String number = next();
        mo(number, "OUT");
        assertEquals(sorted(List.of(ACK, "Reply 1 for 123 Main St., 2 for 456 Lake Road")),
                sorted(awaitReplies(number, 2)));
        mo(number, "2");
        assertEquals("Ticket opened for 456 Lake Road. Thank you.", awaitReplies(number, 3).get(2));
        List<JsonNode> sent = requestsFrom(number).stream().map(r -> read(r.get("body"))).toList();
        assertEquals(2, sent.size());
        assertEquals("ANSWER", sent.get(1).get("kind").asText());
        assertEquals("2", sent.get(1).get("text").asText());
        assertEquals(sent.get(0).get("reportId").asText(), sent.get(1).get("conversationId").asText(),
                "the answer belongs to the report's conversation");
        awaitSettled(number);
        assertEquals(3, replies(number).size(), "no unknown-word reply to the answer");
    }

    @Test
    void aPhonesReportsReachTheOmsInTheirOrderAndStatusIsAskedTheSameWay() throws Exception {
        org.smsswitch.api.admin.ws.CreateKeyword status = new org.smsswitch.api.admin.ws.CreateKeyword();
        status.setShortCode("55555");
        status.setKeyword("STATUS");
        status.setAccount("demo");
        status.setServiceName("Demo Utility Outage Status");
        status.setRecurring(false);
        status.setOptInRequired(false);
        status.setOutage(true);
        status.setWelcomeText("Demo Utility: we are looking up your outage. Msg&Data rates may apply. HELP4More");
        status.setHelpText("Demo Utility outages: text STATUS for news. Help at example.com/outage");
        status.setQuitText("You have quit Demo Utility Outage Status. No more messages will be sent.");
        server.admin().createKeyword(status);
        failWith.set(503);
        String number = next();
        mo(number, "OUT");
        mo(number, "STATUS");
        Await.until(Duration.ofSeconds(20), "both reports in the outbox", () -> reports(List.of(number)) == 2);
        failWith.set(0);
        clock.advance(Duration.ofMinutes(1));
        server.smsSwitch().forwarder().forwardDue();
        Await.until(Duration.ofSeconds(20), "both delivered", () -> delivered(List.of(number)) == 2);
        List<JsonNode> taken = requestsFrom(number).stream()
                .filter(r -> processed.containsKey(r.get("key")))
                .map(r -> read(r.get("body"))).toList();
        assertEquals(List.of("OUTAGE", "STATUS"), taken.stream().map(j -> j.get("kind").asText()).distinct().toList(),
                "the OUT report before the STATUS question, as the phone sent them");
    }

    @Test
    void anOmsThatFailsGetsTheReportWhenItRecoversOnce() throws Exception {
        failWith.set(500);
        String number = next();
        mo(number, "OUT");
        assertEquals(List.of(ACK), awaitReplies(number, 1));
        Await.until(Duration.ofSeconds(20), "a failed try", () -> state(number) == OmsReport.State.RETRYING);
        assertEquals("HTTP 500", report(number).lastError());
        failWith.set(0);
        clock.advance(Duration.ofSeconds(31));
        server.smsSwitch().forwarder().forwardDue();
        Await.until(Duration.ofSeconds(20), "the delivery", () -> state(number) == OmsReport.State.DELIVERED);
        assertEquals(2, report(number).attempts());
        assertEquals(2, awaitReplies(number, 2).size());
        assertDeliveredOnce(number);
    }

    @Test
    void anOmsThatHangsIsNotWaitedForAndItsTicketIsNotOpenedTwice() throws Exception {
        hangMillis.set(3_000);
        String number = next();
        mo(number, "OUT");
        Await.until(Duration.ofSeconds(20), "a timed-out try",
                () -> state(number) == OmsReport.State.RETRYING);
        assertEquals("no answer within 1000 ms", report(number).lastError());
        hangMillis.set(0);
        hanging.getAndSet(new java.util.concurrent.CountDownLatch(1)).countDown();
        clock.advance(Duration.ofSeconds(31));
        server.smsSwitch().forwarder().forwardDue();
        Await.until(Duration.ofSeconds(20), "the delivery", () -> state(number) == OmsReport.State.DELIVERED);
        // The OMS processed the first POST too, but the same key made it one ticket and one answer.
        assertEquals(1, processed.keySet().stream().filter(k -> k.equals("sms-switch-oms-" + report(number).id()))
                .count());
        assertEquals(2, requestsFrom(number).size());
        List<String> replies = awaitReplies(number, 2);
        awaitSettled(number);
        assertEquals(2, replies(number).size(), "the phone told once: " + replies);
    }

    @Test
    void aDeadLetterIsListedAndReplayed() throws Exception {
        failWith.set(503);
        String number = next();
        mo(number, "OUT");
        for (int i = 0; i < 6; i++) {
            int attempts = i + 1;
            Await.until(Duration.ofSeconds(20), "try " + attempts, () -> attempts(number) >= attempts);
            clock.advance(Duration.ofMinutes(31));
            server.smsSwitch().forwarder().forwardDue();
        }
        Await.until(Duration.ofSeconds(20), "the dead letter", () -> state(number) == OmsReport.State.DEAD);
        ListOutageReports list = new ListOutageReports();
        list.setState(OutageReportState.DEAD);
        assertTrue(server.admin().listOutageReports(list).getReport().stream()
                .anyMatch(r -> r.getNumber().equals(number) && r.getAttempts() == 6
                        && "HTTP 503".equals(r.getLastError())));
        failWith.set(0);
        ReplayOutageReport replay = new ReplayOutageReport();
        replay.setReportId(report(number).id());
        assertEquals(OutageReportState.PENDING, server.admin().replayOutageReport(replay).getReport().getState());
        server.smsSwitch().forwarder().forwardDue();
        Await.until(Duration.ofSeconds(20), "the replay delivered",
                () -> state(number) == OmsReport.State.DELIVERED);
        assertDeliveredOnce(number);
    }

    @Test
    void reportsInTheOutboxAreDeliveredAfterARestart() throws Exception {
        failWith.set(503);
        String number = next();
        mo(number, "OUT");
        Await.until(Duration.ofSeconds(20), "a failed try", () -> state(number) == OmsReport.State.RETRYING);
        server.close();
        failWith.set(0);
        clock.advance(Duration.ofMinutes(1));
        server = startSwitch();
        // The sweep of the new process finds it.
        Await.until(Duration.ofSeconds(30), "the report delivered by the restarted switch",
                () -> state(number) == OmsReport.State.DELIVERED);
        assertDeliveredOnce(number);
        // The restarted switch has a new simulator: the OMS's reply is the one text it has seen.
        assertTrue(awaitReplies(number, 1).get(0).startsWith("Outage ticket "), replies(number).toString());
    }

    @Test
    void aBurstWhileTheOmsIsDownIsForwardedOnceWhenItReturns() throws Exception {
        int count = 1000;
        failWith.set(503);
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            phones.add(next());
        }
        ExecutorService posters = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> posts = new ArrayList<>();
            for (String phone : phones) {
                posts.add(posters.submit(() -> postMo(phone, "OUT")));
            }
            for (Future<Integer> f : posts) {
                assertEquals(200, f.get(2, TimeUnit.MINUTES));
            }
        } finally {
            posters.shutdownNow();
        }
        Await.until(Duration.ofSeconds(120), "every report in the outbox", () -> reports(phones) == count);
        // The OMS is down for a minute of the switch's time; then it returns.
        clock.advance(Duration.ofMinutes(1));
        failWith.set(0);
        long start = System.nanoTime();
        server.smsSwitch().forwarder().forwardDue();
        Await.until(Duration.ofSeconds(120), "every report delivered", () -> delivered(phones) == count);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("OMS backlog of %d reports drained in %.1f s after the OMS returned%n", count, seconds);
        for (String phone : phones) {
            assertDeliveredOnce(phone);
        }
    }

    private static void assertDeliveredOnce(String number) {
        List<Map<String, String>> got = requestsFrom(number);
        long keys = got.stream().map(r -> r.get("key")).distinct().count();
        long reportsFrom = reports(List.of(number));
        assertEquals(reportsFrom, keys, "one key per report from " + number);
        got.stream().map(r -> r.get("key")).distinct().forEach(k -> assertTrue(processed.containsKey(k),
                "the OMS processed " + k));
    }

    private static String next() {
        return "+1" + numbers.incrementAndGet();
    }

    private static void mo(String number, String text) throws Exception {
        assertEquals("ESME_ROK", server.smsSwitch().simulator().injectMo(number, "55555", text));
    }

    private static int postMo(String number, String text) throws Exception {
        String body = "from=" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "&to=55555&text=" + text
                + "&id=burst-" + number;
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mo"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "aggregator:aggregator".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static CheckOptInResponse check(String number) throws Exception {
        CheckOptIn check = new CheckOptIn();
        check.setNumber(number);
        return server.demo().checkOptIn(check);
    }

    private static List<Map<String, String>> requestsFrom(String number) {
        return requests.stream().filter(r -> read(r.get("body")).path("phoneNumber").asText().equals(number))
                .toList();
    }

    private static JsonNode onlyRequestFrom(String number) {
        List<Map<String, String>> got = requestsFrom(number);
        assertEquals(1, got.size());
        return read(got.get(0).get("body"));
    }

    private static OmsReport report(String number) {
        OmsReport found = maybeReport(number);
        assertTrue(found != null, "a report from " + number);
        return found;
    }

    private static OmsReport maybeReport(String number) {
        return server.smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "from OmsReport r where r.phoneNumber = :n and r.kind <> org.smsswitch.oms.OmsReport.Kind.ANSWER",
                        OmsReport.class)
                .setParameter("n", number).uniqueResult());
    }

    /** The report's state, or null before the MO made it. */
    private static OmsReport.State state(String number) {
        OmsReport r = maybeReport(number);
        return r == null ? null : r.state();
    }

    private static int attempts(String number) {
        OmsReport r = maybeReport(number);
        return r == null ? 0 : r.attempts();
    }

    private static long reports(List<String> phones) {
        return server.smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "select count(r) from OmsReport r where r.phoneNumber in :n", Long.class)
                .setParameterList("n", phones).getSingleResult());
    }

    private static long delivered(List<String> phones) {
        return server.smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery("""
                        select count(r) from OmsReport r where r.phoneNumber in :n
                        and r.state = org.smsswitch.oms.OmsReport.State.DELIVERED""", Long.class)
                .setParameterList("n", phones).getSingleResult());
    }

    private static List<String> replies(String number) {
        return server.textsTo(number);
    }

    private static List<String> awaitReplies(String number, int count) {
        Await.until(Duration.ofSeconds(30), count + " texts to " + number, () -> replies(number).size() >= count);
        return replies(number);
    }

    private static void awaitSettled(String number) {
        server.awaitSettled(number);
    }

    /** Texts in a fixed order: two replies queued together may reach the carrier either way round. */
    private static List<String> sorted(List<String> texts) {
        return texts.stream().sorted().toList();
    }

    private static JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
