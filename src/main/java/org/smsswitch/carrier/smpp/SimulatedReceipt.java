package org.smsswitch.carrier.smpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPServerSession;

/**
 * A delivery receipt as the simulator sends it: deliver_sm from the handset to the sender, with the
 * receipted_message_id and message_state TLVs, the network name TLV when a rule gives one, and the
 * text form. Like many SMSCs, the text gives a hex id in decimal while the TLV repeats the
 * submit_sm_resp's id, so the ESME must prefer the TLV.
 */
record SimulatedReceipt(String messageId, SmppAddress handset, SmppAddress sender, Instant submitted,
        ReceiptStat stat, String networkName, String quote) {

    private static final Pattern SHORT_HEX = Pattern.compile("[0-9a-f]{1,15}");

    /** The receipt for a submit the simulator took. */
    static SimulatedReceipt of(SmppSimulator.ReceivedSubmit submit, ReceiptStat stat, String networkName) {
        return new SimulatedReceipt(submit.messageId(),
                address(submit.destinationTon(), submit.destinationNpi(), submit.destination()),
                address(submit.sourceTon(), submit.sourceNpi(), submit.source()),
                submit.receivedAt(), stat, networkName, asciiPrefix(submit.text()));
    }

    /** A receipt for an id the simulator may never have given, from and to placeholder addresses. */
    static SimulatedReceipt forId(String messageId, ReceiptStat stat) {
        SmppAddress unknown = new SmppAddress(TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "0");
        return new SimulatedReceipt(messageId, unknown, unknown, Instant.now(), stat, null, "");
    }

    /** Sends it and waits for the ESME's deliver_sm_resp. */
    void sendOn(SMPPServerSession session) throws PDUException, ResponseTimeoutException, InvalidResponseException,
            NegativeResponseException, IOException {
        String text = ReceiptText.format(textId(messageId), submitted, Instant.now(), stat.name(),
                stat.successful() ? "000" : "001", quote);
        List<OptionalParameter> tlvs = new ArrayList<>(List.of(
                new OptionalParameter.Receipted_message_id(messageId),
                new OptionalParameter.Message_state(stat.messageState().value())));
        if (networkName != null) {
            tlvs.add(NetworkNameTlv.of(networkName));
        }
        session.deliverShortMessage(null, handset.ton(), handset.npi(), handset.address(),
                sender.ton(), sender.npi(), sender.address(),
                new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                (byte) 0, (byte) 0, new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT), new RawDataCoding((byte) 0),
                text.getBytes(StandardCharsets.ISO_8859_1), tlvs.toArray(OptionalParameter[]::new));
    }

    static String textId(String messageId) {
        return SHORT_HEX.matcher(messageId).matches() ? Long.toString(Long.parseLong(messageId, 16)) : messageId;
    }

    private static SmppAddress address(int ton, int npi, String switchForm) {
        String address = switchForm.startsWith("+") ? switchForm.substring(1) : switchForm;
        return new SmppAddress(TypeOfNumber.valueOf((byte) ton), NumberingPlanIndicator.valueOf((byte) npi), address);
    }

    // The receipt's text field quotes the message start; keep it ASCII like real SMSCs do.
    private static String asciiPrefix(String text) {
        StringBuilder b = new StringBuilder(20);
        for (int i = 0; i < text.length() && b.length() < 20; i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return b.toString();
    }
}
