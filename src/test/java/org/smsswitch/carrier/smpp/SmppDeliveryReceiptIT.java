package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smsswitch.carrier.DeliveryReceipt;
import org.smsswitch.carrier.OutboundSms;
import org.smsswitch.carrier.SubmitResult;

/** Delivery receipts from the simulator to the gateway's listener, over a real socket on a free port. */
class SmppDeliveryReceiptIT {

    private static final String SHORT_CODE = "12345";

    private final RecordingListener listener = new RecordingListener();
    private SmppSimulator simulator;
    private SmppCarrierGateway gateway;

    @BeforeEach
    void start() {
        simulator = SmppSimulator.start(0);
        gateway = new SmppCarrierGateway(TestBinds.loopback(simulator.port()).build(), "sim", "route-sim", listener);
        assertTrue(gateway.start(), "bound at the first attempt");
    }

    @AfterEach
    void stop() {
        gateway.close();
        simulator.close();
    }

    @Test
    void every_segment_of_a_three_segment_ucs2_message_gets_its_own_id_and_receipt() throws Exception {
        String text = "Счётчик: ".repeat(16) + "😀 конец";

        SubmitResult result = gateway.submit(new OutboundSms(1, SHORT_CODE, "+15550100001", text, true));

        assertTrue(result.accepted());
        assertEquals(3, result.segments());
        assertEquals(3, result.segmentIds().size());
        assertEquals(3, Set.copyOf(result.segmentIds()).size(), "three different ids");
        assertTrue(simulator.received().stream().allMatch(SmppSimulator.ReceivedSubmit::receiptRequested),
                "every segment asked for a receipt");
        List<DeliveryReceipt> receipts = take(3);
        // The simulator writes the text id in decimal: the ids match only because the TLV's is used.
        assertEquals(Set.copyOf(result.segmentIds()),
                receipts.stream().map(DeliveryReceipt::carrierMessageId).collect(Collectors.toSet()));
        for (DeliveryReceipt receipt : receipts) {
            assertEquals("DELIVRD", receipt.state());
            assertEquals("route-sim", receipt.route());
        }
    }

    @Test
    void receipt_outcome_and_network_name_follow_the_destination_rules() throws Exception {
        Map<String, String> stateByDestination = new LinkedHashMap<>();
        stateByDestination.put("+15550100001", "DELIVRD");
        stateByDestination.put("+15550110001", "UNDELIV");
        stateByDestination.put("+15550120001", "EXPIRED");
        stateByDestination.put("+15550130001", "REJECTD");
        stateByDestination.put("+15550140001", "DELETED");
        stateByDestination.put("+15550150001", "UNKNOWN");
        stateByDestination.put("+15550160001", "ACCEPTD");
        stateByDestination.put("+15550170001", "ENROUTE");
        stateByDestination.forEach((destination, state) ->
                simulator.receiptOutcome("^\\" + destination.substring(0, 8), state));
        simulator.carrierName("^\\+1555010", "Verizon Wireless");

        Map<String, String> destinationById = new HashMap<>();
        for (String destination : stateByDestination.keySet()) {
            SubmitResult result = gateway.submit(new OutboundSms(2, SHORT_CODE, destination, "Outage update", true));
            destinationById.put(result.carrierMessageId(), destination);
        }

        for (DeliveryReceipt receipt : take(stateByDestination.size())) {
            String destination = destinationById.get(receipt.carrierMessageId());
            assertNotNull(destination, () -> "receipt for an id never returned: " + receipt);
            assertEquals(stateByDestination.get(destination), receipt.state(), destination);
            boolean verizon = destination.startsWith("+1555010");
            assertEquals(verizon ? "Verizon Wireless" : "sim", receipt.carrierName(), destination);
            assertEquals(receipt.state().equals("DELIVRD") || receipt.state().equals("ACCEPTD")
                    || receipt.state().equals("ENROUTE") ? "000" : "001", receipt.errorCode(), destination);
            assertEquals(receipt.state().equals("DELIVRD"), receipt.delivered());
        }
    }

    @Test
    void a_receipt_sent_before_the_submit_response_reaches_the_listener_before_submit_returns() throws Exception {
        simulator.receiptBeforeResponse("^\\+1555013");

        SubmitResult result = gateway.submit(new OutboundSms(3, SHORT_CODE, "+15550130001", "Early bird", true));

        DeliveryReceipt receipt = listener.receipts.poll();
        assertNotNull(receipt, "the receipt was handled before submit() returned");
        assertEquals(result.carrierMessageId(), receipt.carrierMessageId());
        SubmitResult later = gateway.submit(new OutboundSms(4, SHORT_CODE, "+15550100001", "On time", true));
        assertEquals(later.carrierMessageId(), take(1).get(0).carrierMessageId(), "other destinations as usual");
    }

    @Test
    void a_receipt_for_an_id_the_gateway_never_got_still_reaches_the_listener() throws Exception {
        assertEquals("ESME_ROK", simulator.injectReceipt("ffffffffff", "UNDELIV"));

        DeliveryReceipt receipt = take(1).get(0);

        assertEquals("ffffffffff", receipt.carrierMessageId());
        assertEquals("UNDELIV", receipt.state());
        assertEquals("sim", receipt.carrierName());
    }

    @Test
    void no_receipt_is_sent_when_none_was_asked_for() throws Exception {
        SubmitResult quiet = gateway.submit(new OutboundSms(5, SHORT_CODE, "+15550100001", "No receipt", false));
        SubmitResult asked = gateway.submit(new OutboundSms(6, SHORT_CODE, "+15550100001", "Receipt", true));

        DeliveryReceipt receipt = take(1).get(0);

        assertEquals(asked.carrierMessageId(), receipt.carrierMessageId());
        assertNotEquals(quiet.carrierMessageId(), receipt.carrierMessageId());
        assertFalse(simulator.received().get(0).receiptRequested());
    }

    private List<DeliveryReceipt> take(int count) throws InterruptedException {
        List<DeliveryReceipt> receipts = new ArrayList<>();
        long deadline = System.nanoTime() + TestBinds.AWAIT.toNanos();
        while (receipts.size() < count) {
            DeliveryReceipt receipt = listener.receipts.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull(receipt,
                    () -> "only " + receipts.size() + " of " + count + " receipts within " + TestBinds.AWAIT);
            receipts.add(receipt);
        }
        Set<String> ids = new HashSet<>();
        receipts.forEach(r -> assertTrue(ids.add(r.carrierMessageId()), () -> "receipt twice: " + r));
        return receipts;
    }
}
