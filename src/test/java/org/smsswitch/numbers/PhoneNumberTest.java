package org.smsswitch.numbers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;

class PhoneNumberTest {
    @ParameterizedTest
    @CsvSource({
        "+15550100001, +15550100001",
        "'+1 (555) 010-0001', +15550100001",
        "5550100001, +15550100001",
        "15550100001, +15550100001",
        "+447700900123, +447700900123",
        "' +1.555.010.0001 ', +15550100001"
    })
    void parse_should_return_e164(String input, String expected) {
        assertEquals(expected, PhoneNumber.parse(input, "to"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"555-CALL-NOW", "+0123456789", "12345", "+1234567890123456", "++15550100001", "abc"})
    void parse_should_refuse_what_is_not_a_number(String input) {
        SwitchException e = assertThrows(SwitchException.class, () -> PhoneNumber.parse(input, "to"));
        assertEquals(ErrorCode.INVALID_PHONE_NUMBER, e.code());
        assertEquals("to", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void parse_should_call_a_blank_number_missing(String input) {
        assertEquals(ErrorCode.MISSING_FIELD, assertThrows(SwitchException.class,
                () -> PhoneNumber.parse(input, "to")).code());
    }
}
