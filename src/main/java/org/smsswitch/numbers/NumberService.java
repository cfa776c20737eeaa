package org.smsswitch.numbers;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.LockMode;
import org.hibernate.Session;
import org.smsswitch.account.Account;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.persistence.Transactions;

/**
 * The switch's long numbers (RULES.md, "Numbers and programs"): the pool, provisioning to an
 * account's office as single-use or reusable, campaigns on them, moves between offices, the
 * quarantine a released single-use number waits out, and the contract limit on provisioned numbers.
 */
public final class NumberService {
    /** The most numbers one call adds to the pool. */
    public static final int MAX_ADDED = 10_000;

    private final Transactions tx;
    private final Clock clock;
    private final Duration quarantine;

    public NumberService(Transactions tx, Clock clock, Duration quarantine) {
        this.tx = tx;
        this.clock = clock;
        this.quarantine = quarantine;
    }

    /** One number as an operator lists it. */
    public record NumberView(String number, LongNumber.State state, String account, String office,
            LongNumber.Kind kind, Instant provisionedAt, Instant firstUsedAt, Instant quarantinedUntil,
            LongNumber.Response response, String autoReplyText, String helpText) {
    }

    /**
     * An account's use of its contract: provisioned numbers, in all and by office, and unique contacts,
     * against the limits.
     */
    public record Usage(String account, int provisionedNumbers, Integer maxNumbers, Map<String, Integer> byOffice,
            long uniqueContacts, Integer maxContacts) {
    }

    /**
     * Adds numbers to the switch's pool, free to provision.
     *
     * @return how many were added
     * @throws SwitchException {@code ALREADY_EXISTS} naming the first that is in the pool already
     */
    public int addToPool(List<String> numbers) {
        if (numbers.isEmpty()) {
            throw SwitchException.missing("number");
        }
        if (numbers.size() > MAX_ADDED) {
            throw new SwitchException(ErrorCode.TOO_MANY_NUMBERS, "number",
                    "At most " + MAX_ADDED + " numbers in one call, not " + numbers.size() + ".");
        }
        Set<String> parsed = new HashSet<>();
        for (String raw : numbers) {
            String number = PhoneNumber.parse(raw, "number");
            if (!parsed.add(number)) {
                throw new SwitchException(ErrorCode.DUPLICATE_NUMBER, "number", number + " is listed twice.");
            }
        }
        return tx.call(s -> {
            List<String> present = s.createSelectionQuery(
                            "select n.phoneNumber from LongNumber n where n.phoneNumber in :n", String.class)
                    .setParameter("n", parsed)
                    .getResultList();
            if (!present.isEmpty()) {
                throw new SwitchException(ErrorCode.ALREADY_EXISTS, "number",
                        "Number " + present.get(0) + " is in the pool already.");
            }
            Instant now = clock.instant();
            parsed.forEach(n -> s.persist(new LongNumber(n, now)));
            return parsed.size();
        });
    }

    /** Creates an office of an account. */
    public Office createOffice(String accountName, String name) {
        SwitchException.requireText(name, "office");
        String office = name.strip();
        if (office.length() > 100) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "office", "An office name has at most 100 characters.");
        }
        return tx.call(s -> {
            Account account = account(s, accountName, false);
            if (findOffice(s, account, office) != null) {
                throw new SwitchException(ErrorCode.ALREADY_EXISTS, "office",
                        "Account " + account.username() + " has an office named '" + office + "' already.");
            }
            Office created = new Office(account.id(), office, clock.instant());
            s.persist(created);
            return created;
        });
    }

    /**
     * Provisions a number of the pool to an account's office: the one asked for, or else the
     * earliest added of those free. Within the account's contract limit on provisioned numbers.
     *
     * @throws SwitchException {@code NUMBER_NOT_AVAILABLE} for a number provisioned or in quarantine
     *     (or none free); {@code CONTRACT_LIMIT_REACHED} at the limit
     */
    public NumberView provision(String accountName, String officeName, LongNumber.Kind kind, String wanted) {
        if (kind == null) {
            throw new SwitchException(ErrorCode.MISSING_FIELD, "kind", "kind is SINGLE_USE or REUSABLE.");
        }
        String number = wanted == null || wanted.isBlank() ? null : PhoneNumber.parse(wanted, "number");
        return tx.call(s -> {
            // The account's row is the lock that keeps two provisionings from both passing the limit.
            Account account = account(s, accountName, true);
            Office office = office(s, account, officeName);
            checkLimit(s, account);
            Instant now = clock.instant();
            LongNumber n = number != null ? lockedNumber(s, number) : free(s, now);
            LongNumber.State state = n.state(now);
            if (state != LongNumber.State.AVAILABLE) {
                throw new SwitchException(ErrorCode.NUMBER_NOT_AVAILABLE, "number", state == LongNumber.State.QUARANTINED
                        ? "Number " + n.phoneNumber() + " was released from a single-use campaign and is in"
                                + " quarantine until " + n.quarantinedUntil() + "."
                        : "Number " + n.phoneNumber() + " is provisioned already.");
            }
            n.provision(account.id(), office.id(), kind, now);
            return view(n, account.username(), office.name(), now);
        });
    }

    /**
     * Moves a provisioned number to another office of its account, which only a number never used in
     * a campaign or conversation may do.
     *
     * @throws SwitchException {@code NUMBER_ALREADY_USED} for a number that has been used
     */
    public NumberView move(String number, String officeName) {
        String parsed = PhoneNumber.parse(number, "number");
        return tx.call(s -> {
            LongNumber n = lockedNumber(s, parsed);
            if (n.accountId() == null) {
                throw new SwitchException(ErrorCode.NUMBER_NOT_AVAILABLE, "number",
                        "Number " + parsed + " is not provisioned to an account.");
            }
            Account account = s.find(Account.class, n.accountId());
            Office office = office(s, account, officeName);
            if (n.firstUsedAt() != null) {
                throw new SwitchException(ErrorCode.NUMBER_ALREADY_USED, "number",
                        "Number " + parsed + " has been used in a campaign or conversation (first on "
                                + n.firstUsedAt() + ") and cannot move to another office.");
            }
            n.moveTo(office.id());
            return view(n, account.username(), office.name(), clock.instant());
        });
    }

    /**
     * Starts a campaign on one of the account's numbers, in the number's office. A single-use number
     * runs one campaign only.
     *
     * @throws SwitchException {@code NUMBER_ALREADY_USED} for a single-use number that has had one
     */
    public Campaign startCampaign(String accountName, String name, String number) {
        SwitchException.requireText(name, "name");
        String campaign = name.strip();
        if (campaign.length() > 100) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "name", "A campaign name has at most 100 characters.");
        }
        String parsed = PhoneNumber.parse(number, "number");
        return tx.call(s -> {
            Account account = account(s, accountName, false);
            LongNumber n = lockedNumber(s, parsed);
            if (!account.id().equals(n.accountId())) {
                throw new SwitchException(ErrorCode.NOT_FOUND, "number",
                        "Number " + parsed + " is not provisioned to " + account.username() + ".");
            }
            if (n.kind() == LongNumber.Kind.SINGLE_USE && n.firstUsedAt() != null) {
                throw new SwitchException(ErrorCode.NUMBER_ALREADY_USED, "number",
                        "Number " + parsed + " is single-use and has had its campaign.");
            }
            Instant now = clock.instant();
            n.used(now);
            Campaign created = new Campaign(account.id(), n.officeId(), n.id(), campaign, now);
            s.persist(created);
            return created;
        });
    }

    /**
     * Archives a campaign. Its number, if single-use, leaves the account and waits in quarantine for the
     * configured period before it can be provisioned again.
     */
    public Campaign archive(long campaignId) {
        return tx.call(s -> {
            Campaign c = s.find(Campaign.class, campaignId, LockModeType.PESSIMISTIC_WRITE);
            if (c == null) {
                throw new SwitchException(ErrorCode.NOT_FOUND, "campaignId", "Campaign " + campaignId + " was not found.");
            }
            if (c.state() == Campaign.State.ARCHIVED) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "campaignId",
                        "Campaign " + campaignId + " was archived on " + c.archivedAt() + ".");
            }
            Instant now = clock.instant();
            c.archive(now);
            LongNumber n = s.find(LongNumber.class, c.longNumberId(), LockModeType.PESSIMISTIC_WRITE);
            if (n.kind() == LongNumber.Kind.SINGLE_USE && Long.valueOf(c.accountId()).equals(n.accountId())) {
                n.release(now.plus(quarantine));
                // The phones that stopped this account's texts from the number did not stop the next owner's.
                s.createMutationQuery("delete from NumberOptOut o where o.longNumberId = :n")
                        .setParameter("n", n.id())
                        .executeUpdate();
            }
            return c;
        });
    }

    /**
     * Sets what a provisioned number answers: an unsolicited text gets the automatic reply or goes to
     * the inbox; HELP gets the help text (or the switch's default).
     */
    public NumberView configureResponse(String number, LongNumber.Response response, String autoReply, String help) {
        String parsed = PhoneNumber.parse(number, "number");
        if (response == null) {
            throw new SwitchException(ErrorCode.MISSING_FIELD, "response", "response is AUTO_REPLY or INBOX.");
        }
        String reply = message(autoReply, "autoReplyText");
        if (response == LongNumber.Response.AUTO_REPLY && reply == null) {
            throw new SwitchException(ErrorCode.MISSING_FIELD, "autoReplyText",
                    "A number that answers with an automatic reply needs its text.");
        }
        String helpText = message(help, "helpText");
        return tx.call(s -> {
            LongNumber n = lockedNumber(s, parsed);
            if (n.accountId() == null) {
                throw new SwitchException(ErrorCode.NUMBER_NOT_AVAILABLE, "number",
                        "Number " + parsed + " is not provisioned to an account.");
            }
            n.respond(response, reply, helpText);
            return view(n, s.find(Account.class, n.accountId()).username(),
                    s.find(Office.class, n.officeId()).name(), clock.instant());
        });
    }

    private static String message(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.length() > 160) {
            throw new SwitchException(ErrorCode.NON_COMPLIANT_MESSAGE, field,
                    "The " + field + " has " + t.length() + " characters; at most 160 are allowed.");
        }
        return t;
    }

    /**
     * The long number with this E.164 value provisioned to an account, in an open session; locked for
     * writing when {@code lock} (an inbound text or an answer changes it), else read as committed.
     */
    public static java.util.Optional<LongNumber> provisioned(Session s, String number, boolean lock) {
        return s.createSelectionQuery("from LongNumber n where n.phoneNumber = :n and n.accountId is not null",
                        LongNumber.class)
                .setParameter("n", number)
                .setLockMode(lock ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE)
                .uniqueResultOptional();
    }

    /** Sets an account's contract limits on provisioned numbers and unique contacts; null for none. */
    public void limit(String accountName, Integer maxNumbers, Integer maxContacts) {
        if (maxNumbers != null && maxNumbers < 0) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "maxNumbers", "maxNumbers is 0 or more.");
        }
        if (maxContacts != null && maxContacts < 0) {
            throw new SwitchException(ErrorCode.INVALID_FIELD, "maxContacts", "maxContacts is 0 or more.");
        }
        tx.run(s -> {
            Account account = account(s, accountName, true);
            account.limitNumbers(maxNumbers);
            account.limitContacts(maxContacts);
        });
    }

    /** An account's provisioned numbers, in all and by office, its unique contacts, and its limits. */
    public Usage usage(String accountName) {
        return tx.call(s -> {
            Account account = account(s, accountName, false);
            Map<String, Integer> byOffice = new LinkedHashMap<>();
            s.createSelectionQuery("""
                            select o.name, count(n) from LongNumber n join Office o on o.id = n.officeId
                            where n.accountId = :a group by o.name order by o.name""", Object[].class)
                    .setParameter("a", account.id())
                    .getResultList()
                    .forEach(r -> byOffice.put((String) r[0], ((Long) r[1]).intValue()));
            s.createSelectionQuery("""
                            select o.name, count(c) from ShortCode c join Office o on o.id = c.officeId
                            where c.owner.id = :a group by o.name""", Object[].class)
                    .setParameter("a", account.id())
                    .getResultList()
                    .forEach(r -> byOffice.merge((String) r[0], ((Long) r[1]).intValue(), Integer::sum));
            long contacts = s.createSelectionQuery(
                            "select count(c) from AccountContact c where c.key.accountId = :a", Long.class)
                    .setParameter("a", account.id())
                    .getSingleResult();
            return new Usage(account.username(), provisioned(s, account), account.maxNumbers(), byOffice, contacts,
                    account.maxContacts());
        });
    }

    /** The pool's numbers, or one account's ({@code accountName} given), by number. */
    public List<NumberView> list(String accountName) {
        return tx.call(s -> {
            Instant now = clock.instant();
            Long accountId = accountName == null || accountName.isBlank() ? null : account(s, accountName, false).id();
            return s.createSelectionQuery("""
                            select n, a.username, o.name from LongNumber n left join Account a on a.id = n.accountId
                            left join Office o on o.id = n.officeId
                            where :all = true or n.accountId = :a order by n.phoneNumber""", Object[].class)
                    .setParameter("all", accountId == null)
                    .setParameter("a", accountId == null ? -1L : accountId)
                    .getResultList().stream()
                    .map(r -> view((LongNumber) r[0], (String) r[1], (String) r[2], now))
                    .toList();
        });
    }

    /**
     * Refuses one more provisioned number (a long number, or a dedicated short code) past the account's
     * contract limit; the account row is locked.
     */
    static void checkLimit(Session s, Account account) {
        int provisioned = provisioned(s, account);
        if (account.maxNumbers() != null && provisioned >= account.maxNumbers()) {
            throw new SwitchException(ErrorCode.CONTRACT_LIMIT_REACHED, "maxNumbers",
                    "Account " + account.username() + " has " + provisioned + " provisioned numbers, its contract"
                            + " limit (maxNumbers " + account.maxNumbers() + ").");
        }
    }

    /**
     * In an open transaction, with the account's row locked: a number new to the switch (a ported one),
     * provisioned to the account's office, within its contract limit.
     */
    static LongNumber addProvisioned(Session s, Account account, long officeId, String number, LongNumber.Kind kind,
            Instant now) {
        checkLimit(s, account);
        if (s.createSelectionQuery("select count(n) from LongNumber n where n.phoneNumber = :n", Long.class)
                .setParameter("n", number).getSingleResult() > 0) {
            throw new SwitchException(ErrorCode.ALREADY_EXISTS, "number",
                    "Number " + number + " is one of the switch's numbers already.");
        }
        LongNumber n = new LongNumber(number, now);
        n.provision(account.id(), officeId, kind, now);
        s.persist(n);
        return n;
    }

    private static NumberView view(LongNumber n, String account, String office, Instant now) {
        return new NumberView(n.phoneNumber(), n.state(now), account, office, n.kind(), n.provisionedAt(),
                n.firstUsedAt(), n.quarantinedUntil(), n.response(), n.autoReplyText(), n.helpText());
    }

    /** The account's provisioned numbers: its long numbers and its dedicated short codes. */
    private static int provisioned(Session s, Account account) {
        long numbers = s.createSelectionQuery("select count(n) from LongNumber n where n.accountId = :a", Long.class)
                .setParameter("a", account.id())
                .getSingleResult();
        long shortCodes = s.createSelectionQuery("""
                        select count(c) from ShortCode c where c.owner.id = :a
                        and c.type = org.smsswitch.numbers.ShortCodeType.DEDICATED""", Long.class)
                .setParameter("a", account.id())
                .getSingleResult();
        return (int) (numbers + shortCodes);
    }

    static Account account(Session s, String username, boolean lock) {
        SwitchException.requireText(username, "account");
        return s.createSelectionQuery("from Account a where a.username = :u", Account.class)
                .setParameter("u", username.strip())
                .setLockMode(lock ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE)
                .uniqueResultOptional()
                .orElseThrow(() -> new SwitchException(ErrorCode.UNKNOWN_ACCOUNT, "account",
                        "There is no account named '" + username + "'."));
    }

    static Office office(Session s, Account account, String name) {
        SwitchException.requireText(name, "office");
        Office office = findOffice(s, account, name.strip());
        if (office == null) {
            throw new SwitchException(ErrorCode.NOT_FOUND, "office",
                    "Account " + account.username() + " has no office named '" + name.strip() + "'.");
        }
        return office;
    }

    private static Office findOffice(Session s, Account account, String name) {
        return s.createSelectionQuery("from Office o where o.accountId = :a and o.name = :n", Office.class)
                .setParameter("a", account.id())
                .setParameter("n", name)
                .uniqueResult();
    }

    private static LongNumber lockedNumber(Session s, String number) {
        LongNumber n = s.createSelectionQuery("from LongNumber n where n.phoneNumber = :n", LongNumber.class)
                .setParameter("n", number)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .uniqueResult();
        if (n == null) {
            throw new SwitchException(ErrorCode.NOT_FOUND, "number", "Number " + number + " is not in the pool.");
        }
        return n;
    }

    /** The earliest-added free number of the pool, skipping any another provisioning holds. */
    private static LongNumber free(Session s, Instant now) {
        List<LongNumber> found = s.createSelectionQuery("""
                        from LongNumber n where n.accountId is null
                        and (n.quarantinedUntil is null or n.quarantinedUntil <= :now)
                        order by n.id""", LongNumber.class)
                .setParameter("now", now)
                .setMaxResults(1)
                .setHibernateLockMode(LockMode.UPGRADE_SKIPLOCKED)
                .getResultList();
        if (found.isEmpty()) {
            throw new SwitchException(ErrorCode.NUMBER_NOT_AVAILABLE, "number",
                    "The pool has no number free to provision.");
        }
        return found.get(0);
    }
}
