package org.smsswitch.carrier.smpp;

import java.util.Optional;

/** The GSM 03.40 user data header as used for concatenated messages. */
final class Udh {

    private static final int IEI_CONCAT_8BIT = 0x00;
    private static final int IEI_CONCAT_16BIT = 0x08;

    private Udh() {}

    /** short_message for one segment: UDH with the 8-bit-reference concatenation element, then the text. */
    static byte[] concatenated(int reference, int total, int sequence, byte[] segment) {
        if (total < 1 || total > 255 || sequence < 1 || sequence > total) {
            throw new IllegalArgumentException("segment " + sequence + " of " + total);
        }
        byte[] message = new byte[6 + segment.length];
        message[0] = 0x05; // UDH length, not counting itself
        message[1] = IEI_CONCAT_8BIT;
        message[2] = 0x03; // element length
        message[3] = (byte) reference;
        message[4] = (byte) total;
        message[5] = (byte) sequence;
        System.arraycopy(segment, 0, message, 6, segment.length);
        return message;
    }

    /** Bytes the header takes at the start of a short_message sent with UDHI set. */
    static int headerLength(byte[] shortMessage) {
        if (shortMessage.length == 0) {
            return 0;
        }
        return Math.min(shortMessage.length, 1 + (shortMessage[0] & 0xFF));
    }

    /** The concatenation element of a header, 8- or 16-bit reference, if there is one. */
    static Optional<SmppSimulator.Concatenation> concatenation(byte[] shortMessage) {
        int end = headerLength(shortMessage);
        int i = 1;
        while (i + 1 < end) {
            int iei = shortMessage[i] & 0xFF;
            int length = shortMessage[i + 1] & 0xFF;
            int data = i + 2;
            if (data + length > end) {
                break;
            }
            if (iei == IEI_CONCAT_8BIT && length == 3) {
                return Optional.of(new SmppSimulator.Concatenation(
                        shortMessage[data] & 0xFF, shortMessage[data + 1] & 0xFF, shortMessage[data + 2] & 0xFF));
            }
            if (iei == IEI_CONCAT_16BIT && length == 4) {
                int reference = ((shortMessage[data] & 0xFF) << 8) | (shortMessage[data + 1] & 0xFF);
                return Optional.of(new SmppSimulator.Concatenation(
                        reference, shortMessage[data + 2] & 0xFF, shortMessage[data + 3] & 0xFF));
            }
            i = data + length;
        }
        return Optional.empty();
    }
}
