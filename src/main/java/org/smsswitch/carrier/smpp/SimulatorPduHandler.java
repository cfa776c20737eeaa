package org.smsswitch.carrier.smpp;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
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
 * The simulator's SMSC behaviour: answers submit_sm as its {@link SimulatorRules} say (throttled,
 * rejected, or taken with a new id), records it, holds the answer while a {@link ResponseHold} is on,
 * and sends a receipt once the submit_sm_resp is out (or, by rule, before it). Called on jSMPP's
 * per-session PDU worker threads; scheduled receipts go out on their own executor because deliver_sm
 * waits for the ESME's response.
 */
final class SimulatorPduHandler implements ServerMessageReceiverListener, ServerResponseDeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(SimulatorPduHandler.class);
    /** How often a receipt is offered before the simulator gives it up, and how far apart. */
    private static final int RECEIPT_ATTEMPTS = 10;
    private static final Duration RECEIPT_RETRY = Duration.ofSeconds(1);

    /** Starts from the clock, so a restarted simulator does not hand out the ids of its last run again. */
    private final AtomicLong messageIds = new AtomicLong(System.currentTimeMillis() << 16);
    private final SubmitLog submits = new SubmitLog();
    private final SimulatorRules rules = new SimulatorRules();
    private final ResponseHold hold = new ResponseHold();
    private final Map<String, SmppSimulator.ReceivedSubmit> pendingReceipts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService receiptSender;
    private final Function<Session, String> systemIdOf;
    private final BiFunction<SMPPServerSession, String, SMPPServerSession> receiverOf;
    private volatile Duration receiptDelay = Duration.ZERO;

    /**
     * @param receiverOf the session a receipt for a submit on the given one goes to: itself when it can
     *     receive (TRX), else a receiver bound with the same system_id (an ESME with a TX and an RX
     *     bind), else null
     */
    SimulatorPduHandler(ScheduledExecutorService receiptSender, Function<Session, String> systemIdOf,
            BiFunction<SMPPServerSession, String, SMPPServerSession> receiverOf) {
        this.receiptSender = receiptSender;
        this.systemIdOf = systemIdOf;
        this.receiverOf = receiverOf;
    }

    SubmitLog submits() {
        return submits;
    }

    SimulatorRules rules() {
        return rules;
    }

    ResponseHold hold() {
        return hold;
    }

    void receiptDelay(Duration delay) {
        this.receiptDelay = delay;
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
        submits.arrived(Instant.now());
        String destination = SmppAddress.toSwitchForm(submitSm.getDestAddrTon(), submitSm.getDestAddress());
        OptionalInt throttled = rules.takeThrottle(destination);
        if (throttled.isPresent()) {
            submits.throttled();
            throw new ProcessRequestException("Throttled by rule", throttled.getAsInt());
        }
        OptionalInt rejected = rules.rejection(destination);
        if (rejected.isPresent()) {
            throw new ProcessRequestException("Rejected by rule", rejected.getAsInt());
        }
        String id = String.format("%016x", messageIds.incrementAndGet());
        SmppSimulator.ReceivedSubmit submit = record(id, submitSm, source);
        submits.taken(submit);
        try {
            hold.awaitRelease(source);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessRequestException("Simulator stopping", SMPPConstant.STAT_ESME_RSYSERR, e);
        }
        if (submit.receiptRequested() && source.getSessionState().isBound()) {
            if (rules.receiptBeforeResponse(destination)) {
                // The ESME sees the receipt, and acknowledges it, before it learns the id.
                sendReceipt(source, submit);
            } else {
                pendingReceipts.put(id, submit);
            }
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

    // A scheduled receipt waits for the response, so the ESME normally knows the id before the receipt.
    @Override
    public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
        SmppSimulator.ReceivedSubmit submit = pendingReceipts.remove(result.getMessageId());
        if (submit == null) {
            return;
        }
        try {
            receiptSender.schedule(() -> sendReceipt(source, submit), receiptDelay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Simulator closing; no receipt for {}", result.getMessageId());
        }
    }

    @Override
    public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession source) {
        pendingReceipts.remove(result.getMessageId());
    }

    private void sendReceipt(SMPPServerSession source, SmppSimulator.ReceivedSubmit submit) {
        sendReceipt(source, submit, 1);
    }

    /**
     * Sends the receipt to the submitting session or, when that one is gone, another bound with the
     * same system_id; one not taken (no receiver bound, a refusal, no answer) is sent again later, as
     * an SMSC does.
     */
    private void sendReceipt(SMPPServerSession source, SmppSimulator.ReceivedSubmit submit, int attempt) {
        SMPPServerSession session = receiverOf.apply(source, submit.systemId());
        String failure;
        if (session == null) {
            failure = "no receiver bound as " + submit.systemId();
        } else {
            SimulatedReceipt receipt = SimulatedReceipt.of(submit, rules.outcome(submit.destination()),
                    rules.networkName(submit.destination()).orElse(null));
            try {
                receipt.sendOn(session);
                return;
            } catch (Exception e) {
                // jSMPP reports a negative deliver_sm_resp as an exception too.
                failure = e.toString();
            }
        }
        if (attempt >= RECEIPT_ATTEMPTS) {
            log.info("Receipt for {} given up after {} attempts: {}", submit.messageId(), attempt, failure);
            return;
        }
        log.debug("Receipt for {} not taken ({}); again in {}", submit.messageId(), failure, RECEIPT_RETRY);
        try {
            receiptSender.schedule(() -> sendReceipt(source, submit, attempt + 1), RECEIPT_RETRY.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Simulator closing; no receipt for {}", submit.messageId());
        }
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
