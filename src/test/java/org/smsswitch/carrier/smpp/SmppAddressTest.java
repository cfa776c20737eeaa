package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.junit.jupiter.api.Test;

class SmppAddressTest {

    @Test
    void short_code_source_is_unknown_unknown() {
        assertEquals(new SmppAddress(TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "12345"),
                SmppAddress.source("12345"));
        assertEquals(TypeOfNumber.UNKNOWN, SmppAddress.source("12345678").ton());
        assertEquals(NumberingPlanIndicator.ISDN, SmppAddress.source("123456789").npi(),
                "nine digits is no short code");
    }

    @Test
    void international_numbers_lose_the_plus() {
        assertEquals(new SmppAddress(TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "15550100001"),
                SmppAddress.destination("+15550100001"));
        assertEquals(TypeOfNumber.INTERNATIONAL, SmppAddress.source("+15550100002").ton());
    }

    @Test
    void alphanumeric_source_is_alphanumeric() {
        assertEquals(TypeOfNumber.ALPHANUMERIC, SmppAddress.source("MyUtility").ton());
    }

    @Test
    void destination_must_be_a_phone_number() {
        assertThrows(IllegalArgumentException.class, () -> SmppAddress.destination("+1 555"));
        assertThrows(IllegalArgumentException.class, () -> SmppAddress.destination(""));
    }

    @Test
    void international_addresses_get_their_plus_back() {
        assertEquals("+15550100001", SmppAddress.toSwitchForm(TypeOfNumber.INTERNATIONAL.value(), "15550100001"));
        assertEquals("12345", SmppAddress.toSwitchForm(TypeOfNumber.UNKNOWN.value(), "12345"));
    }
}
