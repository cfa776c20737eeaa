package org.smsswitch.persistence;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.app.SmsSwitch;
import org.smsswitch.testing.TestDatabases;

class PersistenceH2IT extends AbstractPersistenceIT {
    @TempDir
    static Path dir;
    private static Database database;

    @BeforeAll
    static void open() {
        database = Database.open(TestDatabases.h2(dir), SmsSwitch.ENTITIES);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    Database database() {
        return database;
    }
}
