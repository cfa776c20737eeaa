package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smsswitch.carrier.CarrierUnavailableException;
import org.smsswitch.carrier.DeliveryReceipt;
import org.smsswitch.carrier.InboundSms;
import org.smsswitch.carrier.OutboundSms;
import org.smsswitch.carrier.SubmitResult;
import org.smsswitch.testing.Await;

/** The gateway against the simulator over a real socket on a free port. */
class SmppCarrierGatewayIT {

    private static final Duration AWAIT = TestBinds.AWAIT;
    private static final String HANDSET = "+15550100001";
    private static final String SHORT_CODE = "12345";

    private final RecordingListener listener = new RecordingListener();
    private SmppSimulator simulator;
    private SmppCarrierGateway gateway;

    @BeforeEach
    void start() {
        simulator = SmppSimulator.start(0);
        gateway = new SmppCarrierGateway(config(simulator.port()), "sim", "route-sim", listener);
        assertTrue(gateway.start(), "bound at the first attempt");
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void one_segment_gsm7_text_is_accepted_and_arrives_unchanged() throws Exception {
        String text = "Your meter reading is due: pay €5 {ref 42}";
        SubmitResult result = gateway.submit(new OutboundSms(1, SHORT_CODE, HANDSET, text, false));

        assertTrue(result.accepted());
        assertNotNull(result.carrierMessageId());
        assertEquals(1, result.segments());
        List<SmppSimulator.ReceivedSubmit> received = simulator.received();
        assertEquals(1, received.size());
        SmppSimulator.ReceivedSubmit submit = received.get(0);
        assertEquals(result.carrierMessageId(), submit.messageId());
        assertEquals(text, submit.text());
        assertEquals(0x00, submit.dataCoding());
        assertEquals(0x00, submit.esmClass());
        assertNull(submit.concatenation());
        assertEquals(HANDSET, submit.destination());
        assertEquals(1, submit.destinationTon(), "international");
        assertEquals(1, submit.destinationNpi(), "ISDN");
        assertEquals(SHORT_CODE, submit.source());
        assertEquals(0, submit.sourceTon());
        assertEquals(0, submit.sourceNpi());
        assertFalse(submit.receiptRequested());
        assertEquals("test", submit.systemId());
    }

    @Test
    void three_segment_ucs2_text_arrives_as_three_submits_with_consistent_udh() throws Exception {
        String text = "Счётчик: ".repeat(16) + "😀 конец";
        SubmitResult result = gateway.submit(new OutboundSms(2, SHORT_CODE, HANDSET, text, false));

        assertTrue(result.accepted());
        assertEquals(3, result.segments());
        List<SmppSimulator.ReceivedSubmit> received = simulator.received();
        assertEquals(3, received.size());
        Set<Integer> references = new HashSet<>();
        for (SmppSimulator.ReceivedSubmit submit : received) {
            assertEquals(0x08, submit.dataCoding());
            assertEquals(0x40, submit.esmClass() & 0x40, "UDHI set");
            assertEquals(3, submit.concatenation().total());
            references.add(submit.concatenation().reference());
        }
        assertEquals(1, references.size(), "one reference number for all segments");
        List<SmppSimulator.ReceivedSubmit> ordered = received.stream()
                .sorted(Comparator.comparingInt(s -> s.concatenation().sequence())).toList();
        assertEquals(List.of(1, 2, 3), ordered.stream().map(s -> s.concatenation().sequence()).toList());
        assertEquals(text, ordered.stream().map(SmppSimulator.ReceivedSubmit::text).collect(Collectors.joining()));
        assertEquals(ordered.get(0).messageId(), result.carrierMessageId(), "the first segment's id");
        assertEquals(ordered.stream().map(SmppSimulator.ReceivedSubmit::messageId).toList(), result.segmentIds(),
                "every segment's id, in order");
    }

    @Test
    void rejection_rule_gives_the_command_status_name() throws Exception {
        simulator.rejectDestinations("\\+1555999.*", "ESME_RINVDSTADR");

        SubmitResult result = gateway.submit(new OutboundSms(3, SHORT_CODE, "+15559990000", "Hello", false));

        assertEquals(SubmitResult.rejected("ESME_RINVDSTADR", 1), result);
        assertTrue(gateway.submit(new OutboundSms(4, SHORT_CODE, HANDSET, "Hello", false)).accepted(),
                "other destinations still go");
    }

    @Test
    void text_beyond_255_segments_is_rejected_without_sending() throws Exception {
        SubmitResult result = gateway.submit(new OutboundSms(10, SHORT_CODE, HANDSET, "a".repeat(153 * 256), false));

        assertEquals(SubmitResult.rejected("ESME_RINVMSGLEN", 256), result);
        assertTrue(simulator.received().isEmpty());
    }

    @Test
    void delivery_receipt_reaches_the_listener_with_the_carrier_id() throws Exception {
        SubmitResult result = gateway.submit(new OutboundSms(5, SHORT_CODE, HANDSET, "Receipt please", true));
        assertTrue(result.accepted());
        assertTrue(simulator.received().get(0).receiptRequested());

        DeliveryReceipt receipt = listener.receipts.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertNotNull(receipt, "receipt within " + AWAIT);
        assertEquals(result.carrierMessageId(), receipt.carrierMessageId());
        assertEquals("DELIVRD", receipt.state());
        assertEquals("000", receipt.errorCode());
        assertNotNull(receipt.doneTime());
        assertEquals("sim", receipt.carrierName(), "no network named: the connection's carrier");
        assertEquals("route-sim", receipt.route());
        assertNotNull(receipt.submitDate());
    }

    @Test
    void injected_mobile_originated_message_reaches_the_listener() throws Exception {
        assertEquals("ESME_ROK", simulator.injectMo(HANDSET, SHORT_CODE, "STOP"));

        InboundSms mo = listener.mos.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals(new InboundSms(HANDSET, SHORT_CODE, "STOP", "sim"), mo);
    }

    @Test
    void failing_listener_is_answered_with_esme_rx_t_appn() throws Exception {
        listener.failing = true;

        assertEquals("ESME_RX_T_APPN", simulator.injectMo(HANDSET, SHORT_CODE, "STOP"));
    }

    @Test
    void gateway_rebinds_by_itself_after_the_smsc_comes_back_on_the_same_port() throws Exception {
        int port = simulator.port();
        simulator.close();
        await(() -> !gateway.isBound(), "the gateway to notice the drop");

        CarrierUnavailableException down = assertThrows(CarrierUnavailableException.class,
                () -> gateway.submit(new OutboundSms(6, SHORT_CODE, HANDSET, "While down", false)));
        assertFalse(down.mayHaveReachedCarrier(), "nothing was written");

        assertFalse(gateway.awaitBound(Duration.ofMillis(50)), "no SMSC to bind to");
        simulator = SmppSimulator.start(port);
        assertTrue(gateway.awaitBound(AWAIT), "the gateway rebinds");
        SubmitResult result = gateway.submit(new OutboundSms(7, SHORT_CODE, HANDSET, "After restart", false));
        assertTrue(result.accepted());
        assertEquals("After restart", simulator.received().get(0).text());
    }

    @Test
    void closed_gateway_refuses_submits() throws Exception {
        gateway.close();

        assertFalse(gateway.isBound());
        assertFalse(gateway.awaitBound(AWAIT), "a closed gateway never binds; answered at once");
        assertThrows(CarrierUnavailableException.class,
                () -> gateway.submit(new OutboundSms(8, SHORT_CODE, HANDSET, "Too late", false)));
        await(() -> simulator.boundSessions() == 0, "the simulator to see the unbind");
    }

    @Test
    void wrong_password_does_not_bind() {
        try (SmppSimulator guarded = SmppSimulator.start(0, "test", "secret");
                SmppCarrierGateway intruder = new SmppCarrierGateway(
                        SmppBindConfig.builder("127.0.0.1", guarded.port(), "test", "guess").build())) {
            assertFalse(intruder.start());
            assertThrows(CarrierUnavailableException.class,
                    () -> intruder.submit(new OutboundSms(9, SHORT_CODE, HANDSET, "Hi", false)));
        }
    }

    @Test
    void a_thousand_submits_from_eight_threads_are_all_accepted() throws Exception {
        int threads = 8;
        int perThread = 125;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<SubmitResult>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<SubmitResult> results = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        long reference = thread * 1000L + i;
                        results.add(gateway.submit(
                                new OutboundSms(reference, SHORT_CODE, HANDSET, "Load " + reference, false)));
                    }
                    return results;
                }));
            }
            Set<String> ids = new HashSet<>();
            for (Future<List<SubmitResult>> future : futures) {
                for (SubmitResult result : future.get(60, TimeUnit.SECONDS)) {
                    assertTrue(result.accepted(), () -> "rejected: " + result);
                    ids.add(result.carrierMessageId());
                }
            }
            assertEquals(threads * perThread, ids.size(), "every message got its own id");
            assertEquals(threads * perThread, simulator.received().size());
        } finally {
            pool.shutdownNow();
        }
    }

    private static SmppBindConfig config(int port) {
        return TestBinds.loopback(port).build();
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(AWAIT, what, condition);
    }
}
