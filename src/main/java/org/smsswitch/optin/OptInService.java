package org.smsswitch.optin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.persistence.LockModeType;
import org.hibernate.Hibernate;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;
import org.smsswitch.account.Account;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.ShortCode;
import org.smsswitch.numbers.ShortCodeService;
import org.smsswitch.persistence.Transactions;

/** Records opt-ins and opt-outs with their proof, and answers whether a number may be texted. */
public final class OptInService {
    private final Transactions tx;
    private final Clock clock;

    public OptInService(Transactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /** Opts a number in to a keyword (again, if it had opted out), recording kind and proof, and tags it. */
    public OptIn optIn(long keywordId, String phoneNumber, OptInKind kind, String proof, Map<String, String> tags) {
        return tx.call(s -> {
            Keyword keyword = s.get(Keyword.class, keywordId);
            if (keyword == null) {
                throw SwitchException.notFound("Keyword " + keywordId);
            }
            if (kind == OptInKind.POINT_OF_SALE && !keyword.account().pointOfSaleAllowed()) {
                throw new SwitchException(ErrorCode.ACCESS_DENIED, "kind",
                        "This account is not permitted to record Point of Sale opt-ins.");
            }
            OptIn optIn = find(s, keyword, phoneNumber).orElseGet(() -> new OptIn(keyword, phoneNumber));
            optIn.optIn(kind, proof, clock.instant());
            tags.forEach(optIn::tag);
            s.persist(optIn);
            return optIn;
        });
    }

    /** The most numbers one call opts in. */
    public static final int MAX_NUMBERS = 100_000;
    private static final int CHUNK = 1000;

    /**
     * Opts many numbers in to one of the caller's keywords in one transaction (an uploaded list, a
     * sign-up batch), each with the same kind, proof and tags. The numbers must be E.164 and distinct;
     * the caller checks that.
     *
     * @return how many of them were not opted in before
     */
    public int optInAll(Account caller, String shortCode, String word, List<String> phoneNumbers, OptInKind kind,
            String proof, Map<String, String> tags) {
        return optInAll(caller, shortCode, word, phoneNumbers, kind, proof, tags, null);
    }

    /**
     * As {@link #optInAll(Account, String, String, List, OptInKind, String, Map)}; {@code welcome}, when
     * given, is told each keyword and number in the same transaction, to queue the welcome message.
     */
    public int optInAll(Account caller, String shortCode, String word, List<String> phoneNumbers, OptInKind kind,
            String proof, Map<String, String> tags, Welcome welcome) {
        if (kind == OptInKind.POINT_OF_SALE && !caller.pointOfSaleAllowed()) {
            throw new SwitchException(ErrorCode.ACCESS_DENIED, "kind",
                    "This account is not permitted to record Point of Sale opt-ins.");
        }
        return tx.call(s -> {
            Keyword keyword = KeywordService.resolveForSend(s, caller, shortCode.strip(), word);
            Keyword k = keyword;
            Instant now = clock.instant();
            int added = 0;
            for (int from = 0; from < phoneNumbers.size(); from += CHUNK) {
                List<String> chunk = phoneNumbers.subList(from, Math.min(phoneNumbers.size(), from + CHUNK));
                Map<String, OptIn> existing = new HashMap<>();
                s.createSelectionQuery("from OptIn o where o.keyword = :k and o.phoneNumber in :n", OptIn.class)
                        .setParameter("k", k)
                        .setParameter("n", chunk)
                        .getResultList()
                        .forEach(o -> existing.put(o.phoneNumber(), o));
                for (String number : chunk) {
                    OptIn optIn = existing.get(number);
                    boolean known = optIn != null;
                    if (!known) {
                        optIn = new OptIn(k, number);
                    }
                    boolean wasActive = optIn.active();
                    if (!wasActive) {
                        added++;
                    }
                    optIn.optIn(kind, proof, now);
                    tags.forEach(optIn::tag);
                    if (!known) {
                        s.persist(optIn);
                    }
                    if (welcome != null && !wasActive) {
                        // A number already opted in has had its welcome.
                        welcome.queue(s, k, number, now);
                    }
                }
                // A long list is written as it goes, not held in the session whole.
                s.flush();
                s.clear();
                k = s.get(Keyword.class, keyword.id());
            }
            return added;
        });
    }

    /** Queues a keyword's welcome message to a number just opted in, in the caller's transaction. */
    @FunctionalInterface
    public interface Welcome {
        void queue(Session s, Keyword keyword, String phoneNumber, Instant now);
    }

    /**
     * Every opt-in a number has, or had, with its tags and history: on the caller's keywords, or on
     * every keyword for an operator; on one short code when {@code shortCode} is given.
     */
    public List<OptIn> check(Account caller, String phoneNumber, String shortCode) {
        return tx.call(s -> {
            String hql = "from OptIn o join fetch o.keyword k join fetch k.shortCode c where o.phoneNumber = :n"
                    + (caller.isOperator() ? "" : " and k.account = :a")
                    + (shortCode == null ? "" : " and c.code = :c")
                    + " order by c.code, k.word";
            SelectionQuery<OptIn> query = s.createSelectionQuery(hql, OptIn.class).setParameter("n", phoneNumber);
            if (!caller.isOperator()) {
                query.setParameter("a", caller);
            }
            if (shortCode != null) {
                query.setParameter("c", shortCode);
            }
            List<OptIn> found = query.getResultList();
            found.forEach(o -> {
                Hibernate.initialize(o.tags());
                Hibernate.initialize(o.history());
            });
            return found;
        });
    }

    /**
     * Opts a number out of one of the caller's keywords on a short code, or of all of them when {@code
     * word} is null (an operator: of every keyword on the short code), recorded with who asked and why.
     *
     * @return how many active opt-ins it ended
     */
    public int forceOptOut(Account caller, String phoneNumber, String shortCode, String word, String reason) {
        return tx.call(s -> {
            // A client learns nothing of short codes it has no keyword on, as on every other operation.
            ShortCode code = ShortCodeService.find(s, shortCode)
                    .orElseThrow(() -> new SwitchException(ErrorCode.UNKNOWN_SHORT_CODE, "shortCode",
                            caller.isOperator() ? "Short code " + shortCode + " does not exist."
                                    : "Short code " + shortCode + " is not one of your short codes."));
            List<Keyword> keywords;
            if (word != null) {
                keywords = List.of(caller.isOperator()
                        ? Optional.ofNullable(KeywordService.find(s, code, ReservedWords.normalize(word.strip())))
                                .orElseThrow(() -> new SwitchException(ErrorCode.UNKNOWN_KEYWORD, "keyword",
                                        "Keyword " + word + " does not exist on short code " + shortCode + "."))
                        : KeywordService.resolveForSend(s, caller, shortCode, word));
            } else {
                keywords = s.createSelectionQuery("from Keyword k where k.shortCode = :c"
                                + (caller.isOperator() ? "" : " and k.account = :a") + " order by k.word", Keyword.class)
                        .setParameter("c", code)
                        .setProperties(caller.isOperator() ? Map.of() : Map.of("a", caller))
                        .getResultList();
                if (keywords.isEmpty() && !caller.isOperator()) {
                    throw new SwitchException(ErrorCode.UNKNOWN_SHORT_CODE, "shortCode",
                            "Short code " + shortCode + " is not one of your short codes.");
                }
            }
            String source = "Forced by " + caller.username() + (reason == null || reason.isBlank() ? ""
                    : ": " + reason.strip());
            Instant now = clock.instant();
            int ended = 0;
            for (Keyword k : keywords) {
                if (optOut(s, k, phoneNumber, source.length() > 500 ? source.substring(0, 500) : source, now)) {
                    ended++;
                }
            }
            return ended;
        });
    }

    /**
     * The numbers opted in to the keyword now whose opt-in carries every one of {@code tags} (name and
     * value), in the order they opted in.
     */
    public static List<String> subscribers(Session s, Keyword keyword, Map<String, String> tags) {
        StringBuilder hql = new StringBuilder(
                "select o.phoneNumber from OptIn o where o.keyword = :k and o.active = true");
        List<Map.Entry<String, String>> wanted = new ArrayList<>(tags.entrySet());
        for (int i = 0; i < wanted.size(); i++) {
            hql.append(" and exists (select 1 from OptInTag t where t.optIn = o and t.name = :n").append(i)
                    .append(" and t.value = :v").append(i).append(")");
        }
        hql.append(" order by o.optedInAt, o.id");
        SelectionQuery<String> query = s.createSelectionQuery(hql.toString(), String.class).setParameter("k", keyword);
        for (int i = 0; i < wanted.size(); i++) {
            query.setParameter("n" + i, wanted.get(i).getKey()).setParameter("v" + i, wanted.get(i).getValue());
        }
        return query.getResultList();
    }

    /**
     * Opts a number out of a keyword, recording what asked for it (the MO, the operator).
     *
     * @return whether it had an active opt-in
     */
    public boolean optOut(long keywordId, String phoneNumber, String source) {
        return tx.call(s -> {
            Keyword keyword = s.get(Keyword.class, keywordId);
            if (keyword == null) {
                throw SwitchException.notFound("Keyword " + keywordId);
            }
            Optional<OptIn> optIn = find(s, keyword, phoneNumber).filter(OptIn::active);
            optIn.ifPresent(o -> o.optOut(source, clock.instant()));
            return optIn.isPresent();
        });
    }

    /**
     * The number's active opt-ins among these keywords (a short code's), locked for the caller's
     * transaction (a text the number sends in changes them). Only the opt-in rows are locked: the
     * query joins nothing, so that MariaDB's FOR UPDATE does not take the keywords' rows too, which
     * every text to the keyword would then wait on.
     */
    public static List<OptIn> activeOn(Session s, List<Long> keywordIds, String phoneNumber) {
        if (keywordIds.isEmpty()) {
            return List.of();
        }
        return s.createSelectionQuery("""
                        from OptIn o where o.keyword.id in :k and o.phoneNumber = :n and o.active = true
                        order by o.id""", OptIn.class)
                .setParameter("k", keywordIds)
                .setParameter("n", phoneNumber)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** Opts a number in to a keyword in the caller's transaction (again, if it had opted out). */
    public static OptIn optIn(Session s, Keyword keyword, String phoneNumber, OptInKind kind, String proof,
            Instant at) {
        Optional<OptIn> known = findForUpdate(s, keyword, phoneNumber);
        OptIn optIn = known.orElseGet(() -> new OptIn(keyword, phoneNumber));
        optIn.optIn(kind, proof, at);
        if (known.isEmpty()) {
            s.persist(optIn);
        }
        return optIn;
    }

    /**
     * Opts a number out of a keyword in the caller's transaction, recording what asked for it.
     *
     * @return whether it had an active opt-in
     */
    public static boolean optOut(Session s, Keyword keyword, String phoneNumber, String source, Instant at) {
        Optional<OptIn> optIn = findForUpdate(s, keyword, phoneNumber).filter(OptIn::active);
        optIn.ifPresent(o -> o.optOut(source, at));
        return optIn.isPresent();
    }

    /**
     * The number's opt-in row for the keyword, locked for the caller's transaction, so that sends to
     * one number on one keyword take turns (none if the number never opted in).
     */
    public static Optional<OptIn> findForUpdate(Session s, Keyword keyword, String phoneNumber) {
        return query(s, keyword, phoneNumber).setLockMode(LockModeType.PESSIMISTIC_WRITE).uniqueResultOptional();
    }

    static Optional<OptIn> find(Session s, Keyword keyword, String phoneNumber) {
        return query(s, keyword, phoneNumber).uniqueResultOptional();
    }

    private static SelectionQuery<OptIn> query(Session s, Keyword keyword, String phoneNumber) {
        return s.createSelectionQuery("from OptIn o where o.keyword = :k and o.phoneNumber = :n", OptIn.class)
                .setParameter("k", keyword)
                .setParameter("n", phoneNumber);
    }
}
