package org.smsswitch.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smsswitch.api.ws.DeliveryStatus;
import org.smsswitch.api.ws.ImmediateStatus;
import org.smsswitch.api.ws.MessageStatus;
import org.smsswitch.api.ws.StatusTransition;
import org.smsswitch.testing.MutableClock;
import org.smsswitch.testing.TestDatabases;
import org.smsswitch.testing.TestSwitch;

/** Delivery receipts from the simulator over SMPP move a message to its final status. */
class DeliveryStatusIT {
    @TempDir
    static Path work;
    private static TestSwitch server;
    private static final MutableClock clock = new MutableClock();

    @BeforeAll
    static void start() throws Exception {
        server = TestSwitch.start(TestDatabases.h2(work), work, Map.of("carrier.smpp.carrier-name", "T-Mobile"),
                clock);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static MessageStatus send(String text) {
        return server.send("+15550100001", text);
    }

    static MessageStatus status(String id) {
        return server.status(id);
    }

    static MessageStatus awaitFinal(String id) {
        return server.awaitFinal(id);
    }

    @Test
    void a_delivrd_receipt_from_a_confirming_carrier_is_delivered_with_its_history() throws Exception {
        server.smsSwitch().simulator().receiptDelay(Duration.ZERO);
        MessageStatus sent = send("Crews are on the way");

        MessageStatus done = awaitFinal(sent.getMessageId());

        assertEquals(ImmediateStatus.ACCEPTED, done.getImmediateStatus());
        assertEquals(DeliveryStatus.DELIVERED, done.getDeliveryStatus());
        List<StatusTransition> history = done.getHistory();
        assertEquals(List.of(DeliveryStatus.NOT_SENT, DeliveryStatus.AWAITING_STATUS, DeliveryStatus.DELIVERED),
                history.stream().map(StatusTransition::getDeliveryStatus).toList());
        assertEquals(ImmediateStatus.QUEUED, history.get(0).getImmediateStatus());
        assertTrue(history.get(2).isFinal());
        assertFalse(history.get(1).isFinal());
    }

    @Test
    void a_message_without_a_receipt_is_final_after_24_hours_and_says_so() throws Exception {
        server.smsSwitch().simulator().receiptDelay(Duration.ofHours(1));
        try {
            MessageStatus sent = send("Scheduled maintenance tonight");
            assertEquals(DeliveryStatus.AWAITING_STATUS, status(sent.getMessageId()).getDeliveryStatus());

            clock.advance(Duration.ofHours(23));
            server.smsSwitch().finalizer().run();
            assertFalse(status(sent.getMessageId()).isFinal());

            clock.advance(Duration.ofHours(1).plusSeconds(1));
            server.smsSwitch().finalizer().run();
            MessageStatus done = status(sent.getMessageId());
            assertTrue(done.isFinal());
            assertEquals(DeliveryStatus.FAILED_NO_RECEIPT, done.getDeliveryStatus());
            assertTrue(done.getDetail().contains("Awaiting Status"), done.getDetail());
        } finally {
            server.smsSwitch().simulator().receiptDelay(Duration.ZERO);
        }
    }
}
