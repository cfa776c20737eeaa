package org.smsswitch.queue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

class BulkSendH2IT extends AbstractBulkSendIT {
    @TempDir
    static Path work;
    private static TestSwitch server;

    @BeforeAll
    static void start() throws Exception {
        server = TestSwitch.start(TestDatabases.h2(work), work, SETTINGS, clock);
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
