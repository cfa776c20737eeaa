package org.smsswitch.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CarrierTableTest {

    private static final String CSV = """
            # US test ranges
            prefix,carrier,route
            +1555,Generic Wireless,aggregator

            +1555010,Verizon Wireless,verizon
            +15550101, T-Mobile , tmo   # a block ported in bulk
            +44,Vodafone UK,
            """;

    @Test
    void longest_prefix_wins() {
        CarrierTable table = CarrierTable.parse(CSV);

        assertEquals("T-Mobile", table.lookup("+15550101234").orElseThrow().carrierName());
        assertEquals("Verizon Wireless", table.lookup("+15550109999").orElseThrow().carrierName());
        assertEquals("Generic Wireless", table.lookup("+15559990000").orElseThrow().carrierName());
    }

    @Test
    void numbers_no_prefix_starts_have_no_entry() {
        CarrierTable table = CarrierTable.parse(CSV);

        assertEquals(Optional.empty(), table.lookup("+33612345678"));
        assertEquals(Optional.empty(), table.lookup("15550101234"), "without the plus it is not E.164");
        assertEquals(Optional.empty(), table.lookup(null));
        assertEquals(Optional.empty(), CarrierTable.empty().lookup("+15550101234"));
    }

    @Test
    void parsing_trims_fields_skips_comments_blank_lines_and_the_header() {
        CarrierTable table = CarrierTable.parse(CSV);

        assertEquals(List.of(
                new CarrierTable.Entry("+1555", "Generic Wireless", "aggregator"),
                new CarrierTable.Entry("+1555010", "Verizon Wireless", "verizon"),
                new CarrierTable.Entry("+15550101", "T-Mobile", "tmo"),
                new CarrierTable.Entry("+44", "Vodafone UK", null)), table.entries());
    }

    @Test
    void an_empty_route_means_the_default_route() {
        assertNull(CarrierTable.parse("+44,Vodafone UK").entries().get(0).route());
        assertNull(CarrierTable.parse("+44,Vodafone UK, ").entries().get(0).route());
    }

    @Test
    void a_malformed_line_is_named_with_its_number_and_reason() {
        assertMalformed("+1555,Verizon\n1555010,Verizon,v", "Line 2: prefix must be + and 1 to 15 digits");
        assertMalformed("# header\n\n+1555", "Line 3: expected prefix,carrier,route but found 1 field");
        assertMalformed("+1555,A,b,c", "Line 1: expected prefix,carrier,route but found 4 fields");
        assertMalformed("+1555, ,route", "Line 1: carrier name must not be blank");
        assertMalformed("+1555,A,a\n+1555,B,b", "Line 2: prefix +1555 is already on line 1");
        assertMalformed("+0555,A,a", "Line 1: prefix must be + and 1 to 15 digits");
        assertMalformed("+1234567890123456,A,a", "Line 1: prefix must be + and 1 to 15 digits");
    }

    @Test
    void a_table_built_from_entries_refuses_a_prefix_twice() {
        List<CarrierTable.Entry> twice = List.of(new CarrierTable.Entry("+1", "A", null),
                new CarrierTable.Entry("+1", "B", null));

        assertThrows(IllegalArgumentException.class, () -> CarrierTable.of(twice));
    }

    @Test
    void an_empty_text_gives_an_empty_table() {
        assertTrue(CarrierTable.parse("\n# nothing yet\n").entries().isEmpty());
    }

    private static void assertMalformed(String csv, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CarrierTable.parse(csv));
        assertTrue(e.getMessage().startsWith(messageStart), () -> "message was: " + e.getMessage());
    }
}
