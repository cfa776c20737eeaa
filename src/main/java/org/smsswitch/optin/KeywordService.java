package org.smsswitch.optin;

import java.time.Clock;
import java.util.Locale;
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
        KeywordDefinition normalized = new KeywordDefinition(d.shortCode(), word, d.account(), d.serviceName(),
                d.recurring(), d.maxMessages(), d.period(), d.optInRequired(), d.outage(), d.welcomeText(),
                d.helpText(), d.quitText(),
                d.applicationUrl() == null || d.applicationUrl().isBlank() ? null : d.applicationUrl().strip(),
                d.applicationSendsExit());
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
