package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UdhTest {

    @Test
    void concatenated_segment_starts_with_the_8_bit_reference_element() {
        byte[] message = Udh.concatenated(0xAB, 3, 2, new byte[] {0x41});
        assertArrayEquals(new byte[] {0x05, 0x00, 0x03, (byte) 0xAB, 0x03, 0x02, 0x41}, message);
        assertEquals(6, Udh.headerLength(message));
        assertEquals(new SmppSimulator.Concatenation(0xAB, 3, 2), Udh.concatenation(message).orElseThrow());
    }

    @Test
    void reads_the_16_bit_reference_element_after_other_elements() {
        byte[] message = {0x09, 0x0A, 0x01, 0x00, 0x08, 0x04, 0x12, 0x34, 0x02, 0x01, 0x41};
        assertEquals(new SmppSimulator.Concatenation(0x1234, 2, 1), Udh.concatenation(message).orElseThrow());
    }

    @Test
    void a_header_without_concatenation_has_none() {
        assertTrue(Udh.concatenation(new byte[] {0x03, 0x0A, 0x01, 0x00}).isEmpty());
        assertTrue(Udh.concatenation(new byte[0]).isEmpty());
    }
}
