package org.smsswitch.carrier;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** The GSM 03.38 default alphabet and its extension table, one septet per byte (unpacked). */
final class Gsm7Alphabet {

    static final int ESCAPE = 0x1B;

    // Index = septet value; 0x1B is the escape to the extension table, not a character.
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static final char[] EXTENSION_CHARS = {'\f', '^', '{', '}', '\\', '[', '~', ']', '|', '€'};
    private static final int[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    private static final int NONE = -1;
    private static final int[] BASIC_CODE = new int[0x10000];
    private static final int[] EXTENSION_CODE = new int[0x10000];
    private static final char[] EXTENSION_CHAR_BY_CODE = new char[128];

    static {
        if (BASIC.length() != 128) {
            throw new AssertionError("GSM 03.38 basic table must have 128 entries, has " + BASIC.length());
        }
        Arrays.fill(BASIC_CODE, NONE);
        Arrays.fill(EXTENSION_CODE, NONE);
        for (int i = 0; i < BASIC.length(); i++) {
            if (i != ESCAPE) {
                BASIC_CODE[BASIC.charAt(i)] = i;
            }
        }
        for (int i = 0; i < EXTENSION_CHARS.length; i++) {
            EXTENSION_CODE[EXTENSION_CHARS[i]] = EXTENSION_CODES[i];
            EXTENSION_CHAR_BY_CODE[EXTENSION_CODES[i]] = EXTENSION_CHARS[i];
        }
    }

    private Gsm7Alphabet() {}

    /** Septets the character takes: 1 (basic table), 2 (escape + extension table), 0 (not in GSM-7). */
    static int septets(char c) {
        if (BASIC_CODE[c] != NONE) {
            return 1;
        }
        return EXTENSION_CODE[c] != NONE ? 2 : 0;
    }

    static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC_CODE[c] != NONE) {
                out.write(BASIC_CODE[c]);
            } else if (EXTENSION_CODE[c] != NONE) {
                out.write(ESCAPE);
                out.write(EXTENSION_CODE[c]);
            } else {
                throw new IllegalArgumentException("Character U+%04X is not in the GSM-7 alphabet".formatted((int) c));
            }
        }
        return out.toByteArray();
    }

    static String decode(byte[] septets, int offset, int length) {
        StringBuilder text = new StringBuilder(length);
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            int code = septets[i] & 0x7F;
            if (code == ESCAPE && i + 1 < end) {
                int ext = septets[++i] & 0x7F;
                char c = EXTENSION_CHAR_BY_CODE[ext];
                // 03.38: an unknown extension code shows as the basic-table character.
                text.append(c != 0 ? c : ext == ESCAPE ? ' ' : BASIC.charAt(ext));
            } else if (code == ESCAPE) {
                text.append(' ');
            } else {
                text.append(BASIC.charAt(code));
            }
        }
        return text.toString();
    }
}
