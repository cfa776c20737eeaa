package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

class CommandStatusTest {

    @Test
    void names_statuses_as_the_spec_does() {
        assertEquals("ESME_RINVDSTADR", CommandStatus.name(SMPPConstant.STAT_ESME_RINVDSTADR));
        assertEquals("ESME_RTHROTTLED", CommandStatus.name(0x58));
        assertEquals("ESME_ROK", CommandStatus.name(0));
    }

    @Test
    void unknown_statuses_are_named_in_hex() {
        assertEquals("0x00000401", CommandStatus.name(0x401));
    }

    @Test
    void names_map_back_to_values() {
        assertEquals(SMPPConstant.STAT_ESME_RINVDSTADR, CommandStatus.valueOf("ESME_RINVDSTADR"));
        assertEquals(0x401, CommandStatus.valueOf("0x00000401"));
    }
}
