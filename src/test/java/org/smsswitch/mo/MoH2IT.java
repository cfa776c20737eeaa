package org.smsswitch.mo;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/** The MO rules on the embedded default, H2. */
class MoH2IT extends AbstractMoIT {
    @TempDir
    static Path work;
    private static TestSwitch server;

    @BeforeAll
    static void start() throws Exception {
        server = TestSwitch.start(TestDatabases.h2(work.resolve("db")), work, Map.of(), clock);
        createNews(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Override
    TestSwitch server() {
        return server;
    }
}
