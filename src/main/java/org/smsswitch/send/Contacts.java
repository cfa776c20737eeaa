package org.smsswitch.send;

import jakarta.persistence.LockModeType;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.smsswitch.account.Account;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;

/**
 * An account's unique contacts: each number it sends to becomes one, once. A contract may limit
 * them; a send that would pass the limit is refused whole.
 */
public final class Contacts {
    private static final int CHUNK = 1000;

    private Contacts() {
    }

    /**
     * In the send's transaction: records the numbers as the account's contacts, or, when the account
     * has a limit and the new ones would pass it, refuses them all. With a limit the account's row is
     * locked, so two sends at once count each other; without one nothing is locked, and a number two
     * sends add at once is kept once.
     *
     * @throws SwitchException {@code CONTRACT_LIMIT_REACHED} naming maxContacts
     */
    public static void target(Session s, long accountId, Collection<String> numbers, Instant now) {
        if (numbers.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>(new LinkedHashSet<>(numbers));
        Integer max = s.createSelectionQuery("select a.maxContacts from Account a where a.id = :id", Integer.class)
                .setParameter("id", accountId)
                .getSingleResult();
        if (max == null) {
            add(s, accountId, all, now);
            return;
        }
        Account account = s.createSelectionQuery("from Account a where a.id = :id", Account.class)
                .setParameter("id", accountId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResult();
        Set<String> known = new HashSet<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            known.addAll(s.createSelectionQuery("""
                            select c.key.phoneNumber from AccountContact c
                            where c.key.accountId = :a and c.key.phoneNumber in :n""", String.class)
                    .setParameter("a", accountId)
                    .setParameter("n", all.subList(from, Math.min(all.size(), from + CHUNK)))
                    .getResultList());
        }
        List<String> added = all.stream().filter(n -> !known.contains(n)).toList();
        if (added.isEmpty()) {
            return;
        }
        long have = count(s, accountId);
        if (have + added.size() > account.maxContacts()) {
            throw new SwitchException(ErrorCode.CONTRACT_LIMIT_REACHED, "maxContacts",
                    "Account " + account.username() + " has " + have + " unique contacts; " + added.size()
                            + " new would pass its contract limit (maxContacts " + account.maxContacts() + ").");
        }
        add(s, accountId, added, now);
    }

    /** Inserts the contacts the account does not have yet, in batches, skipping those it has. */
    private static void add(Session s, long accountId, List<String> numbers, Instant now) {
        boolean h2 = s.getSessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                .getDialect() instanceof H2Dialect;
        String sql = h2
                ? "MERGE INTO account_contacts (account_id, phone_number, first_targeted_at) KEY (account_id,"
                        + " phone_number) VALUES (?, ?, ?)"
                : "INSERT IGNORE INTO account_contacts (account_id, phone_number, first_targeted_at) VALUES (?, ?, ?)";
        Timestamp at = Timestamp.from(now);
        s.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                int batched = 0;
                for (String number : numbers) {
                    insert.setLong(1, accountId);
                    insert.setString(2, number);
                    insert.setTimestamp(3, at);
                    insert.addBatch();
                    if (++batched % CHUNK == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        });
    }

    /** How many unique contacts the account has. */
    public static long count(Session s, long accountId) {
        return s.createSelectionQuery("select count(c) from AccountContact c where c.key.accountId = :a", Long.class)
                .setParameter("a", accountId)
                .getSingleResult();
    }
}
