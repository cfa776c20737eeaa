package org.smsswitch.numbers;

import java.util.regex.Pattern;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;

/**
 * A handset's number in E.164 form: {@code +}, a country code, at most 15 digits in all. Input may
 * carry the usual punctuation ({@code +1 (555) 010-0001}); ten-digit North American numbers without
 * a country code are read as {@code +1}.
 */
public final class PhoneNumber {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern PUNCTUATION = Pattern.compile("[\\s().-]");

    private PhoneNumber() {
    }

    /**
     * The number in E.164 form.
     *
     * @throws SwitchException {@code INVALID_PHONE_NUMBER} naming the field when it is not a number
     */
    public static String parse(String input, String field) {
        if (input == null || input.isBlank()) {
            throw SwitchException.missing(field);
        }
        String digits = PUNCTUATION.matcher(input.strip()).replaceAll("");
        if (digits.matches("[2-9][0-9]{9}")) {
            digits = "+1" + digits;
        } else if (digits.matches("1[2-9][0-9]{9}")) {
            digits = "+" + digits;
        }
        if (!E164.matcher(digits).matches()) {
            throw new SwitchException(ErrorCode.INVALID_PHONE_NUMBER, field,
                    "'" + input + "' is not a phone number in E.164 form, such as +15550100001.");
        }
        return digits;
    }
}
