package org.smsswitch.carrier.smpp;

import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;

/** An address with the type of number and numbering plan SMSCs expect for it. */
record SmppAddress(TypeOfNumber ton, NumberingPlanIndicator npi, String address) {

    private static final int MAX_SHORT_CODE_LENGTH = 8;

    /**
     * Where a message is sent from: {@code +E.164} as international ISDN, a short code (digits, up to
     * eight) as unknown/unknown, other digit strings as unknown/ISDN, anything else as alphanumeric.
     */
    static SmppAddress source(String source) {
        if (isInternational(source)) {
            return new SmppAddress(TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, source.substring(1));
        }
        if (isDigits(source) && source.length() <= MAX_SHORT_CODE_LENGTH) {
            // Carriers route short codes by their own tables; a numbering plan only confuses them.
            return new SmppAddress(TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, source);
        }
        if (isDigits(source)) {
            return new SmppAddress(TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, source);
        }
        return new SmppAddress(TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, source);
    }

    /**
     * Where a message goes: {@code +E.164} as international ISDN without the plus, bare digits as
     * unknown/ISDN.
     *
     * @throws IllegalArgumentException for anything that is not a phone number
     */
    static SmppAddress destination(String destination) {
        if (isInternational(destination)) {
            return new SmppAddress(TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination.substring(1));
        }
        if (isDigits(destination)) {
            return new SmppAddress(TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, destination);
        }
        throw new IllegalArgumentException("Not a phone number: " + destination);
    }

    /** The address as the switch writes it: international numbers get their plus back. */
    static String toSwitchForm(byte ton, String address) {
        if (ton == TypeOfNumber.INTERNATIONAL.value() && !address.startsWith("+")) {
            return "+" + address;
        }
        return address;
    }

    private static boolean isInternational(String s) {
        return s.length() > 1 && s.charAt(0) == '+' && isDigits(s.substring(1));
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
