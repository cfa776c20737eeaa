package org.smsswitch.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.api.ws.ImmediateStatus;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/** The queue on MariaDB, where several drainers skip each other's locked rows. */
class QueueMariaDbIT extends AbstractQueueIT {
    @TempDir
    static Path work;
    private static TestDatabases.MariaDb database;
    private static TestSwitch server;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabases.mariaDb();
        server = TestSwitch.start(database.settings(), work, SETTINGS, clock);
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

    @Test
    void three_drainers_at_once_send_every_due_message_exactly_once() throws Exception {
        List<String> numbers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String number = optedIn();
            numbers.add(number);
            ids.add(sendLater(number, Duration.ofMinutes(1)).getMessageId());
        }
        clock.advance(Duration.ofMinutes(2));
        int duplicatesBefore = server.smsSwitch().simulator().duplicateSubmits();
        AtomicInteger claimed = new AtomicInteger();

        List<CompletableFuture<Void>> drainers = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            drainers.add(CompletableFuture.runAsync(() -> {
                int n;
                while ((n = drainer().drainOnce()) > 0) {
                    claimed.addAndGet(n);
                }
            }));
        }
        CompletableFuture.allOf(drainers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        assertEquals(150, claimed.get(), "each message claimed once");
        for (String id : ids) {
            assertEquals(ImmediateStatus.ACCEPTED, server.status(id).getImmediateStatus());
        }
        for (String number : numbers) {
            assertEquals(1, server.smsSwitch().simulator().received().stream()
                    .filter(r -> r.destination().equals(number)).count(), number);
        }
        assertEquals(duplicatesBefore, server.smsSwitch().simulator().duplicateSubmits());
    }
}
