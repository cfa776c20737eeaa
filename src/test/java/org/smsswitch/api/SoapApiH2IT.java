package org.smsswitch.api;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/** The SOAP APIs on the embedded default database, H2. */
class SoapApiH2IT extends AbstractSoapApiIT {
    @TempDir
    static Path work;
    private static TestSwitch server;

    @BeforeAll
    static void start() throws Exception {
        server = TestSwitch.start(TestDatabases.h2(work), work);
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
