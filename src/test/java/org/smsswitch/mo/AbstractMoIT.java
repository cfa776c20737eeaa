package org.smsswitch.mo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smsswitch.api.admin.ws.CreateKeyword;
import org.smsswitch.api.admin.ws.CreateShortCode;
import org.smsswitch.api.admin.ws.ShortCodeType;
import org.smsswitch.api.admin.ws.InvalidRequestFault;
import org.smsswitch.api.admin.ws.Period;
import org.smsswitch.api.ws.CheckOptIn;
import org.smsswitch.api.ws.CheckOptInResponse;
import org.smsswitch.api.ws.ForceOptOut;
import org.smsswitch.api.ws.KeywordOptIn;
import org.smsswitch.carrier.smpp.SmppSimulator;
import org.smsswitch.optin.OptIn;
import org.smsswitch.optin.OptInKind;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.MutableClock;
import org.smsswitch.testing.TestSwitch;

/**
 * RULES.md's MO rules, through the MO listener over HTTP and as SMPP deliver_sm from the simulator:
 * each case texts the short code from a fresh number and checks the exact replies that reach the
 * simulator and the opt-ins left behind.
 */
abstract class AbstractMoIT {
    static final MutableClock clock = new MutableClock();
    static final String SHORT_CODE = "55555";
    private static final AtomicLong numbers = new AtomicLong(5_550_700_000L);
    private static final AtomicLong ids = new AtomicLong();
    private static final HttpClient http = HttpClient.newHttpClient();

    static final String ALERTS_WELCOME = "Thank you for joining Demo Utility Alerts. Msg&Data rates may apply."
            + " Max 4 msgs/mo. For more, go to example.com/alerts. STOP2Quit, HELP4More";
    static final String ALERTS_HELP = "Demo Utility Alerts: Max 4 msgs/mo. Help at example.com/alerts or"
            + " 1-800-555-0199. STOP2Quit";
    static final String ALERTS_QUIT = "This message confirms that you have quit Demo Utility Alerts. No more"
            + " messages will be sent. HELP4More";
    static final String NEWS_HELP = "Demo News: Max 2 msgs/mo. Help at example.com/news";
    static final String NEWS_QUIT = "This message confirms that you have quit Demo News. No more messages will be"
            + " sent. HELP4More";
    static final String GENERIC_HELP = "Demo Utility SMS. Help at example.com/sms or 1-800-555-0199. Msg&Data rates"
            + " may apply.";
    static final String GENERIC_QUIT = "You have been unsubscribed. No more messages will be sent. HELP4More";
    static final String UNKNOWN = "Sorry, we did not understand. Text HELP for help.";
    static final String QUESTION = "Multiple keywords active. Reply with one of ALERTS STOP, NEWS STOP or with"
            + " STOP ALL to quit all.";

    abstract TestSwitch server();

    /** Registers the second keyword of the cases, NEWS, beside the demo data's ALERTS. */
    static void createNews(TestSwitch server) throws Exception {
        CreateKeyword k = new CreateKeyword();
        k.setShortCode(SHORT_CODE);
        k.setKeyword("news");
        k.setAccount("demo");
        k.setServiceName("Demo News");
        k.setRecurring(true);
        k.setMaxMessages(2);
        k.setPeriod(Period.MONTH);
        k.setOptInRequired(true);
        k.setWelcomeText("Thanks for joining Demo News. Msg&Data rates may apply. Max 2 msgs/mo. STOP2Quit,"
                + " HELP4More");
        k.setHelpText(NEWS_HELP);
        k.setQuitText(NEWS_QUIT);
        server.admin().createKeyword(k);
    }

    /** How a text reaches the switch. */
    enum Channel { HTTP, SMPP }

    /** One text of a case, sent after the clock moved on by {@code after}, and the replies it gets. */
    record Step(Duration after, String text, List<String> replies) {
        static Step text(String text, String... replies) {
            return new Step(Duration.ZERO, text, List.of(replies));
        }

        Step later(Duration by) {
            return new Step(by, text, replies);
        }
    }

    record Case(String name, Set<String> optedIn, List<Step> steps, Set<String> activeAfter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case of(String name, Set<String> optedIn, Set<String> activeAfter, Step... steps) {
        return new Case(name, optedIn, List.of(steps), activeAfter);
    }

    static List<Case> cases() {
        Set<String> both = Set.of("ALERTS", "NEWS");
        Set<String> alerts = Set.of("ALERTS");
        Set<String> none = Set.of();
        return List.of(
                of("quit word inside a sentence", alerts, none, Step.text("please STOP texting me", ALERTS_QUIT)),
                of("Stop in mixed case", alerts, none, Step.text("Stop", ALERTS_QUIT)),
                of("qualified opt-out", both, Set.of("NEWS"), Step.text("ALERTS STOP", ALERTS_QUIT)),
                of("STOP ALL", both, none, Step.text("STOP ALL", ALERTS_QUIT, NEWS_QUIT)),
                of("stopall", both, none, Step.text("stopall", ALERTS_QUIT, NEWS_QUIT)),
                of("ARRET", alerts, none, Step.text("ARRET", ALERTS_QUIT)),
                of("arrêt", alerts, none, Step.text("arrêt", ALERTS_QUIT)),
                of("STOP with one keyword active", alerts, none, Step.text("STOP", ALERTS_QUIT)),
                of("STOP with no keyword active", none, none, Step.text("STOP", GENERIC_QUIT)),
                of("STOP with two keywords active asks which", both, both, Step.text("STOP", QUESTION)),
                of("a second STOP within 30 minutes quits all", both, none,
                        Step.text("STOP", QUESTION),
                        Step.text("stop", ALERTS_QUIT, NEWS_QUIT).later(Duration.ofMinutes(29))),
                of("a second STOP after 30 minutes asks again", both, both,
                        Step.text("STOP", QUESTION),
                        Step.text("STOP", QUESTION).later(Duration.ofMinutes(31))),
                of("the question answered with one keyword", both, alerts,
                        Step.text("STOP", QUESTION),
                        Step.text("NEWS STOP", NEWS_QUIT)),
                of("HELP with opt-ins", both, both, Step.text("HELP", ALERTS_HELP, NEWS_HELP)),
                of("HELP without opt-ins", none, none, Step.text("HELP", GENERIC_HELP)),
                of("alerts help", none, none, Step.text("alerts help", ALERTS_HELP)),
                of("keyword opt-in", none, alerts, Step.text("ALERTS", ALERTS_WELCOME)),
                of("keyword with parameters", none, alerts, Step.text("alerts 123 Main St", ALERTS_WELCOME)),
                of("unknown word", alerts, alerts, Step.text("hello there", UNKNOWN)));
    }

    static Stream<Arguments> casesByChannel() {
        return Stream.of(Channel.values()).flatMap(ch -> cases().stream().map(c -> Arguments.of(ch, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("casesByChannel")
    void followsTheRules(Channel channel, Case c) throws Exception {
        String number = "+1" + numbers.incrementAndGet();
        for (String word : c.optedIn()) {
            server().smsSwitch().optIns().optIn(keywordId(word), number, OptInKind.WEB, "test", Map.of());
        }
        int received = 0;
        for (Step step : c.steps()) {
            clock.advance(step.after());
            if (channel == Channel.HTTP) {
                HttpResponse<String> answer = post(aggregator(), form(number, SHORT_CODE, step.text(), nextId()));
                assertEquals(200, answer.statusCode(), answer.body());
            } else {
                assertEquals("ESME_ROK", simulator().injectMo(number, SHORT_CODE, step.text()));
            }
            received += step.replies().size();
            int expected = received;
            Await.until(Duration.ofSeconds(20), step.replies().size() + " replies to " + step.text(),
                    () -> repliesTo(number).size() >= expected);
            List<String> replies = repliesTo(number);
            assertEquals(sorted(step.replies()), sorted(replies.subList(expected - step.replies().size(),
                    replies.size())), "the replies to '" + step.text() + "'");
        }
        awaitSettled(number);
        assertEquals(received, repliesTo(number).size(), "no reply beyond those expected");
        assertEquals(new TreeSet<>(c.activeAfter()), active(number), "the keywords still active");
    }

    @Test
    void anUnknownWordOnADedicatedShortCodeGetsItsOwnersMessage() throws Exception {
        CreateShortCode code = new CreateShortCode();
        code.setCode("66601");
        code.setType(ShortCodeType.DEDICATED);
        code.setOwnerAccount("demo");
        code.setHelpText("Demo Utility direct line. Help at example.com/sms");
        code.setQuitText("You have quit Demo Utility texts. No more messages will be sent.");
        code.setUnknownText("Demo Utility did not understand. Text OUT to report an outage, HELP for help.");
        server().admin().createShortCode(code);
        String number = "+1" + numbers.incrementAndGet();
        assertEquals(200, post(aggregator(), form(number, "66601", "what is this", nextId())).statusCode());
        Await.until(Duration.ofSeconds(20), "the reply", () -> !repliesTo(number).isEmpty());
        awaitSettled(number);
        assertEquals(List.of("Demo Utility did not understand. Text OUT to report an outage, HELP for help."),
                repliesTo(number));
        assertEquals("66601", simulator().received().stream().filter(r -> r.destination().equals(number))
                .findFirst().orElseThrow().source());
        Long owner = server().smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "select m.accountId from MtMessage m where m.destination = :n", Long.class)
                .setParameter("n", number).getSingleResult());
        Long demo = server().smsSwitch().accounts().find("demo").orElseThrow().id();
        assertEquals(demo, owner, "the reply is the owner's");
    }

    @Test
    void aNumbersTextsAreProcessedInTheOrderTheyCameWhicheverIsTakenUpFirst() throws Exception {
        String number = "+1" + numbers.incrementAndGet();
        // Stored, not yet processed: a keyword, then a STOP (as when the first one's processing failed).
        long[] ids = server().smsSwitch().database().sessionFactory().fromTransaction(s -> {
            InboundMessage join = new InboundMessage(number, SHORT_CODE, "ALERTS", "HTTP", "aggregator", nextId(),
                    null, clock.instant());
            InboundMessage stop = new InboundMessage(number, SHORT_CODE, "STOP", "HTTP", "aggregator", nextId(),
                    null, clock.instant().plusMillis(1));
            s.persist(join);
            s.persist(stop);
            return new long[] {join.id(), stop.id()};
        });
        assertTrue(server().smsSwitch().mo().process(ids[1]), "the STOP taken up first");
        awaitSettled(number);
        assertEquals(sorted(List.of(ALERTS_WELCOME, ALERTS_QUIT)), sorted(repliesTo(number)),
                "the welcome and the quit confirmation");
        assertEquals(Set.of(), active(number), "opted out, as the phone asked last");
        assertEquals(false, server().smsSwitch().mo().process(ids[0]), "processed once");
    }

    @Test
    void anMoOptInRecordsItsKindAndProof() throws Exception {
        String number = "+1" + numbers.incrementAndGet();
        assertEquals(200, post(aggregator(), form(number, SHORT_CODE, "ALERTS 123 Main St", nextId())).statusCode());
        Await.until(Duration.ofSeconds(20), "the opt-in", () -> active(number).contains("ALERTS"));
        OptIn optIn = server().smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "from OptIn o join fetch o.keyword where o.phoneNumber = :n", OptIn.class)
                .setParameter("n", number).getSingleResult());
        assertEquals(OptInKind.MO, optIn.kind());
        assertTrue(optIn.proof().startsWith("MO ") && optIn.proof().contains(number), optIn.proof());
    }

    @Test
    void checkOptInShowsEveryKeywordWithTagsAndHistory() throws Exception {
        String number = "+1" + numbers.incrementAndGet();
        server().smsSwitch().optIns().optIn(keywordId("NEWS"), number, OptInKind.WEB, "signup page example.com",
                Map.of("account", "A-17"));
        assertEquals(200, post(aggregator(), form(number, SHORT_CODE, "ALERTS", nextId())).statusCode());
        Await.until(Duration.ofSeconds(20), "the MO opt-in", () -> active(number).contains("ALERTS"));
        assertEquals(200, post(aggregator(), form(number, SHORT_CODE, "NEWS STOP", nextId())).statusCode());
        Await.until(Duration.ofSeconds(20), "the MO opt-out", () -> !active(number).contains("NEWS"));

        CheckOptIn check = new CheckOptIn();
        check.setNumber(number);
        CheckOptInResponse answer = server().demo().checkOptIn(check);
        assertEquals(number, answer.getNumber());
        List<KeywordOptIn> optIns = answer.getOptIn();
        assertEquals(List.of("ALERTS", "NEWS"), optIns.stream().map(KeywordOptIn::getKeyword).toList());
        KeywordOptIn alerts = optIns.get(0);
        assertTrue(alerts.isActive());
        assertEquals(org.smsswitch.api.ws.OptInKind.MO, alerts.getKind());
        KeywordOptIn news = optIns.get(1);
        assertEquals(false, news.isActive());
        assertEquals(org.smsswitch.api.ws.OptInKind.WEB, news.getKind());
        assertEquals("signup page example.com", news.getProof());
        assertEquals("account=A-17", news.getTag().get(0).getName() + "=" + news.getTag().get(0).getValue());
        assertEquals(List.of(true, false), news.getHistory().stream().map(e -> e.isOptedIn()).toList());
        assertTrue(news.getHistory().get(1).getSource().startsWith("MO "), news.getHistory().get(1).getSource());
    }

    @Test
    void forceOptOutIsRecordedWithTheOperatorAndSendsNothing() throws Exception {
        String number = "+1" + numbers.incrementAndGet();
        server().smsSwitch().optIns().optIn(keywordId("ALERTS"), number, OptInKind.WEB, "test", Map.of());
        server().smsSwitch().optIns().optIn(keywordId("NEWS"), number, OptInKind.WEB, "test", Map.of());
        ForceOptOut one = new ForceOptOut();
        one.setNumber(number);
        one.setShortCode(SHORT_CODE);
        one.setKeyword("news");
        one.setReason("customer called");
        assertEquals(1, server().demo().forceOptOut(one).getOptedOut());
        assertEquals(Set.of("ALERTS"), active(number));
        ForceOptOut all = new ForceOptOut();
        all.setNumber(number);
        all.setShortCode(SHORT_CODE);
        assertEquals(1, server().demo().forceOptOut(all).getOptedOut());
        assertEquals(Set.of(), active(number));

        CheckOptIn check = new CheckOptIn();
        check.setNumber(number);
        KeywordOptIn news = server().demo().checkOptIn(check).getOptIn().stream()
                .filter(o -> o.getKeyword().equals("NEWS")).findFirst().orElseThrow();
        assertEquals("Forced by demo: customer called", news.getHistory().get(1).getSource());
        assertEquals(List.of(), repliesTo(number), "a forced opt-out texts nobody");
    }

    @Test
    void optInWithWelcomeSendsTheWelcome() throws Exception {
        String number = "+1" + numbers.incrementAndGet();
        org.smsswitch.api.ws.OptIn optIn = new org.smsswitch.api.ws.OptIn();
        optIn.setShortCode(SHORT_CODE);
        optIn.setKeyword("ALERTS");
        optIn.getNumber().add(number);
        optIn.setKind(org.smsswitch.api.ws.OptInKind.IVR);
        optIn.setProof("IVR call 2026-12-01 09:30");
        optIn.setSendWelcome(true);
        assertEquals(1, server().demo().optIn(optIn).getOptedIn());
        Await.until(Duration.ofSeconds(20), "the welcome", () -> !repliesTo(number).isEmpty());
        awaitSettled(number);
        assertEquals(List.of(ALERTS_WELCOME), repliesTo(number));
    }

    static final String ALERTS_DISCLOSURE = "By signing up you agree to receive recurring automated text messages"
            + " from Demo Utility Alerts at the number above, up to 4 msgs/mo. Consent is not a condition of purchase."
            + " Msg&Data rates may apply. Text STOP to 55555 to quit, HELP for help.";

    @Test
    void theSignUpWidgetOptsInOnTheWebAndSendsTheWelcome() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server().baseUrl()
                + "/signup/?shortCode=55555&keyword=ALERTS")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form id=\"signup\""), page.body());
        HttpResponse<String> program = http.send(HttpRequest.newBuilder(URI.create(server().baseUrl()
                + "/signup/api/keyword?shortCode=55555&keyword=alerts")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, program.statusCode());
        assertEquals("{\"shortCode\":\"55555\",\"keyword\":\"ALERTS\",\"serviceName\":\"Demo Utility Alerts\","
                + "\"disclosure\":\"" + ALERTS_DISCLOSURE + "\"}", program.body());

        long n = numbers.incrementAndGet();
        String number = "+1" + n;
        String typed = "(" + Long.toString(n).substring(0, 3) + ") " + Long.toString(n).substring(3, 6) + "-"
                + Long.toString(n).substring(6);
        HttpResponse<String> signedUp = signUp("ALERTS", typed, true);
        assertEquals(200, signedUp.statusCode(), signedUp.body());
        assertEquals("{\"ok\":true,\"message\":\"You are signed up for Demo Utility Alerts. A welcome text is on its"
                + " way to " + number + ".\"}", signedUp.body());
        Await.until(Duration.ofSeconds(20), "the welcome", () -> !repliesTo(number).isEmpty());
        awaitSettled(number);
        assertEquals(List.of(ALERTS_WELCOME), repliesTo(number));
        OptIn optIn = server().smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "from OptIn o where o.phoneNumber = :n", OptIn.class)
                .setParameter("n", number).getSingleResult());
        assertEquals(OptInKind.WEB, optIn.kind());
        assertTrue(optIn.proof().startsWith("Web sign-up widget on https://utility.example/alerts from 127.0.0.1 at "),
                optIn.proof());
        assertTrue(optIn.proof().endsWith("; shown: " + ALERTS_DISCLOSURE), optIn.proof());
    }

    @Test
    void theSignUpWidgetRefusesWhatItCannotTake() throws Exception {
        String number = "+1" + numbers.incrementAndGet();
        HttpResponse<String> noConsent = signUp("ALERTS", number, false);
        assertEquals(400, noConsent.statusCode());
        assertEquals("{\"ok\":false,\"error\":\"Please tick the box to agree to the terms above.\"}", noConsent.body());
        HttpResponse<String> badNumber = signUp("ALERTS", "555-CALL", true);
        assertEquals(400, badNumber.statusCode());
        assertEquals("{\"ok\":false,\"error\":\"Please enter a mobile number, such as (555) 010-0001.\"}",
                badNumber.body());
        HttpResponse<String> outage = signUp("OUT", number, true);
        assertEquals(404, outage.statusCode());
        assertEquals("{\"ok\":false,\"error\":\"There is no sign-up for keyword OUT on short code 55555.\"}",
                outage.body());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, signUp("ALERTS", number, true).statusCode());
        }
        HttpResponse<String> fourth = signUp("ALERTS", number, true);
        assertEquals(429, fourth.statusCode(), "a fourth sign-up of one number within the hour");
        assertEquals(0, storedFrom(number));
    }

    HttpResponse<String> signUp(String keyword, String phone, boolean consent) throws Exception {
        String body = "shortCode=55555&keyword=" + keyword + "&phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)
                + (consent ? "&consent=yes" : "");
        return http.send(HttpRequest.newBuilder(URI.create(server().baseUrl() + "/signup/api"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Referer", "https://utility.example/alerts")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRedeliveredMoIsProcessedOnce() throws Exception {
        String number = "+1" + numbers.incrementAndGet();
        String id = nextId();
        HttpResponse<String> first = post(aggregator(), form(number, SHORT_CODE, "ALERTS", id));
        HttpResponse<String> again = post(aggregator(), form(number, SHORT_CODE, "ALERTS", id));
        assertEquals(200, first.statusCode());
        assertEquals(200, again.statusCode());
        assertTrue(first.body().startsWith("Stored as "), first.body());
        assertTrue(again.body().startsWith("Already received as "), again.body());
        Await.until(Duration.ofSeconds(20), "the welcome", () -> repliesTo(number).size() >= 1);
        awaitSettled(number);
        assertEquals(List.of(ALERTS_WELCOME), repliesTo(number));
        assertEquals(1, storedFrom(number));
    }

    @Test
    void aThousandConcurrentMosEachLandOnce() throws Exception {
        int count = 1000;
        List<String> senders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            senders.add("+1" + numbers.incrementAndGet());
        }
        String prefix = nextId() + "-";
        // Each text posted twice at once, as an aggregator retrying on a slow answer would.
        ExecutorService posters = Executors.newFixedThreadPool(32);
        List<Integer> statuses;
        try {
            List<Future<Integer>> posts = new ArrayList<>();
            for (String n : Stream.concat(senders.stream(), senders.stream()).toList()) {
                posts.add(posters.submit(() -> post(aggregator(), form(n, SHORT_CODE, "alerts", prefix + n))
                        .statusCode()));
            }
            statuses = new ArrayList<>();
            for (Future<Integer> f : posts) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            posters.shutdownNow();
        }
        assertEquals(List.of(200), statuses.stream().distinct().toList());
        Await.until(Duration.ofSeconds(60), count + " welcome messages", () -> simulator().received().stream()
                .filter(r -> senders.contains(r.destination())).count() >= count);
        senders.forEach(this::awaitSettled);
        Map<String, Long> welcomes = simulator().received().stream()
                .filter(r -> senders.contains(r.destination()))
                .collect(Collectors.groupingBy(SmppSimulator.ReceivedSubmit::destination, Collectors.counting()));
        assertEquals(count, welcomes.size());
        assertEquals(Set.of(1L), Set.copyOf(welcomes.values()), "one welcome per number");
        long stored = server().smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "select count(m) from InboundMessage m where m.aggregatorMessageId like :p", Long.class)
                .setParameter("p", prefix + "%").getSingleResult());
        assertEquals(count, stored);
        long optedIn = server().smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "select count(o) from OptIn o where o.active = true and o.phoneNumber in :n", Long.class)
                .setParameterList("n", senders).getSingleResult());
        assertEquals(count, optedIn);
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() throws Exception {
        String number = "+1" + numbers.incrementAndGet();
        HttpResponse<String> anonymous = post(null, form(number, SHORT_CODE, "ALERTS", nextId()));
        assertEquals(401, anonymous.statusCode());
        assertNotNull(anonymous.headers().firstValue("WWW-Authenticate").orElse(null));
        HttpResponse<String> wrongPassword = post(basic("aggregator", "nope"), form(number, SHORT_CODE, "ALERTS",
                nextId()));
        assertEquals(401, wrongPassword.statusCode());
        HttpResponse<String> client = post(basic("demo", "demo"), form(number, SHORT_CODE, "ALERTS", nextId()));
        assertEquals(403, client.statusCode());
        assertEquals("Account demo is not an aggregator account.", client.body().strip());

        Map<String, String> noFrom = form(number, SHORT_CODE, "ALERTS", nextId());
        noFrom.remove("from");
        assertRefused(noFrom, "The field 'from' is required.");
        assertRefused(form("12ab", SHORT_CODE, "ALERTS", nextId()),
                "'12ab' is not a phone number in E.164 form, such as +15550100001.");
        assertRefused(form(number, "99999", "ALERTS", nextId()), "Short code 99999 is not served by this switch.");
        Map<String, String> noId = form(number, SHORT_CODE, "ALERTS", null);
        assertRefused(noId, "The field 'id' is required.");
        Map<String, String> badTime = form(number, SHORT_CODE, "ALERTS", nextId());
        badTime.put("time", "yesterday");
        assertRefused(badTime, "The field 'time' must be ISO-8601 with an offset, such as 2026-12-01T09:30:00Z,"
                + " not 'yesterday'.");
        assertEquals(0, storedFrom(number), "nothing refused is stored");
    }

    @Test
    void reservedWordsCannotBeKeywords() throws Exception {
        for (String word : List.of("stop", "HELP", "Arrêt", "stopall")) {
            CreateKeyword k = new CreateKeyword();
            k.setShortCode(SHORT_CODE);
            k.setKeyword(word);
            k.setAccount("demo");
            k.setServiceName("Not allowed");
            k.setRecurring(false);
            k.setOptInRequired(true);
            k.setWelcomeText("Msg&Data rates may apply. HELP4More");
            k.setHelpText("Help at example.com");
            k.setQuitText("You have quit. No more messages will be sent.");
            InvalidRequestFault fault = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequestFault.class,
                    () -> server().admin().createKeyword(k));
            assertEquals("RESERVED_WORD", fault.getFaultInfo().getCode().value());
            assertEquals("'" + word + "' is a reserved carrier word (quit or help) and cannot be a keyword.",
                    fault.getFaultInfo().getMessage());
        }
    }

    private void assertRefused(Map<String, String> form, String reason) throws Exception {
        HttpResponse<String> answer = post(aggregator(), form);
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals(reason, answer.body().strip());
    }

    SmppSimulator simulator() {
        return server().smsSwitch().simulator();
    }

    long keywordId(String word) {
        return server().smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select k.id from Keyword k where k.word = :w", Long.class)
                .setParameter("w", word).getSingleResult());
    }

    List<String> repliesTo(String number) {
        return server().textsTo(number);
    }

    Set<String> active(String number) {
        List<String> words = server().smsSwitch().database().sessionFactory().fromTransaction(s -> s
                .createSelectionQuery("select o.keyword.word from OptIn o where o.phoneNumber = :n and o.active = true",
                        String.class)
                .setParameter("n", number).getResultList());
        return new TreeSet<>(words);
    }

    long storedFrom(String number) {
        return server().smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "select count(m) from InboundMessage m where m.sourceNumber = :n", Long.class)
                .setParameter("n", number).getSingleResult());
    }

    /** Every text from the number processed, and no reply to it still queued. */
    void awaitSettled(String number) {
        server().awaitSettled(number);
    }

    static List<String> sorted(List<String> texts) {
        return texts.stream().sorted().toList();
    }

    static String nextId() {
        return "agg-" + System.nanoTime() + "-" + ids.incrementAndGet();
    }

    static String aggregator() {
        return basic("aggregator", "aggregator");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> form(String from, String to, String text, String id) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("from", from);
        form.put("to", to);
        form.put("text", text);
        if (id != null) {
            form.put("id", id);
        }
        form.put("carrier", "Verizon Wireless");
        form.put("time", "2026-12-01T09:30:00Z");
        return form;
    }

    HttpResponse<String> post(String authorization, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server().baseUrl() + "/mo"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
