package org.smsswitch.carrier.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jsmpp.PDUException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.smsswitch.carrier.CarrierGateway;
import org.smsswitch.carrier.CarrierListener;
import org.smsswitch.carrier.CarrierUnavailableException;
import org.smsswitch.carrier.OutboundSms;
import org.smsswitch.carrier.SmsText;
import org.smsswitch.carrier.SubmitResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CarrierGateway} over one SMPP 3.4 bind (jSMPP). {@link #start()} binds; a dropped bind is
 * re-established in the background, waiting 1 s after a drop and doubling up to 30 s while attempts
 * fail, and every submit waiting on the dropped bind fails at once. Submits are limited to
 * {@link SmppBindConfig#windowSize()} awaiting a response and {@link SmppBindConfig#maxMessagesPerSecond()}
 * PDUs a second. A segment the SMSC answers with ESME_RTHROTTLED or ESME_RMSGQFUL is sent again after a
 * backoff (200 ms, doubling, at most 5 s) that holds back every submit on the bind, for at most six
 * response timeouts. Every segment asks for its own receipt when the message asks for one. Receipts
 * and MO go to the optional {@link CarrierListener}.
 */
public final class SmppCarrierGateway implements CarrierGateway {

    private static final Logger log = LoggerFactory.getLogger(SmppCarrierGateway.class);

    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int MAX_SEGMENTS = 255;
    private static final long UNBIND_WAIT_MILLIS = 1_000;
    private static final int THROTTLE_GIVE_UP_TIMEOUTS = 6;

    private static final ESMClass PLAIN = new ESMClass();
    private static final ESMClass WITH_UDH =
            new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI);
    private static final RegisteredDelivery RECEIPT = new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE);
    private static final RegisteredDelivery NO_RECEIPT = new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT);

    private final SmppBindConfig config;
    private final String label;
    private final InboundPduHandler inbound;
    private final Semaphore window;
    private final RateLimiter rate;
    private final long initialBackoffMillis;
    private final long maxBackoffMillis;
    private final ScheduledExecutorService binder;
    private final ThrottleGate throttle = new ThrottleGate(System::nanoTime);
    private final InFlightSubmits inFlight;
    private final ReentrantLock bindLock = new ReentrantLock();
    private final Condition bindChanged = bindLock.newCondition();
    private final AtomicReference<SMPPSession> session = new AtomicReference<>();
    private final AtomicLong backoffMillis = new AtomicLong();
    private final AtomicInteger concatReference = new AtomicInteger(ThreadLocalRandom.current().nextInt(256));
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;
    private volatile long boundAtNanos;

    /** A gateway without a listener: receipts and MO are acknowledged and dropped. */
    public SmppCarrierGateway(SmppBindConfig config) {
        this(config, null, null, null);
    }

    /**
     * @param carrierName names the carrier in receipts, MO and logs; may be null
     * @param listener receives receipts and MO; may be null
     */
    public SmppCarrierGateway(SmppBindConfig config, String carrierName, CarrierListener listener) {
        this(config, carrierName, null, listener);
    }

    /**
     * @param carrierName names the carrier in receipts (unless a receipt names the handset's network),
     *     MO and logs; may be null
     * @param route the switch's name for this connection, given with every receipt; may be null
     * @param listener receives receipts and MO; may be null
     */
    public SmppCarrierGateway(SmppBindConfig config, String carrierName, String route, CarrierListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.label = carrierName != null ? carrierName : config.systemId() + "@" + config.host() + ":" + config.port();
        this.inbound = new InboundPduHandler(listener, carrierName, route);
        this.window = new Semaphore(config.windowSize());
        this.rate = new RateLimiter(config.maxMessagesPerSecond(), System::nanoTime);
        this.initialBackoffMillis = INITIAL_BACKOFF.toMillis();
        this.maxBackoffMillis = MAX_BACKOFF.toMillis();
        this.backoffMillis.set(initialBackoffMillis);
        this.binder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smpp-bind-" + label);
            t.setDaemon(true);
            return t;
        });
        // jSMPP's own transaction timer ends a call first; this only guards against it failing to.
        this.inFlight = new InFlightSubmits(label, config.responseTimeout().multipliedBy(2).toNanos());
    }

    /**
     * Binds, waiting for the first attempt (at most about twice the response timeout). If it fails
     * the gateway keeps trying in the background; {@link #isBound()} tells when it is up.
     *
     * @return whether the first attempt bound
     */
    public boolean start() {
        if (closed || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("Gateway " + label + (closed ? " is closed" : " already started"));
        }
        // All binding happens on the binder thread, so attempts never overlap.
        Future<?> first = binder.submit(this::bind);
        try {
            first.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.error("Binding to {} failed unexpectedly", label, e.getCause());
        }
        return isBound();
    }

    /** Waits until a bind is up (the first, or one re-established after a drop), at most {@code timeout}. */
    @Override
    public boolean awaitBound(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        bindLock.lockInterruptibly();
        try {
            while (!closed && !isBound()) {
                if (left <= 0) {
                    return false;
                }
                left = bindChanged.awaitNanos(left);
            }
            return !closed;
        } finally {
            bindLock.unlock();
        }
    }

    /** How many times the SMSC answered a submit with ESME_RTHROTTLED or ESME_RMSGQFUL. */
    public long throttledCount() {
        return throttle.throttledCount();
    }

    /** Whether a bind is up now; a submit may still find it dropped. */
    public boolean isBound() {
        SMPPSession s = session.get();
        return s != null && s.getSessionState().isBound();
    }

    @Override
    public SubmitResult submit(OutboundSms sms) throws CarrierUnavailableException {
        Objects.requireNonNull(sms, "sms");
        boundSession(List.of()); // fail fast, before waiting for a window slot or rate tokens
        SmsText text = SmsText.of(sms.text());
        int segments = text.segmentCount();
        if (segments > MAX_SEGMENTS) {
            log.debug("Message {} not sent: {} segments, the UDH counts at most {}", sms.reference(), segments,
                    MAX_SEGMENTS);
            return SubmitResult.rejected(CommandStatus.name(SMPPConstant.STAT_ESME_RINVMSGLEN), segments);
        }
        SmppAddress source = SmppAddress.source(sms.source());
        SmppAddress destination;
        try {
            destination = SmppAddress.destination(sms.destination());
        } catch (IllegalArgumentException e) {
            log.debug("Message {} not sent: destination is not a phone number", sms.reference());
            return SubmitResult.rejected(CommandStatus.name(SMPPConstant.STAT_ESME_RINVDSTADR), segments);
        }
        long timeoutNanos = config.responseTimeout().toNanos();
        long admissionDeadline = System.nanoTime() + timeoutNanos;
        try {
            if (!window.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw new CarrierUnavailableException(
                        "No free window slot on " + label + " within the response timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CarrierUnavailableException("Interrupted while waiting to submit to " + label, e);
        }
        try {
            return send(sms, text, source, destination, admissionDeadline);
        } finally {
            window.release();
        }
    }

    private SubmitResult send(OutboundSms sms, SmsText text, SmppAddress source, SmppAddress destination,
            long admissionDeadline) throws CarrierUnavailableException {
        List<String> segments = text.segments();
        int total = segments.size();
        int reference = concatReference.incrementAndGet() & 0xFF;
        RawDataCoding dataCoding = new RawDataCoding(text.encoding().dataCoding());
        // Every segment asks for a receipt: the message's status follows all of them.
        RegisteredDelivery receipt = sms.receiptRequested() ? RECEIPT : NO_RECEIPT;
        List<String> accepted = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            byte[] payload = text.encode(segments.get(i));
            byte[] shortMessage = total > 1 ? Udh.concatenated(reference, total, i + 1, payload) : payload;
            InFlightSubmits.Pdu pdu = s -> s.submitShortMessage(null,
                    source.ton(), source.npi(), source.address(),
                    destination.ton(), destination.npi(), destination.address(),
                    total > 1 ? WITH_UDH : PLAIN, (byte) 0, (byte) 0, null, null,
                    receipt, (byte) 0, dataCoding, (byte) 0, shortMessage).getMessageId();
            try {
                accepted.add(submitSegment(pdu, sms, accepted, admissionDeadline));
            } catch (NegativeResponseException e) {
                return rejected(sms, CommandStatus.name(e.getCommandStatus()), accepted, total);
            } catch (PDUStringException e) {
                return rejected(sms, CommandStatus.name(e.getErrorCode()), accepted, total);
            } catch (PDUException e) {
                log.error("Message {} could not be encoded as submit_sm", sms.reference(), e);
                return rejected(sms, CommandStatus.name(SMPPConstant.STAT_ESME_RSYSERR), accepted, total);
            }
        }
        log.debug("Message {} accepted by {} as {} ({} segment(s), {})",
                sms.reference(), label, accepted, total, text.encoding());
        return SubmitResult.accepted(accepted);
    }

    /**
     * Sends one segment, again after a backoff while the SMSC answers that it is throttling, until six
     * response timeouts have passed. Each submit_sm takes its rate token just before it goes, after any
     * throttle wait, so the carrier never sees more than the configured rate. The first try of the
     * first segment waits for its token only until {@code admissionDeadline} (no room: nothing sent).
     */
    private String submitSegment(InFlightSubmits.Pdu pdu, OutboundSms sms, List<String> accepted,
            long admissionDeadline) throws NegativeResponseException, PDUException, CarrierUnavailableException {
        long timeoutNanos = config.responseTimeout().toNanos();
        long giveUpAt = System.nanoTime() + timeoutNanos * THROTTLE_GIVE_UP_TIMEOUTS;
        boolean admitted = !accepted.isEmpty();
        Duration backoff = ThrottleGate.FIRST_BACKOFF;
        try {
            while (true) {
                boundSession(accepted); // no wait for a bind that is gone or a gateway that is closing
                if (!throttle.awaitOpen(giveUpAt)) {
                    throw unavailable(sms, "Throttled by " + label + " for " + THROTTLE_GIVE_UP_TIMEOUTS
                            + " response timeouts", null, false, accepted);
                }
                SMPPSession s = boundSession(accepted);
                long tokenDeadline =
                        admitted ? Math.max(giveUpAt, System.nanoTime() + timeoutNanos) : admissionDeadline;
                if (!rate.acquire(1, tokenDeadline)) {
                    throw unavailable(sms, "Rate limit of " + label + " leaves no room in time", null, false,
                            accepted);
                }
                admitted = true;
                if (throttle.delayNanos() > 0) {
                    // Throttled while this one waited for its token: wait again, without holding the token.
                    rate.refund(1);
                    continue;
                }
                try {
                    return inFlight.send(s, pdu);
                } catch (NegativeResponseException e) {
                    if (!isThrottling(e.getCommandStatus())) {
                        throw e;
                    }
                    log.debug("Message {}: {} answered {}; every submit waits {} ms", sms.reference(), label,
                            CommandStatus.name(e.getCommandStatus()), backoff.toMillis());
                    throttle.throttled(backoff);
                    backoff = ThrottleGate.next(backoff);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(sms, "Interrupted while waiting to submit to " + label, e, false, accepted);
        } catch (NotAnsweredException e) {
            throw unavailable(sms, "Submit to " + label + " failed: " + e.getMessage(), e, e.mayHaveBeenWritten(),
                    accepted);
        }
    }

    private static boolean isThrottling(int commandStatus) {
        return commandStatus == SMPPConstant.STAT_ESME_RTHROTTLED || commandStatus == SMPPConstant.STAT_ESME_RMSGQFUL;
    }

    private CarrierUnavailableException unavailable(OutboundSms sms, String message, Throwable cause,
            boolean mayHaveBeenWritten, List<String> accepted) {
        if (!accepted.isEmpty()) {
            log.warn("Message {}: {} segment(s) accepted by {} before it failed; a retry sends them again",
                    sms.reference(), accepted.size(), label);
        }
        return new CarrierUnavailableException(message, cause, mayHaveBeenWritten || !accepted.isEmpty(), accepted);
    }

    private SubmitResult rejected(OutboundSms sms, String status, List<String> accepted, int total) {
        if (!accepted.isEmpty()) {
            log.warn("Message {}: {} rejected segment {} of {} with {} after accepting the earlier ones",
                    sms.reference(), label, accepted.size() + 1, total, status);
        } else {
            log.debug("Message {} rejected by {}: {}", sms.reference(), label, status);
        }
        return SubmitResult.rejected(status, total, accepted);
    }

    /** The bind to send on; without one, fails with the segments accepted so far. */
    private SMPPSession boundSession(List<String> accepted) throws CarrierUnavailableException {
        String problem = closed ? "Gateway " + label + " is closed" : null;
        SMPPSession s = session.get();
        if (problem == null && (s == null || !s.getSessionState().isTransmittable())) {
            problem = "Not bound to " + label;
        }
        if (problem != null) {
            throw new CarrierUnavailableException(problem, null, !accepted.isEmpty(), accepted);
        }
        return s;
    }

    // Runs on the binder thread only.
    private void bind() {
        if (closed) {
            return;
        }
        SMPPSession s = newSession();
        try {
            s.connectAndBind(config.host(), config.port(), bindParameter(), config.responseTimeout().toMillis());
        } catch (IOException e) {
            s.close();
            long delay = nextBackoff();
            log.warn("Bind to {} failed ({}); next attempt in {} ms", label, e.getMessage(), delay);
            schedule(delay);
            return;
        }
        if (closed) {
            s.unbindAndClose();
            return;
        }
        boundAtNanos = System.nanoTime();
        session.set(s);
        signalBindChanged();
        log.info("Bound to {} as {}", label, config.bindType());
        // A drop before the session was published went unnoticed by the state listener.
        if (!s.getSessionState().isBound()) {
            onSessionClosed(s);
        }
    }

    private SMPPSession newSession() {
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.responseTimeout().toMillis());
        SMPPSession s = new SMPPSession(new TimeoutSocketConnectionFactory(timeoutMillis));
        s.setEnquireLinkTimer((int) config.enquireLinkInterval().toMillis());
        s.setTransactionTimer(config.responseTimeout().toMillis());
        // Responses to a full window plus receipts must fit jSMPP's PDU queue, or it throttles the SMSC.
        s.setQueueCapacity(Math.max(100, config.windowSize() * 4));
        // Receipts hold a PDU thread until they are stored; enough threads keep submit responses moving
        // meanwhile, and let receipts that arrive together be stored together.
        s.setPduProcessorDegree(Math.max(3, Math.min(64, config.windowSize())));
        s.setMessageReceiverListener(inbound);
        s.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED && source instanceof SMPPSession closedSession) {
                onSessionClosed(closedSession);
            }
        });
        return s;
    }

    private BindParameter bindParameter() {
        return new BindParameter(config.bindType(), config.systemId(), config.password(), config.systemType(),
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null);
    }

    private void onSessionClosed(SMPPSession s) {
        // Whoever waits on the dropped bind learns it now, not when jSMPP's timer runs out.
        inFlight.dropped(s);
        throttle.wake();
        if (!session.compareAndSet(s, null) || closed) {
            return;
        }
        // A bind that lasted resets the backoff; one that keeps dropping at once keeps backing off.
        if (System.nanoTime() - boundAtNanos > TimeUnit.MILLISECONDS.toNanos(maxBackoffMillis)) {
            backoffMillis.set(initialBackoffMillis);
        }
        long delay = nextBackoff();
        log.warn("Bind to {} dropped; rebinding in {} ms", label, delay);
        schedule(delay);
    }

    private void signalBindChanged() {
        bindLock.lock();
        try {
            bindChanged.signalAll();
        } finally {
            bindLock.unlock();
        }
    }

    private long nextBackoff() {
        return backoffMillis.getAndUpdate(d -> Math.min(d * 2, maxBackoffMillis));
    }

    private void schedule(long delayMillis) {
        try {
            binder.schedule(this::bind, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Not rebinding {}: gateway closed", label);
        }
    }

    /**
     * Stops rebinding, waits up to the response timeout for submits in flight, fails those still
     * waiting, then unbinds. Later submits throw {@link CarrierUnavailableException}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        throttle.wake(); // submits backing off fail now rather than hold the close up
        signalBindChanged();
        binder.shutdownNow();
        try {
            if (!window.tryAcquire(config.windowSize(), config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Closing {} with submits still in flight; they will fail", label);
            }
            binder.awaitTermination(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inFlight.shutdown();
        SMPPSession s = session.getAndSet(null);
        if (s != null) {
            // jSMPP can miss the unbind_resp when the SMSC closes the socket right after sending it, and
            // then waits out the whole timer; the socket closes either way, so the wait is kept short.
            s.setTransactionTimer(Math.min(config.responseTimeout().toMillis(), UNBIND_WAIT_MILLIS));
            s.unbindAndClose();
            log.info("Unbound from {}", label);
        }
    }
}
