package org.smsswitch.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubmitResultTest {

    @Test
    void accepted_segment_ids_give_the_message_id_and_count() {
        SubmitResult result = SubmitResult.accepted(List.of("a1", "a2", "a3"));

        assertTrue(result.accepted());
        assertEquals("a1", result.carrierMessageId());
        assertEquals(3, result.segments());
        assertEquals(List.of("a1", "a2", "a3"), result.segmentIds());
    }

    @Test
    void the_older_forms_still_work_with_the_first_id_only() {
        assertEquals(List.of("a1"), SubmitResult.accepted("a1", 2).segmentIds());
        assertEquals(List.of("a1"), new SubmitResult(true, "a1", null, 1).segmentIds());
        assertEquals(List.of(), SubmitResult.rejected("ESME_RINVDSTADR", 1).segmentIds());
    }

    @Test
    void a_rejection_after_accepted_segments_keeps_their_ids() {
        SubmitResult result = SubmitResult.rejected("ESME_RSYSERR", 3, List.of("a1"));

        assertFalse(result.accepted());
        assertEquals(List.of("a1"), result.segmentIds());
    }

    @Test
    void inconsistent_results_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> SubmitResult.accepted(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SubmitResult(true, "b", null, 2, List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> new SubmitResult(true, "a", null, 1, List.of("a", "b")));
    }

    @Test
    void unavailable_with_accepted_segments_may_have_reached_the_carrier() {
        CarrierUnavailableException nothingSent = new CarrierUnavailableException("Not bound");
        CarrierUnavailableException partly =
                new CarrierUnavailableException("dropped", null, true, List.of("a1", "a2"));

        assertFalse(nothingSent.mayHaveReachedCarrier());
        assertEquals(List.of(), nothingSent.acceptedSegmentIds());
        assertTrue(partly.mayHaveReachedCarrier());
        assertEquals(List.of("a1", "a2"), partly.acceptedSegmentIds());
        assertThrows(IllegalArgumentException.class,
                () -> new CarrierUnavailableException("x", null, false, List.of("a1")));
    }
}
