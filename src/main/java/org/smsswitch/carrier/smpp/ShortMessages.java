package org.smsswitch.carrier.smpp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.MessageRequest;
import org.jsmpp.bean.OptionalParameter;
import org.smsswitch.carrier.SmsText;

/** Turns a PDU's short_message (or message_payload) back into text according to its data_coding. */
final class ShortMessages {

    private ShortMessages() {}

    /** The text of a submit_sm or deliver_sm, without its user data header. */
    static String text(MessageRequest pdu) {
        byte[] message = payload(pdu);
        int offset = AbstractSmCommand.isUdhi(pdu.getEsmClass()) ? Udh.headerLength(message) : 0;
        return decode(pdu.getDataCoding(), message, offset, message.length - offset);
    }

    /** short_message, or message_payload when the sender put the text there instead. */
    static byte[] payload(MessageRequest pdu) {
        byte[] message = pdu.getShortMessage();
        if (message != null && message.length > 0) {
            return message;
        }
        OptionalParameter payload = pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
        if (payload instanceof OptionalParameter.OctetString octets) {
            return octets.getValue();
        }
        return new byte[0];
    }

    static String decode(byte dataCoding, byte[] bytes, int offset, int length) {
        int dcs = dataCoding & 0xFF;
        return switch (dcs) {
            case 0x01 -> new String(bytes, offset, length, StandardCharsets.US_ASCII);
            case 0x03 -> new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
            case 0x06 -> new String(bytes, offset, length, Charset.forName("ISO-8859-5"));
            case 0x07 -> new String(bytes, offset, length, Charset.forName("ISO-8859-8"));
            default -> switch (alphabet(dcs)) {
                case GSM7 -> SmsText.decode(bytes, offset, length, SmsText.Encoding.GSM7);
                case UCS2 -> SmsText.decode(bytes, offset, length, SmsText.Encoding.UCS2);
                // Binary data has no text; Latin-1 keeps every byte visible.
                case EIGHT_BIT -> new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
            };
        };
    }

    private enum Alphabet { GSM7, EIGHT_BIT, UCS2 }

    // GSM 03.38 data coding groups; SMPP reuses 0x00-0x0F for its own alphabets (handled above).
    private static Alphabet alphabet(int dcs) {
        if ((dcs & 0xC0) == 0x00) {
            return switch ((dcs >> 2) & 0x03) {
                case 0 -> Alphabet.GSM7;
                case 2 -> Alphabet.UCS2;
                default -> Alphabet.EIGHT_BIT;
            };
        }
        return switch (dcs & 0xF0) {
            case 0xF0 -> (dcs & 0x04) != 0 ? Alphabet.EIGHT_BIT : Alphabet.GSM7;
            case 0xE0 -> Alphabet.UCS2;
            case 0xC0, 0xD0 -> Alphabet.GSM7;
            default -> Alphabet.EIGHT_BIT;
        };
    }
}
