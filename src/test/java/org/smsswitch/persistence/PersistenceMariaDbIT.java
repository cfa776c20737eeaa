package org.smsswitch.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smsswitch.app.SmsSwitch;
import org.smsswitch.testing.TestDatabases;

class PersistenceMariaDbIT extends AbstractPersistenceIT {
    private static TestDatabases.MariaDb server;
    private static Database database;

    @BeforeAll
    static void open() {
        server = TestDatabases.mariaDb();
        database = Database.open(server.settings(), SmsSwitch.ENTITIES);
    }

    @AfterAll
    static void close() {
        try {
            database.close();
        } finally {
            server.close();
        }
    }

    @Override
    Database database() {
        return database;
    }

    @Test
    void mariadb_is_recognised_and_its_dialect_supports_skip_locked() throws Exception {
        assertEquals(Database.Vendor.MARIADB, database.vendor());
        var dialect = database.sessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
        assertInstanceOf(MariaDb1011Dialect.class, dialect);
        tx().run(s -> s.createNativeMutationQuery("create table skip_probe (id int primary key)").executeUpdate());
        tx().run(s -> s.createNativeMutationQuery("insert into skip_probe values (1), (2)").executeUpdate());

        // One transaction holds row 1; another, skipping locked rows, must see only row 2 at once.
        List<Integer> skipped = tx().call(holder -> {
            holder.createNativeQuery("select id from skip_probe where id = 1 for update", Integer.class).getResultList();
            return CompletableFuture.supplyAsync(() -> tx().call(other -> other
                            .createNativeQuery("select id from skip_probe for update skip locked", Integer.class)
                            .getResultList()))
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
        });
        assertEquals(List.of(2), skipped);
        assertEquals(true, dialect.supportsSkipLocked());
    }
}
