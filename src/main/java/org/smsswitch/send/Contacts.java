package org.smsswitch.send;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;
import org.smsswitch.account.Account;
import org.smsswitch.account.AccountContact;
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
     * In the send's transaction: records the numbers as the account's contacts, or refuses them all
     * when the new ones would pass the contract's limit. The account's row is locked, so two sends at
     * once count each other.
     *
     * @throws SwitchException {@code CONTRACT_LIMIT_REACHED} naming maxContacts
     */
    public static void target(Session s, long accountId, Collection<String> numbers, Instant now) {
        if (numbers.isEmpty()) {
            return;
        }
        Account account = s.createSelectionQuery("from Account a where a.id = :id", Account.class)
                .setParameter("id", accountId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResult();
        List<String> all = new ArrayList<>(new LinkedHashSet<>(numbers));
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
        if (account.maxContacts() != null) {
            long have = count(s, accountId);
            if (have + added.size() > account.maxContacts()) {
                throw new SwitchException(ErrorCode.CONTRACT_LIMIT_REACHED, "maxContacts",
                        "Account " + account.username() + " has " + have + " unique contacts; " + added.size()
                                + " new would pass its contract limit (maxContacts " + account.maxContacts() + ").");
            }
        }
        int written = 0;
        for (String number : added) {
            s.persist(new AccountContact(accountId, number, now));
            if (++written % CHUNK == 0) {
                s.flush();
            }
        }
        s.flush();
    }

    /** How many unique contacts the account has. */
    public static long count(Session s, long accountId) {
        return s.createSelectionQuery("select count(c) from AccountContact c where c.key.accountId = :a", Long.class)
                .setParameter("a", accountId)
                .getSingleResult();
    }
}
