package org.smsswitch.carrier.smpp;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jsmpp.bean.MessageRequest;
import org.jsmpp.bean.OptionalParameter;

/**
 * The switch's convention for naming a handset's network in a receipt: vendor TLV {@code 0x1403}
 * ("network name"), a NUL-terminated ASCII string, as aggregators send it with deliver_sm.
 */
final class NetworkNameTlv {

    static final short TAG = 0x1403;

    private NetworkNameTlv() {}

    static OptionalParameter of(String networkName) {
        return new OptionalParameter.COctetString(TAG, networkName);
    }

    /** The network name in the PDU; empty when the TLV is absent or blank. */
    static Optional<String> read(MessageRequest pdu) {
        // jSMPP does not know the tag, so it arrives as a plain octet string with its terminator.
        if (!(pdu.getOptionalParameter(TAG) instanceof OptionalParameter.OctetString value)) {
            return Optional.empty();
        }
        String text = new String(value.getValue(), StandardCharsets.ISO_8859_1);
        int nul = text.indexOf('\0');
        String name = (nul < 0 ? text : text.substring(0, nul)).strip();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
