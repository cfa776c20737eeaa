package org.smsswitch.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smsswitch.api.admin.ws.ListUnmatchedReceipts;
import org.smsswitch.api.admin.ws.UnmatchedReceipt;
import org.smsswitch.api.ws.DeliveryStatus;
import org.smsswitch.api.ws.ImmediateStatus;
import org.smsswitch.api.ws.MessageStatus;
import org.smsswitch.carrier.smpp.SmppSimulator;
import org.smsswitch.testing.Await;
import org.smsswitch.testing.SoapClients;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/**
 * The status life cycle against the SMPP simulator over a real socket: receipts by outcome and
 * carrier, receipts before submit responses, unknown receipts, long messages, throttling, and a
 * connection dropped with messages in flight.
 */
class CarrierLifecycleIT {
    @TempDir
    static Path work;
    private static TestSwitch server;
    private static final AtomicLong numbers = new AtomicLong(5_550_200_000L);

    @BeforeAll
    static void start() throws Exception {
        server = TestSwitch.start(TestDatabases.h2(work), work, Map.of("carrier.smpp.carrier-name", "Sprint", "carrier.smpp.window", "64",
                        "carrier.smpp.response-timeout-seconds", "30"),
                null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @AfterEach
    void resetSimulator() {
        simulator().releaseResponses();
        simulator().clearRules();
        simulator().receiptDelay(Duration.ZERO);
    }

    static SmppSimulator simulator() {
        return server.smsSwitch().simulator();
    }

    /** A fresh number opted in to ALERTS, so the keyword's monthly limit never interferes. */
    static String optedInNumber() {
        return server.optInToAlerts("+1" + numbers.incrementAndGet());
    }

    static MessageStatus send(String to, String text) {
        return server.send(to, text);
    }

    static MessageStatus status(String id) {
        return server.status(id);
    }

    static MessageStatus await(String id, String what, java.util.function.Predicate<MessageStatus> condition) {
        return server.awaitStatus(id, what, condition);
    }

    static String quote(String number) {
        return "^" + java.util.regex.Pattern.quote(number) + "$";
    }

    @Test
    void delivrd_from_a_carrier_that_only_reports_high_probability_is_hp_delivered() {
        MessageStatus sent = send(optedInNumber(), "Outage restored");

        MessageStatus done = await(sent.getMessageId(), "to be final", MessageStatus::isFinal);

        assertEquals(DeliveryStatus.HP_DELIVERED, done.getDeliveryStatus());
    }

    @Test
    void delivrd_from_a_receipt_naming_a_confirming_carrier_is_delivered() {
        String number = optedInNumber();
        simulator().carrierName(quote(number), "Verizon Wireless");

        MessageStatus done = await(send(number, "Bill ready").getMessageId(), "to be final", MessageStatus::isFinal);

        assertEquals(DeliveryStatus.DELIVERED, done.getDeliveryStatus());
    }

    @ParameterizedTest
    @CsvSource({"UNDELIV, FAILED_UNDELIVERABLE", "EXPIRED, FAILED_EXPIRED", "DELETED, FAILED_DELETED",
        "REJECTD, FAILED_REJECTED", "UNKNOWN, FAILED_UNKNOWN"})
    void each_failed_receipt_is_a_named_final_failure(String stat, DeliveryStatus expected) {
        String number = optedInNumber();
        simulator().receiptOutcome(quote(number), stat);

        MessageStatus done = await(send(number, "Meter read").getMessageId(), "to be final", MessageStatus::isFinal);

        assertEquals(ImmediateStatus.ACCEPTED, done.getImmediateStatus());
        assertEquals(expected, done.getDeliveryStatus());
        assertTrue(done.getDetail().contains(stat), done.getDetail());
    }

    @Test
    void an_en_route_receipt_is_intermediate_and_the_final_one_ends_it() throws Exception {
        simulator().receiptDelay(Duration.ofHours(1));
        MessageStatus sent = send(optedInNumber(), "Crew dispatched");
        String carrierId = carrierIdOf(sent.getMessageId());

        simulator().injectReceipt(carrierId, "ENROUTE");
        MessageStatus enRoute = await(sent.getMessageId(), "to be en route",
                s -> s.getDeliveryStatus() == DeliveryStatus.EN_ROUTE);
        assertFalse(enRoute.isFinal());

        simulator().injectReceipt(carrierId, "DELIVRD");
        MessageStatus done = await(sent.getMessageId(), "to be final", MessageStatus::isFinal);
        assertEquals(DeliveryStatus.HP_DELIVERED, done.getDeliveryStatus());
        assertEquals(List.of(DeliveryStatus.NOT_SENT, DeliveryStatus.AWAITING_STATUS, DeliveryStatus.EN_ROUTE,
                DeliveryStatus.HP_DELIVERED), done.getHistory().stream().map(h -> h.getDeliveryStatus()).toList());
    }

    @Test
    void a_receipt_that_arrives_before_its_submit_response_is_still_matched() {
        String number = optedInNumber();
        simulator().receiptBeforeResponse(quote(number));

        MessageStatus done = await(send(number, "Early receipt").getMessageId(), "to be final",
                MessageStatus::isFinal);

        assertEquals(DeliveryStatus.HP_DELIVERED, done.getDeliveryStatus());
    }

    @Test
    void a_receipt_for_an_unknown_id_is_kept_and_reported() throws Exception {
        simulator().injectReceipt("ffff0000dead", "DELIVRD");

        var admin = SoapClients.admin(server.baseUrl(), "admin", "admin");
        AtomicReference<List<UnmatchedReceipt>> found = new AtomicReference<>();
        Await.until(Duration.ofSeconds(10), "the unknown receipt to be listed", () -> {
            try {
                found.set(admin.listUnmatchedReceipts(new ListUnmatchedReceipts()).getReceipt());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return found.get().stream().anyMatch(r -> r.getCarrierMessageId().equals("ffff0000dead"));
        });
        UnmatchedReceipt receipt = found.get().stream()
                .filter(r -> r.getCarrierMessageId().equals("ffff0000dead")).findFirst().orElseThrow();
        assertEquals("DELIVRD", receipt.getState());
    }

    @Test
    void a_three_segment_ucs2_message_follows_all_its_segments() {
        String text = "Авария в вашем районе. ".repeat(7).substring(0, 150);
        String number = optedInNumber();

        MessageStatus sent = send(number, text);
        MessageStatus done = await(sent.getMessageId(), "to be final", MessageStatus::isFinal);

        assertEquals(3, sent.getSegments());
        assertEquals(DeliveryStatus.HP_DELIVERED, done.getDeliveryStatus());
        assertEquals(3, simulator().received().stream().filter(r -> r.destination().equals(number)).count());
        assertEquals(3L, segmentsWithReceipts(Long.parseLong(sent.getMessageId())));
    }

    @Test
    void one_failed_segment_fails_the_whole_message() {
        String number = optedInNumber();
        simulator().receiptOutcome(quote(number), "UNDELIV");

        MessageStatus done = await(send(number, "x".repeat(300)).getMessageId(), "to be final",
                MessageStatus::isFinal);

        assertEquals(DeliveryStatus.FAILED_UNDELIVERABLE, done.getDeliveryStatus());
    }

    @Test
    void throttling_answers_are_honoured_and_the_message_still_goes() {
        int before = simulator().throttledAnswers();
        simulator().throttleNext(3, "ESME_RTHROTTLED");

        MessageStatus sent = send(optedInNumber(), "Throttled but delivered");

        assertEquals(ImmediateStatus.ACCEPTED, sent.getImmediateStatus());
        assertEquals(3, simulator().throttledAnswers() - before);
    }

    @Test
    void a_connection_dropped_with_50_messages_in_flight_loses_none_and_reports_the_duplicates() throws Exception {
        simulator().holdResponses();
        int duplicatesBefore = simulator().duplicateSubmits();
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            targets.add(optedInNumber());
        }
        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<Future<MessageStatus>> sends = new ArrayList<>();
        try {
            for (String number : targets) {
                sends.add(clients.submit(() -> send(number, "In flight to " + number)));
            }
            Await.until(Duration.ofSeconds(20), "50 submits held by the simulator",
                    () -> simulator().heldSubmits() == 50);

            simulator().dropConnections();
            simulator().releaseResponses();

            List<MessageStatus> results = new ArrayList<>();
            for (Future<MessageStatus> send : sends) {
                results.add(send.get(60, TimeUnit.SECONDS));
            }
            long accepted = results.stream().filter(r -> r.getImmediateStatus() == ImmediateStatus.ACCEPTED).count();
            long resubmitted = results.stream().filter(r -> r.getResubmissions() != null && r.getResubmissions() > 0)
                    .count();
            System.out.printf("Dropped connection with 50 in flight: %d accepted, %d resubmitted, "
                    + "%d duplicate submits at the simulator%n", accepted, resubmitted,
                    simulator().duplicateSubmits() - duplicatesBefore);
            assertEquals(50, accepted);
            assertEquals(50, resubmitted);
            assertEquals(50, simulator().duplicateSubmits() - duplicatesBefore);
            for (String number : targets) {
                assertEquals(2, simulator().received().stream().filter(r -> r.destination().equals(number)).count());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static String carrierIdOf(String messageId) {
        return server.smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "select m.carrierMessageId from MtMessage m where m.id = :id", String.class)
                .setParameter("id", Long.parseLong(messageId)).getSingleResult());
    }

    private static long segmentsWithReceipts(long messageId) {
        return server.smsSwitch().database().sessionFactory().fromTransaction(s -> s.createSelectionQuery(
                        "select count(g) from MtSegment g where g.messageId = :id and g.receiptState is not null",
                        Long.class)
                .setParameter("id", messageId).getSingleResult());
    }
}
