package org.smsswitch.optin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.Session;
import org.smsswitch.account.Account;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.ShortCode;
import org.smsswitch.numbers.ShortCodeService;
import org.smsswitch.numbers.ShortCodeType;
import org.smsswitch.persistence.Transactions;

/** Registers keywords (checked against the carriers' rules) and resolves the keyword a send names. */
public final class KeywordService {
    /** The most characters a keyword's message may have. */
    public static final int MAX_MESSAGE_LENGTH = KeywordRules.MAX_MESSAGE_LENGTH;

    private final Transactions tx;
    private final Clock clock;

    public KeywordService(Transactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    public Keyword create(KeywordDefinition d) {
        SwitchException.requireText(d.shortCode(), "shortCode");
        SwitchException.requireText(d.word(), "keyword");
        SwitchException.requireText(d.account(), "account");
        SwitchException.requireText(d.serviceName(), "serviceName");
        KeywordRules.check(d);
        String word = ReservedWords.normalize(d.word().strip());
        KeywordDefinition normalized = normalized(d, word);
        return tx.call(s -> {
            ShortCode shortCode = ShortCodeService.find(s, d.shortCode())
                    .orElseThrow(() -> new SwitchException(ErrorCode.UNKNOWN_SHORT_CODE, "shortCode",
                            "Short code " + d.shortCode() + " does not exist."));
            Account account = s.createSelectionQuery("from Account a where a.username = :u", Account.class)
                    .setParameter("u", d.account())
                    .uniqueResultOptional()
                    .orElseThrow(() -> new SwitchException(ErrorCode.UNKNOWN_ACCOUNT, "account",
                            "There is no account named '" + d.account() + "'."));
            if (shortCode.type() == ShortCodeType.DEDICATED && !shortCode.owner().id().equals(account.id())) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "account",
                        "Short code " + shortCode.code() + " is dedicated to another account.");
            }
            if (find(s, shortCode, word) != null) {
                throw new SwitchException(ErrorCode.ALREADY_EXISTS, "keyword",
                        "Keyword " + word + " already exists on short code " + shortCode.code() + ".");
            }
            Keyword keyword = new Keyword(normalized, shortCode, account, clock.instant());
            s.persist(keyword);
            return keyword;
        });
    }

    private static KeywordDefinition normalized(KeywordDefinition d, String word) {
        return new KeywordDefinition(d.shortCode(), word, d.account(), d.serviceName().strip(),
                d.recurring(), d.maxMessages(), d.period(), d.optInRequired(), d.outage(), d.welcomeText(),
                d.helpText(), d.quitText(),
                d.applicationUrl() == null || d.applicationUrl().isBlank() ? null : d.applicationUrl().strip(),
                d.applicationSendsExit());
    }

    /** The keywords the caller may see: an operator every account's, a client its own; by short code and word. */
    public List<Keyword> list(Account caller) {
        return tx.call(s -> s.createSelectionQuery("""
                        from Keyword k join fetch k.shortCode c join fetch k.account a
                        where :all = true or a.id = :account order by c.code, k.word""", Keyword.class)
                .setParameter("all", caller.isOperator())
                .setParameter("account", caller.id())
                .getResultList());
    }

    /**
     * One keyword the caller may see.
     *
     * @throws SwitchException {@code NOT_FOUND} when there is none or it is another account's
     */
    public Keyword find(Account caller, long id) {
        return tx.call(s -> visible(s, caller, id));
    }

    private static Keyword visible(Session s, Account caller, long id) {
        Keyword keyword = s.createSelectionQuery(
                        "from Keyword k join fetch k.shortCode join fetch k.account where k.id = :id", Keyword.class)
                .setParameter("id", id)
                .uniqueResult();
        if (keyword == null || !(caller.isOperator() || keyword.account().id().equals(caller.id()))) {
            throw new SwitchException(ErrorCode.NOT_FOUND, "keywordId", "Keyword " + id + " was not found.");
        }
        return keyword;
    }

    /**
     * What is wrong with a definition, field by field (keyword, maxMessages, period, applicationUrl,
     * welcomeText, helpText, quitText), for a form that shows the carriers' rules while it is typed;
     * empty lists where a field is fine.
     */
    public static Map<String, List<String>> problems(KeywordDefinition d) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (String field : List.of("keyword", "maxMessages", "period", "applicationUrl")) {
            problems.put(field, new ArrayList<>());
        }
        try {
            SwitchException.requireText(d.word(), "keyword");
            KeywordRules.checkService(d);
        } catch (SwitchException e) {
            problems.computeIfAbsent(e.field() == null ? "keyword" : e.field(), f -> new ArrayList<>())
                    .add(e.getMessage());
        }
        problems.putAll(KeywordRules.messageProblems(d));
        return problems;
    }

    /**
     * Changes a keyword's service and messages, checked as at creation; its short code, word and account
     * stay. A client changes its own keywords' service name, messages and application; the kind of
     * service and its message limit are agreed with the carriers, so only an operator changes them.
     *
     * @throws SwitchException {@code NOT_FOUND} for a keyword the caller may not see;
     *     {@code ACCESS_DENIED} when a client changes the limit or the kind of service
     */
    public Keyword update(Account caller, long id, KeywordDefinition changes) {
        SwitchException.requireText(changes.serviceName(), "serviceName");
        return tx.call(s -> {
            Keyword keyword = visible(s, caller, id);
            KeywordDefinition was = keyword.definition();
            if (!caller.isOperator() && (changes.recurring() != was.recurring()
                    || !Objects.equals(changes.maxMessages(), was.maxMessages())
                    || changes.period() != was.period()
                    || changes.optInRequired() != was.optInRequired() || changes.outage() != was.outage())) {
                throw new SwitchException(ErrorCode.ACCESS_DENIED, "maxMessages",
                        "The kind of service and its message limit are agreed with the carriers; an operator"
                                + " changes them.");
            }
            KeywordDefinition d = normalized(new KeywordDefinition(was.shortCode(), was.word(), was.account(),
                    changes.serviceName(), changes.recurring(), changes.maxMessages(), changes.period(),
                    changes.optInRequired(), changes.outage(), changes.welcomeText(), changes.helpText(),
                    changes.quitText(), changes.applicationUrl(), changes.applicationSendsExit()), was.word());
            KeywordRules.check(d);
            keyword.revise(d);
            return keyword;
        });
    }

    /**
     * The caller's keyword on a short code, for a send. Another account's keyword, or a short code the
     * caller has nothing on, is reported as unknown: a client learns nothing of others' services.
     */
    public static Keyword resolveForSend(Session s, Account caller, String shortCodeValue, String wordValue) {
        ShortCode shortCode = ShortCodeService.find(s, shortCodeValue)
                .filter(c -> usable(s, c, caller))
                .orElseThrow(() -> new SwitchException(ErrorCode.UNKNOWN_SHORT_CODE, "shortCode",
                        "Short code " + shortCodeValue + " is not one of your short codes."));
        Keyword keyword = find(s, shortCode, ReservedWords.normalize(wordValue.strip()));
        if (keyword == null || !keyword.account().id().equals(caller.id())) {
            throw new SwitchException(ErrorCode.UNKNOWN_KEYWORD, "keyword",
                    "Keyword " + wordValue.toUpperCase(Locale.ROOT) + " is not one of yours on short code "
                            + shortCodeValue + ".");
        }
        return keyword;
    }

    private static boolean usable(Session s, ShortCode shortCode, Account caller) {
        if (shortCode.type() == ShortCodeType.DEDICATED) {
            return shortCode.owner().id().equals(caller.id());
        }
        return s.createSelectionQuery("select count(k) from Keyword k where k.shortCode = :c and k.account = :a",
                        Long.class)
                .setParameter("c", shortCode)
                .setParameter("a", caller)
                .getSingleResult() > 0;
    }

    /** The keyword with this word on this short code, whoever owns it (a text to the short code names it). */
    public static Optional<Keyword> findOnShortCode(Session s, String shortCode, String word) {
        return ShortCodeService.find(s, shortCode)
                .map(c -> find(s, c, ReservedWords.normalize(word.strip())));
    }

    static Keyword find(Session s, ShortCode shortCode, String word) {
        return s.createSelectionQuery("from Keyword k where k.shortCode = :c and k.word = :w", Keyword.class)
                .setParameter("c", shortCode)
                .setParameter("w", word)
                .uniqueResult();
    }

}
