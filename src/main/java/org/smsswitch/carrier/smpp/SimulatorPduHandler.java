package org.smsswitch.carrier.smpp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's SMSC behaviour: answers submit_sm, records it, and sends a receipt once the
 * submit_sm_resp is out. Called on jSMPP's per-session PDU worker threads; it does no I/O there, and
 * receipts go out on their own executor because deliver_sm waits for the ESME's response.
 */
final class SimulatorPduHandler implements ServerMessageReceiverListener, ServerResponseDeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(SimulatorPduHandler.class);

    private record RejectionRule(Pattern destination, int commandStatus) {}

    private record PendingReceipt(SmppSimulator.ReceivedSubmit submit) {}

    private final AtomicLong messageIds = new AtomicLong();
    private final Queue<SmppSimulator.ReceivedSubmit> received = new ConcurrentLinkedQueue<>();
    private final List<RejectionRule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, PendingReceipt> pendingReceipts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService receiptSender;
    private final Function<Session, String> systemIdOf;
    private volatile Duration receiptDelay = Duration.ZERO;

    SimulatorPduHandler(ScheduledExecutorService receiptSender, Function<Session, String> systemIdOf) {
        this.receiptSender = receiptSender;
        this.systemIdOf = systemIdOf;
    }

    List<SmppSimulator.ReceivedSubmit> received() {
        return List.copyOf(received);
    }

    void clearReceived() {
        received.clear();
    }

    void receiptDelay(Duration delay) {
        this.receiptDelay = delay;
    }

    void reject(Pattern destination, int commandStatus) {
        rules.add(new RejectionRule(destination, commandStatus));
    }

    void clearRules() {
        rules.clear();
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
        String destination = SmppAddress.toSwitchForm(submitSm.getDestAddrTon(), submitSm.getDestAddress());
        for (RejectionRule rule : rules) {
            if (rule.destination().matcher(destination).matches()) {
                throw new ProcessRequestException("Rejected by rule " + rule.destination(), rule.commandStatus());
            }
        }
        String id = String.format("%010x", messageIds.incrementAndGet());
        SmppSimulator.ReceivedSubmit submit = record(id, submitSm, source);
        received.add(submit);
        if (submit.receiptRequested()) {
            pendingReceipts.put(id, new PendingReceipt(submit));
        }
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("Bad message id " + id, SMPPConstant.STAT_ESME_RSYSERR, e);
        }
    }

    private SmppSimulator.ReceivedSubmit record(String id, SubmitSm pdu, SMPPServerSession source) {
        boolean udh = AbstractSmCommand.isUdhi(pdu.getEsmClass());
        SmppSimulator.Concatenation concatenation =
                udh ? Udh.concatenation(ShortMessages.payload(pdu)).orElse(null) : null;
        return new SmppSimulator.ReceivedSubmit(id, systemIdOf.apply(source),
                SmppAddress.toSwitchForm(pdu.getSourceAddrTon(), pdu.getSourceAddr()),
                SmppAddress.toSwitchForm(pdu.getDestAddrTon(), pdu.getDestAddress()),
                pdu.getSourceAddrTon(), pdu.getSourceAddrNpi(), pdu.getDestAddrTon(), pdu.getDestAddrNpi(),
                pdu.getEsmClass() & 0xFF, pdu.getDataCoding() & 0xFF, pdu.getRegisteredDelivery() & 0xFF,
                concatenation, ShortMessages.text(pdu), Instant.now());
    }

    // The receipt waits for the response so the ESME always knows the id before it sees a receipt.
    @Override
    public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
        PendingReceipt pending = pendingReceipts.remove(result.getMessageId());
        if (pending == null) {
            return;
        }
        try {
            receiptSender.schedule(() -> sendReceipt(source, pending.submit()),
                    receiptDelay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Simulator closing; no receipt for {}", result.getMessageId());
        }
    }

    @Override
    public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession source) {
        pendingReceipts.remove(result.getMessageId());
    }

    private void sendReceipt(SMPPServerSession session, SmppSimulator.ReceivedSubmit submit) {
        if (!SmppSimulator.canDeliver(session)) {
            log.debug("No receipt for {}: session is {}", submit.messageId(), session.getSessionState());
            return;
        }
        String text = ReceiptText.format(submit.messageId(), submit.receivedAt(), Instant.now(), "DELIVRD", "000",
                asciiPrefix(submit.text()));
        try {
            session.deliverShortMessage(null,
                    TypeOfNumber.valueOf((byte) submit.destinationTon()),
                    NumberingPlanIndicator.valueOf((byte) submit.destinationNpi()), stripPlus(submit.destination()),
                    TypeOfNumber.valueOf((byte) submit.sourceTon()),
                    NumberingPlanIndicator.valueOf((byte) submit.sourceNpi()), stripPlus(submit.source()),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT),
                    new RawDataCoding((byte) 0),
                    text.getBytes(StandardCharsets.ISO_8859_1),
                    new OptionalParameter.Receipted_message_id(submit.messageId()),
                    new OptionalParameter.Message_state(MessageState.DELIVERED.value()));
        } catch (Exception e) {
            // jSMPP reports a negative deliver_sm_resp as an exception too; a real SMSC would retry.
            log.info("Receipt for {} not taken: {}", submit.messageId(), e.toString());
        }
    }

    private static String stripPlus(String address) {
        return address.startsWith("+") ? address.substring(1) : address;
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

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("submit_multi");
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("query_sm");
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("replace_sm");
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("cancel_sm");
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("broadcast_sm");
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("cancel_broadcast_sm");
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
            SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("query_broadcast_sm");
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw unsupported("data_sm");
    }

    @Override
    public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession source) {}

    @Override
    public void onSubmitMultiRespError(SubmitMultiResult result, Exception cause, SMPPServerSession source) {}

    private static ProcessRequestException unsupported(String command) {
        return new ProcessRequestException(command + " is not simulated", SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
