package org.smsswitch.oms;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;
import org.smsswitch.account.Account;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.HttpUrls;
import org.smsswitch.model.SwitchException;
import org.smsswitch.optin.Keyword;
import org.smsswitch.persistence.Transactions;

/**
 * Outage reports: an account's OMS endpoint, the reports written to the outbox with the MO that
 * made them, the phone's answers to the OMS's questions, and what operators see and replay.
 */
public final class OmsService {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 12;
    public static final Duration DEFAULT_ANSWER_WINDOW = Duration.ofMinutes(10);

    private final Transactions tx;
    private final Clock clock;

    public OmsService(Transactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /** An OMS endpoint's settings, as an operator gives them; nulls take the defaults. */
    public record EndpointSettings(String url, OmsEndpoint.Profile profile, OmsEndpoint.Auth auth, String username,
            String secret, Duration timeout, Integer maxAttempts, Duration answerWindow) {
    }

    /** Sets (or replaces) the OMS endpoint of an account. */
    public OmsEndpoint configure(String accountName, EndpointSettings e) {
        SwitchException.requireText(accountName, "account");
        SwitchException.requireText(e.url(), "url");
        if (!HttpUrls.isHttp(e.url(), 500)) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "url",
                    "The OMS URL must be an http or https URL of at most 500 characters.");
        }
        OmsEndpoint.Auth auth = e.auth() == null ? OmsEndpoint.Auth.NONE : e.auth();
        if (auth == OmsEndpoint.Auth.BASIC && (e.username() == null || e.username().isBlank())) {
            throw SwitchException.missing("username");
        }
        if (auth != OmsEndpoint.Auth.NONE && (e.secret() == null || e.secret().isEmpty())) {
            throw SwitchException.missing("secret");
        }
        Duration timeout = e.timeout() == null ? DEFAULT_TIMEOUT : e.timeout();
        if (timeout.toMillis() < 100 || timeout.toMillis() > 120_000) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "timeoutSeconds",
                    "The OMS timeout is between 0.1 and 120 seconds.");
        }
        int maxAttempts = e.maxAttempts() == null ? DEFAULT_MAX_ATTEMPTS : e.maxAttempts();
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "maxAttempts", "maxAttempts is between 1 and 100.");
        }
        Duration window = e.answerWindow() == null ? DEFAULT_ANSWER_WINDOW : e.answerWindow();
        if (window.isNegative() || window.compareTo(Duration.ofHours(24)) > 0) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "answerWindowMinutes",
                    "The answer window is between 0 and 24 hours.");
        }
        return tx.call(s -> {
            Account account = s.createSelectionQuery("from Account a where a.username = :u", Account.class)
                    .setParameter("u", accountName.strip())
                    .uniqueResultOptional()
                    .orElseThrow(() -> new SwitchException(ErrorCode.UNKNOWN_ACCOUNT, "account",
                            "There is no account named '" + accountName + "'."));
            OmsEndpoint endpoint = endpoint(s, account.id())
                    .orElseGet(() -> new OmsEndpoint(account.id(), clock.instant()));
            endpoint.configure(e.url().strip(), e.profile() == null ? OmsEndpoint.Profile.GENERIC_JSON : e.profile(),
                    auth, blankToNull(e.username()), e.secret(), timeout, maxAttempts, window);
            if (endpoint.id() == null) {
                s.persist(endpoint);
            }
            return endpoint;
        });
    }

    static Optional<OmsEndpoint> endpoint(Session s, long accountId) {
        return s.createSelectionQuery("from OmsEndpoint e where e.accountId = :a", OmsEndpoint.class)
                .setParameter("a", accountId)
                .uniqueResultOptional();
    }

    /**
     * Writes an outage report or status question to the outbox, in the caller's transaction (the one
     * that records the MO's opt-in), with the number's tags for the keyword.
     */
    public static OmsReport report(Session s, Keyword keyword, String phoneNumber, String text,
            Map<String, String> tags, Long inboundMessageId, Instant now) {
        OmsReport.Kind kind = keyword.word().equals("STATUS") ? OmsReport.Kind.STATUS : OmsReport.Kind.OUTAGE;
        OmsReport report = new OmsReport(keyword.account().id(), keyword.id(), keyword.shortCode().id(), phoneNumber,
                kind, text, lines(tags), inboundMessageId, null, now);
        s.persist(report);
        return report;
    }

    /**
     * The report whose OMS asked the phone something on this short code and still waits for the
     * answer, locked for the caller's transaction.
     */
    public static Optional<OmsReport> awaitingAnswer(Session s, long shortCodeId, String phoneNumber, Instant now) {
        return s.createSelectionQuery("""
                        from OmsReport r where r.shortCodeId = :c and r.phoneNumber = :n and r.answerUntil > :now
                        order by r.id desc""", OmsReport.class)
                .setParameter("c", shortCodeId)
                .setParameter("n", phoneNumber)
                .setParameter("now", now)
                .setMaxResults(1)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .uniqueResultOptional();
    }

    /** Writes the phone's answer to the OMS's question, as part of the same conversation. */
    public static OmsReport answer(Session s, OmsReport question, String text, Long inboundMessageId, Instant now) {
        question.answered();
        OmsReport answer = new OmsReport(question.accountId(), question.keywordId(), question.shortCodeId(),
                question.phoneNumber(), OmsReport.Kind.ANSWER, text, question.tags(), inboundMessageId,
                question.conversation(), now);
        s.persist(answer);
        return answer;
    }

    /** A number's latest report with the short code and keyword it came in on. */
    public record Latest(OmsReport report, String shortCode, String keyword) {
    }

    /** The newest report from a number, on the caller's keywords (every keyword for an operator). */
    public Optional<Latest> latest(Account caller, String phoneNumber, String shortCode) {
        return tx.call(s -> {
            // The newest of any kind: after a question and the phone's answer, the answer's result
            // ("TICKET_OPENED") is the conversation's latest word.
            SelectionQuery<Object[]> q = s.createSelectionQuery("select r, c.code, k.word from OmsReport r, Keyword k,"
                            + " ShortCode c where k.id = r.keywordId and c.id = r.shortCodeId and r.phoneNumber = :n"
                            + (shortCode == null ? "" : " and c.code = :c")
                            + (caller.isOperator() ? "" : " and r.accountId = :a") + " order by r.id desc", Object[].class)
                    .setParameter("n", phoneNumber)
                    .setMaxResults(1);
            if (!caller.isOperator()) {
                q.setParameter("a", caller.id());
            }
            if (shortCode != null) {
                q.setParameter("c", shortCode);
            }
            return q.uniqueResultOptional().map(row -> new Latest((OmsReport) row[0], (String) row[1],
                    (String) row[2]));
        });
    }

    /** A report with the name of its account. */
    public record ReportView(OmsReport report, String account) {
    }

    /** Reports in a state, oldest first: for operators (every account) and account users (their own). */
    public List<ReportView> list(Account caller, OmsReport.State state, int max) {
        return tx.call(s -> {
            SelectionQuery<Object[]> q = s.createSelectionQuery("select r, a.username from OmsReport r, Account a"
                            + " where a.id = r.accountId and r.state = :st"
                            + (caller.isOperator() ? "" : " and r.accountId = :a") + " order by r.id", Object[].class)
                    .setParameter("st", state)
                    .setMaxResults(max);
            if (!caller.isOperator()) {
                q.setParameter("a", caller.id());
            }
            return q.getResultList().stream().map(row -> new ReportView((OmsReport) row[0], (String) row[1]))
                    .toList();
        });
    }

    /**
     * Sends a dead-lettered report again, from its first try.
     *
     * @throws SwitchException NOT_FOUND for a report the caller cannot see, INVALID_FIELD for one not dead
     */
    public ReportView replay(Account caller, long reportId) {
        return tx.call(s -> {
            OmsReport r = s.find(OmsReport.class, reportId, LockModeType.PESSIMISTIC_WRITE);
            if (r == null || (!caller.isOperator() && r.accountId() != caller.id())) {
                throw SwitchException.notFound("Outage report " + reportId);
            }
            if (r.state() != OmsReport.State.DEAD) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "reportId", "Outage report " + reportId + " is "
                        + r.state() + ", not DEAD; only a dead-lettered report is replayed.");
            }
            r.replay(clock.instant());
            String account = s.createSelectionQuery("select a.username from Account a where a.id = :id", String.class)
                    .setParameter("id", r.accountId()).getSingleResult();
            return new ReportView(r, account);
        });
    }

    private static String lines(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return null;
        }
        String joined = tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace('\n', ' '))
                .collect(Collectors.joining("\n"));
        return joined.length() <= 2000 ? joined : joined.substring(0, 2000);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
