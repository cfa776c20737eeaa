package org.smsswitch.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MtSegmentTest {
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void an_intermediate_receipt_after_a_final_one_is_kept_out() {
        MtSegment segment = new MtSegment(1, 1, "default", "abc");
        assertTrue(segment.receipt("ENROUTE", null, now));
        assertTrue(segment.receipt("DELIVRD", null, now));
        assertFalse(segment.receipt("ENROUTE", null, now));
        assertEquals("DELIVRD", segment.receiptState());
    }

    @Test
    void a_message_is_delivered_only_when_every_segment_is_and_fails_when_any_does() {
        DeliveryTracker tracker = new DeliveryTracker(null, null, new ReceiptStates(Set.of("T-Mobile")));
        try {
            MtSegment one = new MtSegment(1, 1, "default", "a");
            MtSegment two = new MtSegment(1, 2, "default", "b");
            assertEquals(DeliveryStatus.AWAITING_STATUS, tracker.aggregate(List.of(one, two), "T-Mobile"));
            one.receipt("DELIVRD", null, now);
            assertEquals(DeliveryStatus.EN_ROUTE, tracker.aggregate(List.of(one, two), "T-Mobile"));
            two.receipt("DELIVRD", null, now);
            assertEquals(DeliveryStatus.DELIVERED, tracker.aggregate(List.of(one, two), "T-Mobile"));
            assertEquals(DeliveryStatus.HP_DELIVERED, tracker.aggregate(List.of(one, two), "Sprint"));
            MtSegment three = new MtSegment(2, 1, "default", "c");
            MtSegment four = new MtSegment(2, 2, "default", "d");
            three.receipt("DELIVRD", null, now);
            four.receipt("UNDELIV", "001", now);
            assertEquals(DeliveryStatus.FAILED_UNDELIVERABLE, tracker.aggregate(List.of(three, four), "T-Mobile"));
        } finally {
            tracker.close();
        }
    }
}
