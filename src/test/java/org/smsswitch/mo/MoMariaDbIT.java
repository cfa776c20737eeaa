package org.smsswitch.mo;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/** The MO rules on MariaDB. */
class MoMariaDbIT extends AbstractMoIT {
    @TempDir
    static Path work;
    private static TestDatabases.MariaDb database;
    private static TestSwitch server;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabases.mariaDb();
        server = TestSwitch.start(database.settings(), work, Map.of(), clock);
        createNews(server);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            server.close();
        } finally {
            database.close();
        }
    }

    @Override
    TestSwitch server() {
        return server;
    }
}
