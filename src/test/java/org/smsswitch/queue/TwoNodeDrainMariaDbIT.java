package org.smsswitch.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.api.ws.SendListResponse;
import org.smsswitch.api.ws.SmsPortType;
import org.smsswitch.carrier.smpp.SmppSimulator;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.DemoRequests;
import org.smsswitch.testing.LauncherProcess;
import org.smsswitch.testing.SoapClients;
import org.smsswitch.testing.TestDatabases;

/**
 * Two switch processes on one MariaDB database drain one list of 20,000 numbers through one SMSC
 * (the simulator, in this JVM), and one of them is killed with SIGKILL a quarter of the way through.
 * The survivor takes the dead node's claims over once their lease runs out; every message ends
 * accepted once, with the final status of its receipt; only messages the dead node held can have
 * gone to the carrier twice, and each that did says so.
 */
class TwoNodeDrainMariaDbIT {
    private static final int NUMBERS = 20_000;
    private static final long FIRST_NUMBER = 5_550_900_000L;
    private static final String TEXT = "Crews are restoring power in your area";
    private static final String SYSTEM_ID = "switch";
    private static final String PASSWORD = "secret";
    /** Each node names the carrier after itself, so every accepted message records which node sent it. */
    private static final String CARRIER_VIA = "Simulator via ";
    private static final String SURVIVOR = "node-a";
    private static final String KILLED = "node-b";
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    /** The default lease is 45 s; a claim must not outlive its node by much more. */
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(60);
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path work;
    private TestDatabases.MariaDb database;
    private SmppSimulator simulator;
    private final List<LauncherProcess> nodes = new ArrayList<>();
    private Connection db;

    @RegisterExtension
    final TestExecutionExceptionHandler printOutputOnFailure = (context, failure) -> {
        nodes.forEach(node -> node.printOutput(System.err));
        throw failure;
    };

    @AfterEach
    void stop() throws SQLException {
        try {
            nodes.forEach(LauncherProcess::close);
            if (simulator != null) {
                simulator.close();
            }
            if (db != null) {
                db.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void a_node_killed_mid_drain_is_taken_over_and_no_message_is_lost_or_sent_twice_unflagged() throws Exception {
        database = TestDatabases.mariaDb();
        simulator = SmppSimulator.start(0, SYSTEM_ID, PASSWORD);
        // The first node migrates the schema and creates the demo data; the second joins it.
        LauncherProcess survivor = node(SURVIVOR, true);
        LauncherProcess killed = node(KILLED, false);
        Await.until(Duration.ofSeconds(30), "both nodes to bind to the simulator",
                () -> simulator.boundSessions() == 2);
        db = DriverManager.getConnection(database.settings().url(), database.settings().user(),
                database.settings().password());
        SmsPortType demo = SoapClients.sms(survivor.baseUrl(), "demo", "demo");
        List<String> numbers = new ArrayList<>(NUMBERS);
        for (int i = 0; i < NUMBERS; i++) {
            numbers.add("+1" + (FIRST_NUMBER + i));
        }
        assertEquals(NUMBERS, demo.optIn(DemoRequests.listOptIn(numbers, "list upload by test")).getOptedIn());

        SendListResponse list = demo.sendList(DemoRequests.alertsList(TEXT, numbers));
        assertEquals(NUMBERS, list.getAccepted());
        long batch = Long.parseLong(list.getBatchId());
        Await.until(DRAIN_DEADLINE, "a quarter of the list at the simulator",
                () -> simulator.receivedCount() >= NUMBERS / 4);
        int receivedAtKill = simulator.receivedCount();
        long killedAt = System.nanoTime();
        killed.kill();
        // The process is gone, and its sockets with it: MariaDB rolls back what it had not committed, and
        // what it had committed is all the survivor will find. Its claims hold until their lease runs out.
        Set<Long> inFlight = ids("claimed_by = '" + KILLED + "' and immediate_status = 'QUEUED'", batch);
        Map<String, Integer> sentBeforeKill = sentByNode(batch);

        report("%s killed (SIGKILL) with %d submits at the simulator; accepted before the kill by node: %s;"
                + " claimed by %s and still queued: %d", KILLED, receivedAtKill, sentBeforeKill, KILLED, inFlight.size());

        await(KILLED + "'s claims to be taken over", batch,
                () -> count("claimed_by = '" + KILLED + "' and immediate_status = 'QUEUED'", batch) == 0);
        Duration takenOver = since(killedAt);
        await("the queue to be empty", batch, () -> count("immediate_status = 'QUEUED'", batch) == 0);
        Duration emptied = since(killedAt);
        report("after the kill: %s's claims taken over in %d ms, the queue empty in %d ms", KILLED,
                takenOver.toMillis(), emptied.toMillis());
        await("every message to be final", batch, () -> count("is_final = false", batch) == 0);
        Duration allFinal = since(killedAt);

        Set<Long> resubmitted = ids("resubmissions > 0", batch);
        Map<String, Long> submitsByNumber = simulator.received().stream()
                .filter(r -> r.text().equals(TEXT))
                .collect(Collectors.groupingBy(SmppSimulator.ReceivedSubmit::destination, Collectors.counting()));
        Set<String> receivedTwice = submitsByNumber.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Integer> resubmissionsByNumber = resubmissionsByNumber(batch);
        Set<String> twiceUnflagged = receivedTwice.stream().filter(n -> resubmissionsByNumber.getOrDefault(n, 0) == 0)
                .collect(Collectors.toCollection(TreeSet::new));
        report("every message final %d ms after the kill; %d messages, accepted by node: %s; outcomes: %s",
                allFinal.toMillis(), NUMBERS, sentByNode(batch), outcomes(batch));
        report("resubmitted (flagged) messages: %d; numbers the simulator received more than once: %d"
                + " (duplicate submits: %d, submits in all: %d)", resubmitted.size(), receivedTwice.size(),
                simulator.duplicateSubmits(), simulator.receivedCount());

        assertTrue(sentBeforeKill.getOrDefault(KILLED, 0) > 0, "both nodes drain the list: " + sentBeforeKill);
        assertFalse(inFlight.isEmpty(), KILLED + " was killed with nothing in flight; the kill showed nothing");
        assertTrue(takenOver.compareTo(TAKEOVER_LIMIT) <= 0,
                KILLED + "'s claims were taken over " + takenOver + " after the kill, not within " + TAKEOVER_LIMIT);
        assertEquals(Map.of("ACCEPTED/HP_DELIVERED", NUMBERS), outcomes(batch),
                "every message accepted by the carrier, with the final status of its receipt");
        assertEquals(NUMBERS, count("id in (select g.message_id from mt_segments g where g.receipt_state = 'DELIVRD')",
                batch), "every message's segment has its receipt");
        assertEquals(NUMBERS, countSql("""
                select count(*) from (select e.message_id from mt_status_events e join mt_messages m on m.id = e.message_id
                where m.batch_id = ? and e.is_final group by e.message_id having count(*) = 1) once""", batch),
                "every message reached a final state once");
        assertEquals(NUMBERS, submitsByNumber.size(), "every number reached the carrier");
        Set<Long> resubmittedUnclaimed = new TreeSet<>(resubmitted);
        resubmittedUnclaimed.removeAll(inFlight);
        assertEquals(Set.of(), resubmittedUnclaimed,
                "resubmitted, though not in flight on " + KILLED + " when it was killed");
        assertEquals(Set.of(), twiceUnflagged, "numbers sent twice without the message saying so");
        assertTrue(simulator.duplicateSubmits() <= inFlight.size(), "more submits repeated than were in flight");
    }

    private LauncherProcess node(String name, boolean seed) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("node.name", name);
        settings.put("data.dir", work.resolve(name).resolve("data").toString());
        settings.put("db.url", database.settings().url());
        settings.put("db.user", database.settings().user());
        settings.put("db.password", database.settings().password());
        settings.put("demo.data", Boolean.toString(seed));
        settings.put("security.password-iterations", "1000");
        settings.put("carrier.mode", "smpp");
        settings.put("carrier.smpp.host", "127.0.0.1");
        settings.put("carrier.smpp.port", Integer.toString(simulator.port()));
        settings.put("carrier.smpp.system-id", SYSTEM_ID);
        settings.put("carrier.smpp.password", PASSWORD);
        settings.put("carrier.smpp.carrier-name", CARRIER_VIA + name);
        // 20,000 in seconds rather than minutes.
        settings.put("carrier.smpp.max-mps", "2000");
        LauncherProcess node = LauncherProcess.start(name, work.resolve(name), settings, START_DEADLINE);
        nodes.add(node);
        return node;
    }

    private static void report(String format, Object... args) {
        System.out.println("[TwoNodeDrainMariaDbIT] " + String.format(format, args));
    }

    /** Awaits the condition; when it times out, says where the batch stands. */
    private void await(String what, long batch, BooleanSupplier condition) {
        try {
            Await.until(DRAIN_DEADLINE, what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the batch now: " + outcomes(batch) + ", claimed by node: "
                    + grouped("select claimed_by, count(*) from mt_messages where batch_id = ?"
                            + " and claimed_by is not null group by claimed_by", batch, Function.identity())
                    + ", accepted by node: " + sentByNode(batch) + ", receipts unmatched: "
                    + countSql("select count(*) from delivery_receipts where matched_at is null"), e);
        }
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    /** The batch's accepted messages by the node that sent them. */
    private Map<String, Integer> sentByNode(long batch) {
        return grouped("select carrier_name, count(*) from mt_messages where batch_id = ?"
                + " and immediate_status = 'ACCEPTED' group by carrier_name", batch,
                carrier -> carrier.startsWith(CARRIER_VIA) ? carrier.substring(CARRIER_VIA.length()) : carrier);
    }

    /** The batch's messages by "immediate status/delivery status". */
    private Map<String, Integer> outcomes(long batch) {
        return grouped("select concat(immediate_status, '/', delivery_status), count(*) from mt_messages"
                + " where batch_id = ? group by immediate_status, delivery_status", batch, Function.identity());
    }

    private Map<String, Integer> resubmissionsByNumber(long batch) {
        return grouped("select destination, resubmissions from mt_messages where batch_id = ?", batch,
                Function.identity());
    }

    private Map<String, Integer> grouped(String sql, long batch, Function<String, String> key) {
        return query(sql, batch, rows -> {
            Map<String, Integer> counts = new TreeMap<>();
            while (rows.next()) {
                counts.merge(key.apply(rows.getString(1)), rows.getInt(2), Integer::sum);
            }
            return counts;
        });
    }

    private Set<Long> ids(String where, long batch) {
        return query("select id from mt_messages where batch_id = ? and " + where, batch, rows -> {
            Set<Long> ids = new HashSet<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        });
    }

    private long count(String where, long batch) {
        return countSql("select count(*) from mt_messages where batch_id = ? and " + where, batch);
    }

    private long countSql(String sql, Object... params) {
        return query(sql, params, rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String sql, long batch, Rows<T> reader) {
        return query(sql, new Object[] {batch}, reader);
    }

    /** Runs a query, read as committed now (autocommit: a statement of its own). */
    private <T> T query(String sql, Object[] params, Rows<T> reader) {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }
}
