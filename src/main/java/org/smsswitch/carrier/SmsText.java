package org.smsswitch.carrier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A message text as it goes over the air: the alphabet it needs (GSM-7 when every character is in the
 * GSM 03.38 default alphabet or its extension table, UCS-2 otherwise) and its split into segments.
 * Immutable and thread-safe.
 */
public final class SmsText {

    /** The alphabet a text is sent in, with the GSM 03.38 data coding scheme that names it. */
    public enum Encoding {
        /** GSM 03.38 default alphabet; lengths count septets, an extension-table character counts two. */
        GSM7((byte) 0x00, 160, 153),
        /** UCS-2 (sent as UTF-16BE); lengths count UTF-16 code units. */
        UCS2((byte) 0x08, 70, 67);

        private final byte dataCoding;
        private final int singleCapacity;
        private final int concatenatedCapacity;

        Encoding(byte dataCoding, int singleCapacity, int concatenatedCapacity) {
            this.dataCoding = dataCoding;
            this.singleCapacity = singleCapacity;
            this.concatenatedCapacity = concatenatedCapacity;
        }

        /** The data coding scheme byte (SMPP data_coding): 0x00 SMSC default alphabet, 0x08 UCS-2. */
        public byte dataCoding() {
            return dataCoding;
        }

        /** Length units a message fits in when it is sent as one segment. */
        public int singleSegmentCapacity() {
            return singleCapacity;
        }

        /** Length units per segment when the message is split (the rest of 140 octets holds the UDH). */
        public int concatenatedSegmentCapacity() {
            return concatenatedCapacity;
        }
    }

    private final String text;
    private final Encoding encoding;
    private final int length;
    private final List<String> segments;

    private SmsText(String text) {
        this.text = text;
        this.encoding = fitsGsm7(text) ? Encoding.GSM7 : Encoding.UCS2;
        this.length = encoding == Encoding.GSM7 ? gsm7Septets(text) : text.length();
        this.segments = length <= encoding.singleCapacity ? List.of(text) : split(text, encoding);
    }

    public static SmsText of(String text) {
        return new SmsText(Objects.requireNonNull(text, "text"));
    }

    public String text() {
        return text;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** Length in the encoding's units: septets for GSM-7, UTF-16 code units for UCS-2. */
    public int length() {
        return length;
    }

    /** How many segments the text is sent as; an empty text is still one (empty) message. */
    public int segmentCount() {
        return segments.size();
    }

    /** The text of each segment, in order; joined they give back the text. */
    public List<String> segments() {
        return segments;
    }

    /** Encodes one of this text's segments (or any string fitting this text's encoding). */
    public byte[] encode(String segment) {
        return encode(segment, encoding);
    }

    /**
     * Encodes a string for SMPP short_message: GSM-7 as unpacked septets, one per byte (the SMSC packs
     * them), UCS-2 as UTF-16BE.
     *
     * @throws IllegalArgumentException if GSM-7 is asked for a character outside the alphabet
     */
    public static byte[] encode(String s, Encoding encoding) {
        return encoding == Encoding.GSM7 ? Gsm7Alphabet.encode(s) : s.getBytes(StandardCharsets.UTF_16BE);
    }

    /** Decodes bytes made by {@link #encode(String, Encoding)}. */
    public static String decode(byte[] bytes, int offset, int length, Encoding encoding) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return encoding == Encoding.GSM7
                ? Gsm7Alphabet.decode(bytes, offset, length)
                : new String(bytes, offset, length, StandardCharsets.UTF_16BE);
    }

    private static boolean fitsGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Gsm7Alphabet.septets(text.charAt(i)) == 0) {
                return false;
            }
        }
        return true;
    }

    private static int gsm7Septets(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += Gsm7Alphabet.septets(text.charAt(i));
        }
        return septets;
    }

    // Splits by whole characters (an escape pair or a surrogate pair is one unit of width 2), so a
    // segment may carry one unit less than capacity; the count can then exceed ceil(length / capacity).
    private static List<String> split(String text, Encoding encoding) {
        int capacity = encoding.concatenatedCapacity;
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int chars = Character.charCount(text.codePointAt(i));
            int width = encoding == Encoding.GSM7 ? Gsm7Alphabet.septets(text.charAt(i)) : chars;
            if (used + width > capacity) {
                parts.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += width;
            i += chars;
        }
        parts.add(text.substring(start));
        return List.copyOf(parts);
    }

    @Override
    public String toString() {
        // The text stays out: toString ends up in logs.
        return "SmsText[" + encoding + ", " + length + " units, " + segments.size() + " segment(s)]";
    }
}
