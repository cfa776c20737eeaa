package org.smsswitch.carrier.smpp;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.smsswitch.carrier.CarrierListener;
import org.smsswitch.carrier.DeliveryReceipt;
import org.smsswitch.carrier.InboundSms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns deliver_sm into receipts and MO for a {@link CarrierListener}. Runs on jSMPP's PDU worker
 * threads; jSMPP sends deliver_sm_resp when it returns, with the status of a thrown
 * {@link ProcessRequestException}.
 */
final class InboundPduHandler implements MessageReceiverListener {

    private static final Logger log = LoggerFactory.getLogger(InboundPduHandler.class);

    private final CarrierListener listener;
    private final String carrierName;
    private final String route;

    /**
     * @param carrierName the connection's carrier, for MO and for receipts that do not name a network
     * @param route the connection's route name, for receipts
     */
    InboundPduHandler(CarrierListener listener, String carrierName, String route) {
        this.listener = listener;
        this.carrierName = carrierName;
        this.route = route;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        if (isReceipt(deliverSm)) {
            // Unreadable stays unreadable: a permanent error stops the SMSC from sending it again.
            DeliveryReceipt receipt = receipt(deliverSm, carrierName, route).orElseThrow(
                    () -> new ProcessRequestException("Unreadable delivery receipt", SMPPConstant.STAT_ESME_RX_P_APPN));
            log.debug("Delivery receipt for {}: {}", receipt.carrierMessageId(), receipt.state());
            if (listener != null) {
                deliver(() -> listener.onDeliveryReceipt(receipt), "delivery receipt");
            }
        } else {
            InboundSms mo = mobileOriginated(deliverSm, carrierName);
            log.debug("Mobile-originated message {}", mo);
            if (listener != null) {
                deliver(() -> listener.onMobileOriginated(mo), "mobile-originated message");
            }
        }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        log.debug("Ignoring alert_notification from {}", alertNotification.getSourceAddr());
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RX_P_APPN);
    }

    static boolean isReceipt(DeliverSm pdu) {
        byte esm = pdu.getEsmClass();
        return MessageType.SMSC_DEL_RECEIPT.containedIn(esm) || MessageType.INTER_DEL_NOTIF.containedIn(esm);
    }

    /**
     * The receipt, preferring the receipted_message_id and message_state TLVs over the text form: the
     * TLV's id is the submit_sm_resp's, while the text's may be written differently (decimal for hex).
     */
    static Optional<DeliveryReceipt> receipt(DeliverSm pdu, String carrierName, String route) {
        // Receipt texts are ASCII whatever data_coding says; Latin-1 reads them without surprises.
        Optional<ReceiptText.Fields> text =
                ReceiptText.parse(new String(ShortMessages.payload(pdu), StandardCharsets.ISO_8859_1));
        String id = receiptedMessageId(pdu).orElse(text.map(ReceiptText.Fields::id).orElse(null));
        String state = messageState(pdu).orElse(text.map(ReceiptText.Fields::stat).orElse(null));
        if (id == null || state == null) {
            return Optional.empty();
        }
        return Optional.of(new DeliveryReceipt(id, state, text.map(ReceiptText.Fields::err).orElse(null),
                text.map(ReceiptText.Fields::doneTime).orElse(null),
                text.map(ReceiptText.Fields::submitDate).orElse(null),
                NetworkNameTlv.read(pdu).orElse(carrierName), route));
    }

    static InboundSms mobileOriginated(DeliverSm pdu, String carrierName) {
        String source = SmppAddress.toSwitchForm(pdu.getSourceAddrTon(), pdu.getSourceAddr());
        String destination = SmppAddress.toSwitchForm(pdu.getDestAddrTon(), pdu.getDestAddress());
        return new InboundSms(source, destination, ShortMessages.text(pdu), carrierName);
    }

    private static Optional<String> receiptedMessageId(DeliverSm pdu) {
        OptionalParameter p = pdu.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        if (p instanceof OptionalParameter.COctetString s) {
            return nonEmpty(s.getValueAsString());
        }
        if (p instanceof OptionalParameter.OctetString s) {
            return nonEmpty(new String(s.getValue(), StandardCharsets.US_ASCII).replace("\0", ""));
        }
        return Optional.empty();
    }

    private static Optional<String> messageState(DeliverSm pdu) {
        if (!(pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE) instanceof OptionalParameter.Byte b)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MessageState.valueOf(b.getValue())).flatMap(ReceiptStat::of)
                    .map(ReceiptStat::name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    private static void deliver(Runnable call, String what) throws ProcessRequestException {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("Carrier listener failed on a {}; answering ESME_RX_T_APPN so the SMSC sends it again", what, e);
            throw new ProcessRequestException("Listener failed: " + e, SMPPConstant.STAT_ESME_RX_T_APPN, e);
        }
    }
}
