package org.smsswitch.optin;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
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
