package org.smsswitch.mo;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.smsswitch.account.Account;
import org.smsswitch.numbers.LongNumber;
import org.smsswitch.numbers.NumberService;
import org.smsswitch.numbers.ShortCode;
import org.smsswitch.numbers.ShortCodeService;
import org.smsswitch.optin.Keyword;
import org.smsswitch.oms.OmsReport;
import org.smsswitch.oms.OmsService;
import org.smsswitch.optin.OptIn;
import org.smsswitch.optin.OptInKind;
import org.smsswitch.optin.OptInService;
import org.smsswitch.persistence.Transactions;
import org.smsswitch.send.SendService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Texts phones send in, whether an aggregator posts them or a carrier delivers them over SMPP: each
 * is stored first (once: an aggregator's redelivery of the same id is recognised), acknowledged, and
 * then processed by the {@link KeywordEngine} in one transaction that changes the opt-ins, records
 * the multiple-keywords question and queues the replies, which go before every other send.
 *
 * <p>Texts from one number are processed in the order they were stored: each number has its lane. A
 * text that could not be processed (the node stopped, the database failed) is taken up again by
 * {@link #processPending}, which a Quartz job runs.
 */
public final class MoService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MoService.class);
    /** How long the multiple-keywords question waits for its answer (MO rule 5). */
    public static final Duration QUESTION_WINDOW = Duration.ofMinutes(30);
    static final String DEFAULT_QUIT = "You have been unsubscribed. No more messages will be sent. HELP4More";
    static final String DEFAULT_HELP = "Text a keyword to join its alerts, STOP to quit. Msg&Data rates may apply.";
    static final String DEFAULT_UNKNOWN = "Sorry, we did not understand your message. Text HELP for help or STOP to"
            + " quit.";
    private static final int LANES = 4;
    /** A text not processed this long after it was stored is taken up by the sweep. */
    private static final Duration PENDING_AFTER = Duration.ofSeconds(10);
    private static final int SWEEP_BATCH = 500;
    /** Tries before a text that keeps failing is given up (and its outcome says so). */
    private static final int MAX_ATTEMPTS = 5;

    private final Transactions tx;
    private final Clock clock;
    private final Runnable repliesQueued;
    private final Runnable notificationsQueued;
    private final Runnable reportsQueued;
    private final ExecutorService[] lanes = new ExecutorService[LANES];

    /** A text as it came in; {@code aggregator} and its message id are null for SMPP. */
    public record Inbound(String source, String shortCode, String text, String channel, String aggregator,
            String aggregatorMessageId, String carrierName, Instant sentAt) {
    }

    /** The stored text's id, and whether it had been received before (and is not processed again). */
    public record Received(long id, boolean duplicate) {
    }

    /**
     * @param repliesQueued told when replies were queued, so that the queue is drained at once
     * @param notificationsQueued told when notifications for keywords' applications were written
     * @param reportsQueued told when outage reports (or answers) for an OMS were written
     */
    public MoService(Transactions tx, Clock clock, Runnable repliesQueued, Runnable notificationsQueued,
            Runnable reportsQueued) {
        this.tx = tx;
        this.clock = clock;
        this.repliesQueued = repliesQueued;
        this.notificationsQueued = notificationsQueued;
        this.reportsQueued = reportsQueued;
        for (int i = 0; i < LANES; i++) {
            String name = "mo-lane-" + i;
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /**
     * Stores a text and hands it to its number's lane; returns once it is stored. A text whose
     * aggregator and aggregator id were seen before is not stored or processed again.
     */
    public Received receive(Inbound in) {
        Received received = store(in);
        if (!received.duplicate()) {
            try {
                lanes[Math.floorMod(in.source().hashCode(), LANES)].execute(() -> processQuietly(received.id()));
            } catch (RejectedExecutionException e) {
                log.debug("Inbound message {} left for the sweep: stopping", received.id());
            }
        }
        return received;
    }

    private Received store(Inbound in) {
        try {
            return tx.call(s -> {
                Long known = in.aggregatorMessageId() == null ? null : existing(s, in);
                if (known != null) {
                    return new Received(known, true);
                }
                InboundMessage m = new InboundMessage(in.source(), in.shortCode(), in.text(), in.channel(),
                        in.aggregator(), in.aggregatorMessageId(), in.carrierName(), clock.instant());
                m.sentAt(in.sentAt());
                s.persist(m);
                return new Received(m.id(), false);
            });
        } catch (RuntimeException e) {
            // Two deliveries of one text at once: the unique key lets one in.
            Long known = in.aggregatorMessageId() == null ? null : tx.call(s -> existing(s, in));
            if (known == null) {
                throw e;
            }
            return new Received(known, true);
        }
    }

    /**
     * Whether the switch serves this short code, or has this long number provisioned to an account (the
     * MO listener refuses texts to others).
     */
    public boolean serves(String shortCode) {
        return tx.call(s -> ShortCodeService.find(s, shortCode).isPresent() || s.createSelectionQuery(
                        "select count(n) from LongNumber n where n.phoneNumber = :n and n.accountId is not null",
                        Long.class)
                .setParameter("n", shortCode)
                .getSingleResult() > 0);
    }

    private static Long existing(Session s, Inbound in) {
        return s.createSelectionQuery("""
                        select m.id from InboundMessage m
                        where m.aggregator = :a and m.aggregatorMessageId = :id""", Long.class)
                .setParameter("a", in.aggregator())
                .setParameter("id", in.aggregatorMessageId())
                .uniqueResult();
    }

    /** Processes the stored texts that are still waiting, oldest first; returns how many it processed. */
    public int processPending() {
        Instant before = clock.instant().minus(PENDING_AFTER);
        List<Long> ids = tx.call(s -> s.createSelectionQuery("""
                        select m.id from InboundMessage m where m.processedAt is null and m.receivedAt < :before
                        order by m.receivedAt, m.id""", Long.class)
                .setParameter("before", before)
                .setMaxResults(SWEEP_BATCH)
                .getResultList());
        int processed = 0;
        for (long id : ids) {
            if (processQuietly(id)) {
                processed++;
            }
        }
        return processed;
    }

    private boolean processQuietly(long id) {
        try {
            return process(id);
        } catch (RuntimeException e) {
            try {
                int attempts = tx.call(s -> {
                    InboundMessage m = s.find(InboundMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
                    if (m == null || m.processedAt() != null) {
                        return 0;
                    }
                    int failed = m.failed();
                    if (failed >= MAX_ATTEMPTS) {
                        m.processed("not processed after " + failed + " tries: " + e, clock.instant());
                    }
                    return failed;
                });
                if (attempts >= MAX_ATTEMPTS) {
                    log.error("Inbound message {} given up after {} tries; the last failure: {}", id, attempts,
                            e.toString());
                } else {
                    log.warn("Inbound message {} not processed now (try {}); the sweep tries again: {}", id,
                            attempts, e.toString());
                }
            } catch (RuntimeException again) {
                log.warn("Inbound message {} not processed now; the sweep tries again: {}", id, e.toString());
            }
            return false;
        }
    }

    /**
     * Processes a stored text unless it was processed already, together with every text from the same
     * number to the same short code still waiting, oldest first: a STOP sent after a keyword is never
     * applied before it, whichever lane, node or sweep gets to them first. The waiting texts are locked
     * in that order, so two nodes take turns on one number's texts. Returns whether it processed any.
     */
    boolean process(long id) {
        int done = tx.call(s -> {
            Object[] from = s.createSelectionQuery("""
                            select m.sourceNumber, m.shortCode, m.receivedAt from InboundMessage m
                            where m.id = :id and m.processedAt is null""", Object[].class)
                    .setParameter("id", id)
                    .uniqueResult();
            if (from == null) {
                return 0;
            }
            // By the number's index only (no condition on processed_at, whose index would have the
            // query lock every waiting text of every number); the day before this text is enough.
            List<InboundMessage> waiting = s.createSelectionQuery("""
                            from InboundMessage m where m.sourceNumber = :n and m.receivedAt >= :since
                            order by m.receivedAt, m.id""", InboundMessage.class)
                    .setParameter("n", from[0])
                    .setParameter("since", ((Instant) from[2]).minus(Duration.ofDays(1)))
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList()
                    .stream()
                    .filter(m -> m.processedAt() == null && m.shortCode().equals(from[1]))
                    .toList();
            for (InboundMessage m : waiting) {
                String outcome = apply(s, m);
                m.processed(outcome, clock.instant());
                log.info("Inbound message {} from {} to {}: {}", m.id(), m.sourceNumber(), m.shortCode(), outcome);
            }
            return waiting.size();
        });
        if (done > 0) {
            repliesQueued.run();
            notificationsQueued.run();
            reportsQueued.run();
        }
        return done > 0;
    }

    private String apply(Session s, InboundMessage m) {
        ShortCode code = ShortCodeService.find(s, m.shortCode()).orElse(null);
        if (code == null) {
            LongNumber number = NumberService.provisioned(s, m.shortCode(), true).orElse(null);
            if (number != null) {
                return ConversationService.receive(s, m, number, s.find(Account.class, number.accountId()),
                        clock.instant());
            }
            return "short code " + m.shortCode() + " is not served here; no reply";
        }
        Instant now = clock.instant();
        String number = m.sourceNumber();
        Map<String, Keyword> keywords = new LinkedHashMap<>();
        s.createSelectionQuery("from Keyword k where k.shortCode = :c order by k.word", Keyword.class)
                .setParameter("c", code)
                .getResultList()
                .forEach(k -> keywords.put(k.word(), k));
        List<String> active = OptInService.activeOn(s, keywords.values().stream().map(Keyword::id).toList(), number)
                .stream().map(o -> o.keyword().word()).sorted().toList();
        QuitQuestion question = s.createSelectionQuery(
                        "from QuitQuestion q where q.shortCodeId = :c and q.phoneNumber = :n", QuitQuestion.class)
                .setParameter("c", code.id())
                .setParameter("n", number)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .uniqueResult();
        boolean asked = question != null && question.askedAt().plus(QUESTION_WINDOW).isAfter(now);
        KeywordEngine.Decision decision = KeywordEngine.decide(m.body(), keywords.keySet(), active, asked);
        String proof = "MO " + m.id() + " from " + number + " to " + code.code();
        if (decision instanceof KeywordEngine.OptOut out) {
            if (question != null) {
                s.remove(question);
            }
            if (out.keywords().isEmpty()) {
                reply(s, code, null, number, orDefault(code.quitText(), DEFAULT_QUIT), now);
                return "opt-out with no keyword active; generic quit message";
            }
            for (String word : out.keywords()) {
                Keyword k = keywords.get(word);
                OptInService.optOut(s, k, number, proof, now);
                // An application that sends its own exit message answers the notice with it.
                boolean appExit = k.applicationUrl() != null && k.applicationSendsExit();
                if (k.applicationUrl() != null) {
                    s.persist(new AppNotification(k, AppNotification.Event.OPT_OUT, number, m.body(), null, m.id(),
                            appExit, now));
                }
                if (!appExit) {
                    reply(s, code, k, number, k.quitText(), now);
                }
            }
            return (out.global() ? "opt-out of all: " : "opt-out: ") + String.join(", ", out.keywords());
        }
        if (decision instanceof KeywordEngine.AskWhich ask) {
            if (question == null) {
                s.persist(new QuitQuestion(code.id(), number, now));
            } else {
                question.askedAgain(now);
            }
            reply(s, code, null, number, KeywordEngine.question(ask.active()), now);
            return "asked which of " + String.join(", ", ask.active());
        }
        if (decision instanceof KeywordEngine.Help help) {
            if (help.keywords().isEmpty()) {
                reply(s, code, null, number, orDefault(code.helpText(), DEFAULT_HELP), now);
                return "help: generic";
            }
            for (String word : help.keywords()) {
                Keyword k = keywords.get(word);
                reply(s, code, k, number, k.helpText(), now);
            }
            return "help: " + String.join(", ", help.keywords());
        }
        if (decision instanceof KeywordEngine.OptIn in) {
            Keyword k = keywords.get(in.keyword());
            OptIn optIn = OptInService.optIn(s, k, number, OptInKind.MO, proof, now);
            reply(s, code, k, number, k.welcomeText(), now);
            if (k.outage()) {
                // Rule 10: opted in, and the report goes to the utility's OMS, which answers the phone.
                Map<String, String> tags = new LinkedHashMap<>();
                optIn.tags().forEach(t -> tags.put(t.name(), t.value()));
                OmsReport report = OmsService.report(s, k, number, m.body(), tags, m.id(), now);
                return (report.kind() == OmsReport.Kind.STATUS ? "status question" : "outage report")
                        + " for the OMS (report " + report.id() + "); opt-in: " + k.word();
            }
            if (k.applicationUrl() != null) {
                s.persist(new AppNotification(k, AppNotification.Event.MO, number, m.body(),
                        in.parameters().isEmpty() ? null : in.parameters(), m.id(), false, now));
            }
            return "opt-in: " + k.word() + (in.parameters().isEmpty() ? ""
                    : " with parameters (" + in.parameters().length() + " characters)");
        }
        // A text that is no command, while the OMS waits for this phone's answer, is that answer.
        Optional<OmsReport> omsQuestion = OmsService.awaitingAnswer(s, code.id(), number, now);
        if (omsQuestion.isPresent()) {
            OmsReport answer = OmsService.answer(s, omsQuestion.get(), m.body(), m.id(), now);
            return "answer for the OMS (report " + answer.id() + ", conversation " + answer.conversation() + ")";
        }
        reply(s, code, null, number, orDefault(code.unknownText(), DEFAULT_UNKNOWN), now);
        return "no keyword; unknown-word message";
    }

    /**
     * Queues a reply to the phone, ahead of every other send (see {@link SendService#queueOwn}). It
     * belongs to the keyword's account, or for a short code's generic message to its owner (none on a
     * shared short code).
     */
    private static void reply(Session s, ShortCode code, Keyword keyword, String number, String text, Instant now) {
        Long account = keyword != null ? keyword.account().id() : code.owner() == null ? null : code.owner().id();
        SendService.queueOwn(s, account, code.id(), number, text, SendService.PRIORITY_REPLY, now);
    }

    private static String orDefault(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }

    /** The stored texts of a number, newest first: for operators and tests. */
    public List<InboundMessage> recent(String number, int max) {
        return tx.call(s -> new ArrayList<>(s.createSelectionQuery(
                        "from InboundMessage m where m.sourceNumber = :n order by m.id desc", InboundMessage.class)
                .setParameter("n", number)
                .setMaxResults(max)
                .getResultList()));
    }

    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            try {
                lane.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
