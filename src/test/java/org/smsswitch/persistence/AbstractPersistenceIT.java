package org.smsswitch.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smsswitch.account.Account;
import org.smsswitch.account.AccountService;
import org.smsswitch.account.PasswordHasher;
import org.smsswitch.account.Role;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.ShortCodeService;
import org.smsswitch.numbers.ShortCodeType;
import org.smsswitch.optin.Keyword;
import org.smsswitch.optin.KeywordDefinition;
import org.smsswitch.optin.KeywordService;
import org.smsswitch.optin.LimitPeriod;
import org.smsswitch.optin.OptIn;
import org.smsswitch.optin.OptInKind;
import org.smsswitch.optin.OptInService;
import org.smsswitch.status.DeliveryStatus;
import org.smsswitch.status.ImmediateStatus;
import org.smsswitch.status.MtMessage;

/**
 * The schema (migrated by Flyway, validated by Hibernate) and the persistent classes, round trip.
 * The same tests run on H2 and on MariaDB.
 */
abstract class AbstractPersistenceIT {
    /** Whole microseconds: both databases keep DATETIME(6)/TIMESTAMP(6). */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:15:30.123456Z"), ZoneOffset.UTC);

    abstract Database database();

    Transactions tx() {
        return new Transactions(database().sessionFactory());
    }

    AccountService accounts() {
        return new AccountService(tx(), new PasswordHasher(1000), CLOCK);
    }

    static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 100_000_000L, 36);
    }

    @Test
    void an_account_is_stored_with_a_salted_hash_and_authenticates_only_with_its_password() {
        String name = unique("acct");
        Account created = accounts().create(name, "correct horse", "Utility", Role.CLIENT, false);

        assertFalse(created.passwordHash().contains("correct horse"));
        assertTrue(created.passwordHash().startsWith("pbkdf2-sha256$1000$"));
        assertTrue(accounts().authenticate(name, "correct horse").isPresent());
        assertTrue(accounts().authenticate(name, "wrong horse").isEmpty());
        SwitchException duplicate = assertThrows(SwitchException.class,
                () -> accounts().create(name, "another", null, Role.CLIENT, false));
        assertEquals(ErrorCode.ALREADY_EXISTS, duplicate.code());
    }

    @Test
    void keywords_opt_ins_tags_and_history_round_trip() {
        String owner = unique("own");
        accounts().create(owner, "secret", "Owner", Role.CLIENT, true);
        String code = Long.toString(10_000_000 + System.nanoTime() % 89_999_999L);
        new ShortCodeService(tx(), CLOCK).create(code, ShortCodeType.DEDICATED, owner, null, null, null, null);
        Keyword keyword = new KeywordService(tx(), CLOCK).create(new KeywordDefinition(code, "bills", owner, "Bills",
                true, 3, LimitPeriod.MONTH, true, false,
                "Welcome to Bills. Msg&Data rates may apply. Max 3 msgs/mo. STOP2Quit, HELP4More",
                "Bills: Max 3 msgs/mo. Help at example.com or 1-800-555-0100.",
                "This message confirms that you have quit Bills. No more messages will be sent. HELP4More",
                null, false));
        OptInService optIns = new OptInService(tx(), CLOCK);
        optIns.optIn(keyword.id(), "+15550104444", OptInKind.POINT_OF_SALE, "Counter 3, clerk 17",
                Map.of("account", "A-1", "feeder", "F12"));
        optIns.optIn(keyword.id(), "+15550104444", OptInKind.WEB, "https://example.com/signup from 192.0.2.1",
                Map.of("feeder", "F13"));

        OptIn stored = tx().call(s -> {
            OptIn o = s.createSelectionQuery("from OptIn o where o.phoneNumber = :n and o.keyword.id = :k", OptIn.class)
                    .setParameter("n", "+15550104444").setParameter("k", keyword.id()).getSingleResult();
            o.tags().size();
            o.history().size();
            return o;
        });
        assertEquals("BILLS", keyword.word());
        assertTrue(stored.active());
        assertEquals(OptInKind.WEB, stored.kind());
        assertEquals(CLOCK.instant(), stored.optedInAt());
        assertEquals(Map.of("account", "A-1", "feeder", "F13"), stored.tags().stream()
                .collect(java.util.stream.Collectors.toMap(t -> t.name(), t -> t.value())));
        assertEquals(2, stored.history().size());
    }

    @Test
    void a_message_keeps_its_statuses_and_times() {
        String owner = unique("msg");
        Account account = accounts().create(owner, "secret", null, Role.CLIENT, false);
        String code = Long.toString(10_000_000 + System.nanoTime() % 89_999_999L);
        long shortCodeId = new ShortCodeService(tx(), CLOCK).create(code, ShortCodeType.SHARED, null, null, null,
                null, null).id();
        Instant now = CLOCK.instant();
        MtMessage message = new MtMessage(account.id(), shortCodeId, null, "+15550105555", "Grüße — ünïcödé ✓", 1,
                1, "ref-1", null, now);
        tx().run(s -> s.persist(message));
        tx().run(s -> s.find(MtMessage.class, message.id()).accepted("c0ffee", 1, now.plus(1, ChronoUnit.SECONDS)));

        MtMessage loaded = tx().call(s -> s.find(MtMessage.class, message.id()));
        assertEquals("Grüße — ünïcödé ✓", loaded.body());
        assertEquals(ImmediateStatus.ACCEPTED, loaded.immediateStatus());
        assertEquals(DeliveryStatus.AWAITING_STATUS, loaded.deliveryStatus());
        assertEquals(now.plus(1, ChronoUnit.SECONDS), loaded.immediateAt());
        assertEquals("c0ffee", loaded.carrierMessageId());
    }

    @Test
    void migrations_are_applied_once_and_recorded() {
        String vendorFolder = database().vendor() == Database.Vendor.H2 ? "h2" : "mysql";
        var flyway = org.flywaydb.core.Flyway.configure().dataSource(database().dataSource())
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendorFolder)
                .placeholders(Map.of("timestamp", "unused")).load();
        assertTrue(flyway.info().applied().length >= 3);
        assertEquals(0, flyway.info().pending().length);
        assertEquals(0, flyway.migrate().migrationsExecuted);
    }
}
