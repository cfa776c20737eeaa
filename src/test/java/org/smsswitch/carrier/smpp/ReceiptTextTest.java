package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiptTextTest {

    @Test
    void parses_the_standard_text_form() {
        ReceiptText.Fields f = ReceiptText.parse("id:0000000abc sub:001 dlvrd:001 submit date:2403011200 "
                + "done date:2403011205 stat:DELIVRD err:000 text:Hello").orElseThrow();
        assertEquals("0000000abc", f.id());
        assertEquals("DELIVRD", f.stat());
        assertEquals("000", f.err());
        assertEquals(Instant.parse("2024-03-01T12:05:00Z"), f.doneTime());
        assertEquals(Instant.parse("2024-03-01T12:00:00Z"), f.submitDate());
    }

    @Test
    void spelled_out_states_become_stat_words_and_others_pass_unchanged() {
        assertEquals("DELIVRD", ReceiptText.parse("id:1 stat:Delivered").orElseThrow().stat());
        assertEquals("UNDELIV", ReceiptText.parse("id:1 stat:UNDELIVERABLE").orElseThrow().stat());
        assertEquals("FAILED", ReceiptText.parse("id:1 stat:failed").orElseThrow().stat());
    }

    @Test
    void tolerates_case_seconds_and_missing_fields() {
        ReceiptText.Fields f = ReceiptText.parse("Id:77 Done Date:240301120559 Stat:undeliv").orElseThrow();
        assertEquals("77", f.id());
        assertEquals("UNDELIV", f.stat());
        assertNull(f.err());
        assertEquals(Instant.parse("2024-03-01T12:05:59Z"), f.doneTime());
    }

    @Test
    void a_text_without_id_or_stat_is_not_a_receipt() {
        assertTrue(ReceiptText.parse("hello there").isEmpty());
        assertTrue(ReceiptText.parse("id:12 err:000").isEmpty());
    }

    @Test
    void formats_what_it_parses() {
        Instant at = Instant.parse("2024-03-01T12:05:00Z");
        String text = ReceiptText.format("abc", at, at, "EXPIRED", "001", "Hi");
        ReceiptText.Fields f = ReceiptText.parse(text).orElseThrow();
        assertEquals("abc", f.id());
        assertEquals("EXPIRED", f.stat());
        assertEquals("001", f.err());
        assertEquals(at, f.doneTime());
    }
}
